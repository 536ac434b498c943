using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CriticalMinerals.Analysis.Recycling;
using CriticalMinerals.Cli.Infrastructure;
using CriticalMinerals.Cli.Output;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Recycling;
using CriticalMinerals.Results;
using Spectre.Console;

namespace CriticalMinerals.Cli.Commands;

/// <summary>
/// <c>recycling</c>: battery stock and flows by region and year (stock in use, retirements, collected, recycled, primary
/// demand per mineral) from Busch et al.'s regional demand, or the checks against Busch's recycled lithium and the IEA's
/// recycling shares.
/// </summary>
internal sealed class RecyclingCommand : ICliCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public int Order => 55;

    public Command Create(CliEnvironment environment)
    {
        var command = new Command("recycling", "Battery stocks and flows: batteries put into use retire by a lifetime distribution, are collected and recycled (capacity-capped) into secondary supply; per mineral, region and year. --compare busch|iea sets the result beside Busch et al.'s recycled lithium or the IEA scenario's demand.");
        var format = CommonOptions.Format();
        var data = CommonOptions.Data();
        var scenario = CommonOptions.Scenario();
        scenario.DefaultValueFactory = _ => "APS";
        var compare = new Option<string>("--compare") { Description = "none (the tidy stock-flow table, default), busch (recycled lithium by region beside Recycling.csv) or iea (recycling's share of world demand in an IEA scenario)", DefaultValueFactory = _ => "none" };
        compare.AcceptOnlyFromAmong("none", "busch", "iea");
        var years = new Option<string>("--years") { Description = "Years to print, comma-separated, or 'all'", DefaultValueFactory = _ => "2030,2040,2050" };
        var region = new Option<string?>("--region") { Description = "Only this Busch region (e.g. 'European Union')" };
        var mineral = new Option<string?>("--mineral") { Description = "Only this mineral: Lithium, Nickel, Cobalt, Manganese, Graphite" };
        var lifetime = new Option<string>("--lifetime") { Description = "Battery lifetime: busch (car batteries: logistic mean 15, sd 4, cut 30; default), busch-fleet (81 % car-like, 19 % mean 8: buses, trucks, two/three-wheelers), fixed:YEARS, weibull:SHAPE:SCALE, logistic:MEAN:SD", DefaultValueFactory = _ => "busch" };
        var shift = CommonOptions.Shift();
        var capacity = new Option<double?>("--capacity") { Description = "Recycling capacity in GWh of batteries per year in every region (default unlimited: no source gives one)" };
        var recovery = new Option<string>("--recovery") { Description = "Recovery rates: baseline (Busch et al.: 5 %, EU targets in the EU, China levels) or enhanced (EU targets everywhere but China)", DefaultValueFactory = _ => "baseline" };
        recovery.AcceptOnlyFromAmong("baseline", "enhanced");
        var basis = new Option<string>("--basis") { Description = "Deployment of the stock-flow table: busch (Busch et al.'s regional demand and 2022 chemistry mix, 2022–2070, with their 4 % scrap; default) or iea (the same regional shape scaled to the IEA --scenario's battery demand of each mineral, 2022–2050, no scrap: what the world model uses)", DefaultValueFactory = _ => "busch" };
        basis.AcceptOnlyFromAmong("busch", "iea");
        var chart = new Option<DirectoryInfo?>("--chart") { Description = "Also draw one chart per mineral (stock in use, retired, recycled, demand and primary demand by year: all regions and the five largest) as recycling-MINERAL.png into this folder" };
        foreach (var option in new Option[] { format, data, compare, scenario, years, region, mineral, lifetime, shift, capacity, recovery, basis, chart })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, token) => CommandRunner.Run(environment, ct =>
        {
            var dataset = CommonOptions.LoadDataset(parse.GetValue(data), environment.Error);
            var busch = dataset.Busch2025;
            var wanted = ParseYears(parse.GetValue(years)!);
            var options = RecyclingChecks.BuschOptions(busch.Years[0], busch.Years[^1]) with
            {
                Minerals = BatteryMinerals.Default,
                Lifetime = ParseLifetime(parse.GetValue(lifetime)!),
                Recovery = parse.GetValue(recovery) == "enhanced" ? RecoveryRates.BuschEnhanced : RecoveryRates.BuschBaseline,
            };
            var deployments = BatteryDeployments.FromBuschLithium(busch, busch.MineralIntensities);
            var shifts = CommonOptions.ParseShift(parse.GetValue(shift));
            foreach (var s in shifts)
            {
                deployments = s.Apply(deployments);
            }

            if (parse.GetValue(capacity) is { } cap)
            {
                var perRegion = (IReadOnlyList<YearAmount>)Enumerable.Range(busch.Years[0], busch.Years.Count).Select(y => new YearAmount(y, cap)).ToArray();
                options = options with { CapacityGwhPerYear = deployments.Select(d => d.Region).Distinct().ToDictionary(r => r, _ => perRegion) };
            }

            string? onlyRegion = parse.GetValue(region);
            string? onlyMineral = parse.GetValue(mineral);
            bool Keep(string r, string m, int y) => (onlyRegion is null || r == onlyRegion) && (onlyMineral is null || m == onlyMineral) && (wanted is null || wanted.Contains(y));
            string mode = parse.GetValue(compare)!;
            string outputFormat = parse.GetValue(format)!;
            // A value that rounds to zero prints as 0, not -0.
            Func<double, string> F = outputFormat == "table" ? v => (Math.Round(v, 3) == 0 ? 0 : v).ToString("0.###", C) : CsvCells.Number;
            IReadOnlyList<object> rows;
            string[] header;
            IReadOnlyList<string[]> cells;
            IReadOnlyList<string> notes = options.AssumptionNotes();
            if (mode == "busch")
            {
                var result = RecyclingChecks.CompareWithBusch(busch, options with { Minerals = [BatteryMinerals.Lithium] }).Where(r => Keep(r.Region, BatteryMinerals.Lithium, r.Year)).ToArray();
                rows = result;
                header = ["region", "year", "busch_kt_li", "library_kt_li", "difference_kt"];
                cells = result.Select(r => new[] { r.Region, r.Year.ToString(C), F(r.PublishedKt), F(r.LibraryKt), F(r.DifferenceKt) }).ToArray();
            }
            else if (mode == "iea")
            {
                var ieaScenario = CommonOptions.ParseScenario(parse.GetValue(scenario)!);
                var ieaOptions = options with { FirstYear = 2024, LastYear = 2050, ScrapShare = 0, CapacityGwhPerYear = options.CapacityGwhPerYear is null ? null : new Dictionary<string, IReadOnlyList<YearAmount>> { ["World"] = options.CapacityGwhPerYear.Values.First() } };
                var result = new[] { ("baseline", RecoveryRates.BuschBaseline), ("enhanced", RecoveryRates.BuschEnhanced) }
                    .SelectMany(c => RecyclingChecks.ShareOfWorldDemand(dataset, ieaScenario, ieaOptions with { Recovery = c.Item2 }, c.Item1, shifts))
                    .Where(r => Keep("World", r.Mineral, r.Year)).ToArray();
                rows = result;
                notes = ieaOptions.AssumptionNotes();
                header = ["mineral", "year", "recovery", "battery_kt", "total_kt", "recycled_kt", "share_of_total", "iea_battery_kt", "iea_total_kt", "recycled_of_iea_battery_kt", "share_of_iea_total"];
                cells = result.Select(r => new[] { r.Mineral, r.Year.ToString(C), r.RecoveryCase, F(r.BatteryDemandKt), F(r.TotalDemandKt), F(r.RecycledKt), r.ShareOfTotalDemand.ToString("P1", C), F(r.IeaBatteryDemandKt), F(r.IeaTotalDemandKt), F(r.IeaConsistentRecycledKt), r.ShareOfIeaTotalDemand.ToString("P1", C) }).ToArray();
            }
            else
            {
                var projection = parse.GetValue(basis) == "iea"
                    ? ScenarioBatteryFlows.Create(dataset, CommonOptions.ParseScenario(parse.GetValue(scenario)!), options with { FirstYear = 2022, LastYear = 2050, ScrapShare = 0, Minerals = ScenarioBatteryFlows.Minerals }, shifts).Projection
                    : BatteryRecyclingProjection.Run(deployments, busch.MineralIntensities, options);
                notes = projection.Assumptions;
                if (parse.GetValue(chart) is { } folder)
                {
                    CliInput.RequireFolder("--chart", new FileInfo(Path.Combine(folder.FullName, "x.png")));
                    string subtitle = (parse.GetValue(basis) == "iea" ? $"IEA {parse.GetValue(scenario)} battery demand by Busch region" : "Busch et al. (2025) reference regional demand, 2022 chemistry mix")
                        + $"; lifetime {options.Lifetime.Summary}; recovery {parse.GetValue(recovery)}" + (shifts.Length > 0 ? $"; shift {parse.GetValue(shift)}" : string.Empty);
                    foreach (var m in projection.Rows.Select(r => r.Mineral).Distinct().Where(m => onlyMineral is null || m == onlyMineral))
                    {
                        var figure = Charts.RecyclingCharts.StocksAndFlows(projection.Rows.Where(r => onlyRegion is null || r.Region == onlyRegion).ToArray(), m, subtitle);
                        string file = Path.Combine(folder.FullName, $"recycling-{m.ToLowerInvariant()}.png");
                        Charts.ChartExport.Save(figure, file, figure.SuggestedSize);
                        environment.Error.WriteLine($"chart: {file}");
                    }
                }

                var result = projection.Rows.Where(r => Keep(r.Region, r.Mineral, r.Year)).ToArray();
                rows = result;
                header = ["mineral", "region", "year", "demand_kt", "stock_in_use_kt", "retired_kt", "collected_kt", "processed_kt", "backlog_kt", "recycled_kt", "primary_demand_kt"];
                cells = result.Select(r => new[] { r.Mineral, r.Region, r.Year.ToString(C), F(r.DemandKt), F(r.StockInUseKt), F(r.RetiredKt), F(r.CollectedKt), F(r.ProcessedKt), F(r.BacklogKt), F(r.RecycledKt), F(r.PrimaryDemandKt) }).ToArray();
            }

            Write(environment, outputFormat, header, cells, rows, notes);
            return Task.FromResult(ExitCodes.Ok);
        }, token));
        return command;
    }

    private static HashSet<int>? ParseYears(string value)
    {
        if (value.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var years = new HashSet<int>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            years.Add(int.TryParse(part, NumberStyles.Integer, C, out int y) ? y : throw new ArgumentException($"--years {CliInput.Show(value)}: '{part}' is not a year; expected e.g. 2030,2040 or all."));
        }

        return years;
    }

    private static LifetimeDistribution ParseLifetime(string value)
    {
        var parts = value.Split(':');
        double Arg(int i) => parts.Length > i && double.TryParse(parts[i], NumberStyles.Float, C, out double x) ? x
            : throw new ArgumentException($"--lifetime {CliInput.Show(value)}: expected busch, busch-fleet, fixed:YEARS, weibull:SHAPE:SCALE or logistic:MEAN:SD.");
        return parts[0] switch
        {
            "busch" => LifetimeDistribution.BuschCarBattery,
            "busch-fleet" => LifetimeDistribution.BuschFleetBattery,
            "fixed" => new FixedLifetime((int)Arg(1)),
            "weibull" => new WeibullLifetime(Arg(1), Arg(2)),
            "logistic" => new LogisticLifetime(Arg(1), Arg(2), 30),
            _ => throw new ArgumentException($"--lifetime {CliInput.Show(value)}: expected busch, busch-fleet, fixed:YEARS, weibull:SHAPE:SCALE or logistic:MEAN:SD."),
        };
    }

    private static void Write(CliEnvironment environment, string format, string[] header, IReadOnlyList<string[]> cells, IReadOnlyList<object> rows, IReadOnlyList<string> notes)
    {
        if (format == "json")
        {
            environment.Out.WriteLine(JsonSerializer.Serialize(new { rows, assumptions = notes }, CliJson.Options));
        }
        else if (format == "csv")
        {
            CsvCells.WriteLine(environment.Out, header);
            foreach (var row in cells)
            {
                CsvCells.WriteLine(environment.Out, row.Select(CsvCells.Text));
            }
        }
        else
        {
            var console = environment.CreateOutputConsole();
            var table = new Table { Border = TableBorder.Simple };
            foreach (var h in header)
            {
                table.AddColumn(new TableColumn(h));
            }

            foreach (var row in cells)
            {
                table.AddRow(row.Select(c => new Text(c)).ToArray());
            }

            console.Write(table);
            foreach (var note in notes)
            {
                console.WriteLine("assumption: " + note);
            }
        }

        environment.Out.Flush();
    }
}
