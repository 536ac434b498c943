namespace CriticalMinerals.Modeling.Export;

/// <summary>
/// Reads and writes models as MPS and CPLEX LP files at full precision. Use these rather than OR-Tools' writers,
/// which keep six significant digits, and its MPS import, which fails in the .NET build.
/// </summary>
/// <remarks>See <see cref="MpsWriter"/>, <see cref="LpWriter"/> and <see cref="MpsReader"/> for the conventions.</remarks>
public static class ModelFile
{
    /// <summary>Writes the model as free MPS to a file, replacing it.</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="options">Options; the defaults when <see langword="null"/>.</param>
    public static void WriteMps(LinearModel model, string path, MpsWriterOptions? options = null) => MpsWriter.Write(model, path, options);

    /// <summary>Writes the model as free MPS to a text writer, which is not closed.</summary>
    /// <param name="model">The model.</param>
    /// <param name="writer">The destination.</param>
    /// <param name="options">Options; the defaults when <see langword="null"/>.</param>
    public static void WriteMps(LinearModel model, TextWriter writer, MpsWriterOptions? options = null) => MpsWriter.Write(model, writer, options);

    /// <summary>Writes the model in CPLEX LP format to a file, replacing it.</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="options">Options; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The model has rows but no variables.</exception>
    public static void WriteLp(LinearModel model, string path, LpWriterOptions? options = null) => LpWriter.Write(model, path, options);

    /// <summary>Writes the model in CPLEX LP format to a text writer, which is not closed.</summary>
    /// <param name="model">The model.</param>
    /// <param name="writer">The destination.</param>
    /// <param name="options">Options; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The model has rows but no variables.</exception>
    public static void WriteLp(LinearModel model, TextWriter writer, LpWriterOptions? options = null) => LpWriter.Write(model, writer, options);

    /// <summary>Reads a model from an MPS file.</summary>
    /// <param name="path">The file to read.</param>
    /// <exception cref="MpsFormatException">The file is not valid MPS; every problem found is listed.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static LinearModel ReadMps(string path) => MpsReader.Read(path);

    /// <summary>Reads a model from MPS text; errors name the source <c>&lt;stream&gt;</c>.</summary>
    /// <param name="reader">The source; not closed.</param>
    /// <exception cref="MpsFormatException">The text is not valid MPS; every problem found is listed.</exception>
    public static LinearModel ReadMps(TextReader reader) => MpsReader.Read(reader);
}
