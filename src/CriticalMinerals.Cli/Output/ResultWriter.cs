using CriticalMinerals.Results;

namespace CriticalMinerals.Cli.Output;

/// <summary>CSV and JSON through the library's exporters, so the tool and the library write the same files.</summary>
internal static class ResultWriter
{
    public static void WriteMachineReadable(string format, IReadOnlyList<CoverageResult> results, TextWriter output)
    {
        if (format == "json")
        {
            using var buffer = new MemoryStream();
            CoverageExport.WriteJson(results, buffer);
            output.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            output.WriteLine();
        }
        else
        {
            CoverageExport.WriteCsv(results, output);
        }

        output.Flush();
    }
}
