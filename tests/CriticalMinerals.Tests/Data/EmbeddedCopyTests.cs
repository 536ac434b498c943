using CriticalMinerals.Data.Loading;

namespace CriticalMinerals.Tests.Data;

public class EmbeddedCopyTests
{
    /// <summary>The data files and every file of <c>busch2025/</c> (tables, the 12 deposit variants, LICENSE, README.md).</summary>
    public static TheoryData<string> DataFiles => new(DefaultFiles.DataFiles.Concat(Busch2025Files.All));

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void Embedded_copy_is_byte_identical_to_shared_data(string file)
    {
        var embedded = DefaultFiles.ReadEmbedded(file);
        embedded.Should().NotBeNull($"{file} must be embedded");
        embedded!.Length.Should().BeGreaterThan(0);

        var shared = TestPaths.FindUp(Path.Combine("shared", "data"));
        if (shared is null)
        {
            return; // Only outside the project layout; CI has shared/data beside the clone.
        }

        File.ReadAllBytes(Path.Combine(shared, file)).Should().Equal(embedded, $"{file} must be an unchanged copy of shared/data/{file}");
    }

    [Fact]
    public void Schema_files_are_embedded_and_iso_list_has_249_codes()
    {
        foreach (var file in DefaultFiles.SchemaFiles)
        {
            DefaultFiles.ReadEmbedded(file).Should().NotBeNull(file);
        }

        // iso3166.csv: header + 249 ISO 3166-1 alpha-3 codes (from the Debian iso-codes list).
        var text = System.Text.Encoding.UTF8.GetString(DefaultFiles.ReadEmbedded(DefaultFiles.Iso3166)!);
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(250);
    }
}
