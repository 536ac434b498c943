using System.Text;
using CriticalMinerals.Data;
using CriticalMinerals.Data.Loading;

namespace CriticalMinerals.Tests.Data;

/// <summary>
/// Malformed Busch et al. (2025) files: each case writes the embedded file with some lines changed into
/// <c>busch2025/</c> of an empty folder (everything else from the embedded defaults) and expects one exception naming every problem.
/// </summary>
public sealed class Busch2025MalformedTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cm-busch-tests-" + Guid.NewGuid().ToString("N"));

    public Busch2025MalformedTests() => Directory.CreateDirectory(Path.Combine(_dir, "busch2025"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Writes <paramref name="file"/> with each (old, new) replacement applied once to the embedded text.</summary>
    private void Write(string file, params (string Old, string New)[] edits)
    {
        var text = Encoding.UTF8.GetString(DefaultFiles.ReadEmbedded(file)!);
        foreach (var (old, replacement) in edits)
        {
            text.Should().Contain(old);
            int at = text.IndexOf(old, StringComparison.Ordinal);
            text = text[..at] + replacement + text[(at + old.Length)..];
        }

        var path = Path.Combine(_dir, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }

    private DatasetException Refused() =>
        Assert.Throws<DatasetException>(() => MineralDataset.Load(_dir, new DatasetLoadOptions { FallBackToDefaults = true }));

    [Fact]
    public void Bad_number_duplicate_id_and_unmapped_country_of_Deposit_csv_come_at_once()
    {
        Write(
            Busch2025Files.Deposit,
            ("51066.2005", "51O66.2005"), // row 2, cost1: a letter O
            ("\n2,\"Bolivia\"", "\n1,\"Bolivia\""), // row 3 repeats id 1
            ("\"Zimbabwe\"", "\"Atlantis\"")); // first Zimbabwe row
        var e = Refused();
        int atlantis = Array.FindIndex(File.ReadAllLines(Path.Combine(_dir, Busch2025Files.Deposit)), l => l.Contains("Atlantis", StringComparison.Ordinal)) + 1;
        e.Problems.Select(p => (p.File, p.Row, p.Field, p.Value)).Should().Equal(
            (Busch2025Files.Deposit, 2, "cost1", "51O66.2005"),
            (Busch2025Files.Deposit, 3, "d", "1"),
            (Busch2025Files.Deposit, atlantis, "Country", "Atlantis"));
        e.Problems[1].Expected.Should().Be("each deposit id once (first at row 2)");
        e.Problems[2].Expected.Should().Contain("iso3166.csv").And.Contain("DR Congo = COD");
        e.Message.Should().Contain("3 problem(s)")
            .And.Contain("busch2025/Deposit.csv, row 2, field 'cost1': found '51O66.2005'")
            .And.Contain("field 'Country': found 'Atlantis'");
    }

    [Fact]
    public void NA_where_a_number_is_required_and_negative_or_zero_costs_are_problems()
    {
        Write(
            Busch2025Files.Deposit,
            (",TRUE,360,7840,", ",TRUE,NA,7840,"), // row 2, reserve NA: the model needs a tonnage
            ("49440.1922566318", "0")); // row 3, cost1 = 0
        var e = Refused();
        e.Problems.Select(p => (p.Row, p.Field, p.Value)).Should().Equal((2, "reserve", "NA"), (3, "cost1", "0"));
        e.Problems[1].Expected.Should().Be("a positive cost (USD per t Li)");
    }

    [Fact]
    public void Unknown_region_is_reported_in_its_row_and_as_a_missing_region_of_the_world_row()
    {
        // Demand_Region.csv row 2: 2022,"ASEAN","Ambitious-Baseline-Baseline-Baseline-Baseline",1959.49434007689
        Write(Busch2025Files.DemandRegion, ("2022,\"ASEAN\",\"Ambitious-Baseline-Baseline-Baseline-Baseline\"", "2022,\"Atlantis\",\"Ambitious-Baseline-Baseline-Baseline-Baseline\""));
        var e = Refused();
        e.Problems.Select(p => (p.File, p.Row, p.Field, p.Value)).Should().Equal(
            (Busch2025Files.DemandRegion, 2, "Region", "Atlantis"),
            (Busch2025Files.Demand, 2, "(row)", "2022,Ambitious-Baseline-Baseline-Baseline-Baseline"));
        e.Problems[0].Expected.Should().Be("a region of busch2025/region_countries.csv");
        e.Problems[1].Expected.Should().Contain("missing: ASEAN");
    }

    [Fact]
    public void Regional_demand_given_in_kt_instead_of_t_is_caught_by_the_world_sum()
    {
        // 2022,"ASEAN",...,1959.49434007689 t written as 1.95949434007689 (kt): Σ regions no longer matches Demand.csv row 2.
        Write(Busch2025Files.DemandRegion, ("1959.49434007689", "1.95949434007689"));
        var p = Refused().Problems.Should().ContainSingle().Subject;
        (p.File, p.Row, p.Field, p.Value).Should().Be((Busch2025Files.Demand, 2, "Demand", "113.535026828114"));
        p.Expected.Should().Contain("is in t Li").And.Contain("in kt Li");
    }

    [Fact]
    public void Unknown_chemistry_region_and_scenario_across_three_files_come_at_once()
    {
        // battery_region.csv row 2: "BEV","2022","ASEAN","NMC 111",50.9908571267252,...
        Write(Busch2025Files.Battery, ("\"ASEAN\",\"NMC 111\"", "\"ASEAN\",\"NMC 999\""));
        // Recycling.csv row 2: "Ambitious-Baseline-Baseline-Baseline-Baseline","ASEAN",2023,0.00125090910595122
        Write(Busch2025Files.Recycling, ("\"Ambitious-Baseline-Baseline-Baseline-Baseline\",\"ASEAN\",2023", "\"Ambitious\",\"ASEAN\",2023"));
        // region_countries.csv: Other Asia Pacific,Afghanistan,Afghanistan,AFG -> an unknown code
        Write(Busch2025Files.Regions, ("Afghanistan,AFG", "Afghanistan,AFX"));
        var problems = Refused().Problems;
        problems.Select(p => (p.File, p.Row, p.Field, p.Value)).Should().Equal(
            (Busch2025Files.Regions, 2, "iso3", "AFX"),
            (Busch2025Files.Recycling, 2, "Scenario", "Ambitious"),
            (Busch2025Files.Battery, 2, "chemistry", "NMC 999"));
        problems[2].Expected.Should().Be("a chemistry of busch2025/mineral_intensity.csv");
    }

    [Fact]
    public void Missing_busch2025_folder_means_the_embedded_copy_and_a_given_folder_is_read()
    {
        Directory.Delete(Path.Combine(_dir, "busch2025"));
        var data = MineralDataset.Load(_dir, new DatasetLoadOptions { FallBackToDefaults = true });
        data.Busch2025.Deposits.Should().HaveCount(160);

        // A folder with one changed figure: that figure is read from it, the rest from the embedded copy.
        Write(Busch2025Files.Intensity, ("Nickel,NMC 811,0.6583745077921409", "Nickel,NMC 811,0.7"));
        data = MineralDataset.Load(_dir, new DatasetLoadOptions { FallBackToDefaults = true });
        data.Busch2025.MineralIntensities.Single(i => i is { Mineral: "Nickel", Chemistry: "NMC 811" }).KgPerKwh.Should().Be(0.7);
        data.Busch2025.Deposits.Should().HaveCount(160);
    }

    [Fact]
    public void Without_fallback_a_given_folder_must_hold_every_file()
    {
        foreach (var f in DefaultFiles.DataFiles)
        {
            File.WriteAllBytes(Path.Combine(_dir, f), DefaultFiles.ReadEmbedded(f)!);
        }

        Write(Busch2025Files.Intensity);
        var e = Assert.Throws<DatasetException>(() => MineralDataset.Load(_dir));
        e.Problems.Should().Contain(p => p.File == Busch2025Files.ScenarioFolder && p.Value == "(missing)");
    }

    [Fact]
    public void A_source_id_of_sources_csv_that_clashes_with_a_library_source_is_a_problem()
    {
        Directory.Delete(Path.Combine(_dir, "busch2025"));
        var sources = Encoding.UTF8.GetString(DefaultFiles.ReadEmbedded(DefaultFiles.Sources)!).TrimEnd('\n') + "\nB25,My own B25,https://example.org\n";
        File.WriteAllText(Path.Combine(_dir, DefaultFiles.Sources), sources);
        var p = Refused().Problems.Should().ContainSingle().Subject;
        (p.File, p.Row, p.Field, p.Value).Should().Be((DefaultFiles.LibrarySources, 2, "source_id", "B25"));
    }
}
