using System.Diagnostics;
using CriticalMinerals.Data;

namespace CriticalMinerals.Tests.Data;

/// <summary>
/// What a data directory may hold: regular files of the exact names, within the size cap. A directory, FIFO or device
/// in a file's place, names that differ only by case or extension, an oversized file: problems, never a hang, never the
/// embedded copy used unseen. Files the directory lacks are listed in <see cref="MineralDataset.FallbackFiles"/>.
/// </summary>
public sealed class DataDirectoryTests : IDisposable
{
    private const string Sources = "sources.csv";
    private readonly string _dir = Directory.CreateTempSubdirectory("cm-data-dir-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly DatasetLoadOptions Fallback = new() { FallBackToDefaults = true };

    private IReadOnlyList<DataProblem> Problems(DatasetLoadOptions? options = null)
    {
        var act = () => MineralDataset.Load(_dir, options ?? Fallback);
        return act.Should().Throw<DatasetException>().Which.Problems;
    }

    private void CopyEmbedded(string file, string asName) =>
        File.WriteAllBytes(Path.Combine(_dir, asName), CriticalMinerals.Data.Loading.DefaultFiles.ReadEmbedded(file)!);

    [Fact]
    public void Files_taken_from_the_embedded_copy_are_listed()
    {
        CopyEmbedded(Sources, Sources);
        var data = MineralDataset.Load(_dir, Fallback);
        data.FallbackFiles.Should().Contain(["iea_supply_by_country.csv", "country_groups.csv", "commodities.csv", "busch2025/"]).And.NotContain(Sources);
        MineralDataset.Default.FallbackFiles.Should().BeEmpty();

        var answer = new CriticalMinerals.Analysis.CoalitionAnalysis(data).Answer(new CriticalMinerals.Analysis.CoalitionQuestion
        {
            Commodity = "lithium",
            Coalition = data.GetCoalition("G7"),
            Scenario = DemandScenario.Nze,
            Year = 2030,
        });
        answer.Notes.Should().Contain(n => n.StartsWith("Partly the embedded data", StringComparison.Ordinal) && n.Contains("iea_supply_by_country.csv", StringComparison.Ordinal));
    }

    [Fact]
    public void A_directory_in_place_of_a_file_is_a_problem()
    {
        Directory.CreateDirectory(Path.Combine(_dir, Sources));
        var p = Problems().Should().ContainSingle().Subject;
        (p.File, p.Field).Should().Be((Sources, "(file)"));
        p.Expected.Should().Be("a regular file, not a directory");
    }

    [Theory]
    [InlineData("Sources.CSV")]
    [InlineData("sources.JSON")]
    public void A_name_differing_only_by_case_is_a_problem(string name)
    {
        CopyEmbedded(Sources, name);
        var p = Problems().Should().ContainSingle().Subject;
        (p.File, p.Field, p.Value).Should().Be((name, "(file name)", name));
        p.Expected.Should().Contain("sources.csv or sources.json").And.Contain("ambiguous");
    }

    [Fact]
    public void Csv_and_json_of_the_same_file_are_ambiguous()
    {
        CopyEmbedded(Sources, Sources);
        File.WriteAllText(Path.Combine(_dir, "sources.json"), "[]");
        Problems().Select(p => p.File).Should().Equal("sources.csv", "sources.json");
    }

    [Fact]
    public void A_file_beyond_the_size_cap_is_a_problem_naming_the_cap()
    {
        CopyEmbedded(Sources, Sources);
        var p = Problems(Fallback with { MaxFileBytes = 100 }).Should().ContainSingle().Subject;
        (p.File, p.Field).Should().Be((Sources, "(file)"));
        p.Expected.Should().Be("at most 100 bytes (DatasetLoadOptions.MaxFileBytes)");
        new DatasetLoadOptions().MaxFileBytes.Should().Be(64L * 1024 * 1024);
    }

    [Fact]
    public void A_symbolic_link_to_dev_zero_is_refused_up_front()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.CreateSymbolicLink(Path.Combine(_dir, Sources), "/dev/zero");
        var watch = Stopwatch.StartNew();
        var p = Problems().Should().ContainSingle().Subject;
        p.Expected.Should().Be("a regular file, not a character device");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "nothing is read from the device");
    }

    [Fact]
    public async Task A_fifo_is_refused_without_opening_it()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using (var mkfifo = Process.Start("mkfifo", [Path.Combine(_dir, "iea_supply_by_country.csv")]))
        {
            await mkfifo.WaitForExitAsync();
        }

        var load = Task.Run(() => Problems());
        var first = await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(60)));
        first.Should().BeSameAs(load, "a FIFO without a writer would block an open for ever");
        (await load).Should().ContainSingle().Which.Expected.Should().Be("a regular file, not a FIFO (named pipe)");
    }

    [Fact]
    public void An_unreadable_directory_is_a_problem()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            return; // root reads every directory
        }

        string locked = Directory.CreateDirectory(Path.Combine(_dir, "locked")).FullName;
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var act = () => MineralDataset.Load(locked, Fallback);
            act.Should().Throw<DatasetException>().Which.Problems.Should().ContainSingle().Which.Expected.Should().StartWith("a readable directory");
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
