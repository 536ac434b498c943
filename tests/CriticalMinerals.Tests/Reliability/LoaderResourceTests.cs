using System.Diagnostics;
using System.Text;
using CriticalMinerals.Data;
using CriticalMinerals.Data.Loading;

namespace CriticalMinerals.Tests.Reliability;

/// <summary>
/// Every loader is linear in its rows: 200,000 extra rows (each a duplicate, so each also a problem; in
/// country_groups.csv each a new group) load in seconds where a search per row took 30 s for 100,000 groups and never
/// finished at 300,000. The bound is generous (a
/// quadratic loader misses it by minutes, a loaded build machine does not), and the caps are checked exactly.
/// </summary>
[Collection(nameof(MemoryHeavyGroup))]
public sealed class LoaderResourceTests : IDisposable
{
    private const int ExtraRows = 200_000;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("cm-loader-resources-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> DataFiles => new(DefaultFiles.DataFiles);

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void Each_loader_is_linear_in_its_rows(string file)
    {
        var text = Encoding.UTF8.GetString(DefaultFiles.ReadEmbedded(file)!).TrimEnd('\n', '\r');
        var lastRow = text[(text.LastIndexOf('\n') + 1)..];
        var big = new StringBuilder(text).Append('\n');
        var rest = lastRow[lastRow.IndexOf(',')..];
        for (int i = 0; i < ExtraRows; i++)
        {
            // A new coalition per row: the case a search over the groups read so far made quadratic.
            big.Append(file == DefaultFiles.Groups ? "G" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + rest : lastRow).Append('\n');
        }

        File.WriteAllText(Path.Combine(_dir, file), big.ToString());
        var watch = Stopwatch.StartNew();
        try
        {
            MineralDataset.Load(_dir, new DatasetLoadOptions { FallBackToDefaults = true });
        }
        catch (DatasetException e)
        {
            e.Problems.Should().NotBeEmpty();
        }

        watch.Elapsed.Should().BeLessThan(Generous, $"{ExtraRows} rows of {file} (linear: a few seconds)");
    }

    [Fact]
    public void Json_with_a_new_property_in_every_object_stops_at_the_cap()
    {
        var json = new StringBuilder("[");
        for (int i = 0; i < 20_000; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append("{\"p").Append(i).Append("\": 1}");
        }

        File.WriteAllText(Path.Combine(_dir, "iea_supply_by_country.json"), json.Append(']').ToString());
        var watch = Stopwatch.StartNew();
        var act = () => MineralDataset.Load(_dir, new DatasetLoadOptions { FallBackToDefaults = true });
        var p = act.Should().Throw<DatasetException>().Which.Problems.Should().ContainSingle().Subject;
        (p.Row, p.Value).Should().Be((JsonRows.MaxProperties + 1, "p" + JsonRows.MaxProperties));
        p.Expected.Should().Contain("at most 64 distinct property names");
        watch.Elapsed.Should().BeLessThan(Generous, "it took 67 s and 4.6 GB");
    }

    [Fact]
    public void Problem_values_are_cut_to_80_characters()
    {
        var supply = Encoding.UTF8.GetString(DefaultFiles.ReadEmbedded("iea_supply_by_country.csv")!);
        var lines = supply.Split('\n');
        var fields = lines[1].Split(',');
        fields[0] = new string('x', 1_000_000);
        lines[1] = string.Join(',', fields);
        File.WriteAllText(Path.Combine(_dir, "iea_supply_by_country.csv"), string.Join('\n', lines));
        var act = () => MineralDataset.Load(_dir, new DatasetLoadOptions { FallBackToDefaults = true });
        var problem = act.Should().Throw<DatasetException>().Which.Problems.First(p => p.Field == "mineral");
        problem.Value.Should().HaveLength(ProblemText.MaxValueChars + " (1000000 characters)".Length).And.EndWith("... (1000000 characters)");
    }
}

/// <summary>
/// Runs alone, after the parallel tests: the loader's resource tests build files of hundreds of megabytes in memory, and
/// <see cref="SoakTests"/> measures the whole process's resident memory, so neither may run beside another test.
/// </summary>
[CollectionDefinition(nameof(MemoryHeavyGroup), DisableParallelization = true)]
public sealed class MemoryHeavyGroup;
