using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CriticalMinerals.Analysis.Deposits;
using CriticalMinerals.Cli.Infrastructure;
using CriticalMinerals.Cli.Output;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Deposits;
using CriticalMinerals.Results;
using Spectre.Console;

namespace CriticalMinerals.Cli.Commands;

/// <summary>
/// <c>lithium-friendshoring</c>: per coalition and Busch et al. (2025) demand scenario, the coalition's own lithium demand served
/// from every deposit and from its members' (or partners', or all but some countries') deposits: what friendshoring costs,
/// the demand it leaves unmet, the mines it opens and by when the coalition can serve itself (docs/friendshoring-lithium.md).
/// </summary>
internal sealed class LithiumFriendshoringCommand : ICliCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Columns of <c>--format csv</c>: one row per coalition, scenario and year; the summary columns repeat on each row.</summary>
    public static readonly string[] CsvColumns =
    [
        "coalition", "scenario", "restriction", "year", "demand_kt", "world_demand_kt",
        "open_world_extraction_kt", "friendshored_extraction_kt", "open_world_unmet_kt", "friendshored_unmet_kt",
        "open_world_usd_per_t_lce", "friendshored_usd_per_t_lce", "open_market_usd_per_t_lce",
        "open_world_cost_musd", "friendshored_cost_musd", "extra_cost_musd", "extra_mine_cost_musd", "extra_penalty_musd",
        "extra_cost_low_musd", "extra_cost_high_musd", "extra_usd_per_t_li", "self_sufficient_from", "extra_openings", "source_ids",
    ];

    public int Order => 61;

    public Command Create(CliEnvironment environment)
    {
        var command = new Command("lithium-friendshoring", "What friendshoring lithium costs and by when it can be done: each coalition's own demand (Busch et al. 2025 regional demand) served from all 160 deposits and from its members' deposits only (docs/friendshoring-lithium.md).");
        var format = CommonOptions.Format();
        var data = CommonOptions.Data();
        var backend = CommonOptions.Backend();
        var coalitions = new Option<string[]>("--coalition") { Description = "Coalition of the data or NAME=ISO3,ISO3,...; repeatable (default: US_FTA_partners_20, MSP, G7, EU27, IPEF and China-centred)" };
        var demand = new Option<string[]>("--demand") { Description = "Busch demand scenario; repeatable, or 'all' (default: the paper's reference)" };
        var restriction = new Option<string>("--restriction") { Description = "Deposits of the friendshored case: members (default), partners:ISO3,... (members and these), without:ISO3,... (all but these: the paper's N-1), without-region:NAME (all but a Busch region)", DefaultValueFactory = _ => "members" };
        var variant = new Option<string>("--variant") { Description = "Supply variant: Base, \"No Clay\", or a busch2025/deposit_scenarios file name", DefaultValueFactory = _ => DepositProblem.BaseVariant };
        var rate = new Option<double>("--discount-rate") { Description = "Discount rate", DefaultValueFactory = _ => DepositProblem.DefaultDiscountRate };
        var gap = new Option<double>("--gap") { Description = "Relative MIP gap of each run", DefaultValueFactory = _ => 1e-3 };
        var timeLimit = new Option<double>("--time-limit") { Description = "Seconds per run", DefaultValueFactory = _ => 120 };
        var years = new Option<string>("--years") { Description = "Years of the marginal costs in the table", DefaultValueFactory = _ => "2030,2035,2040,2050" };
        var recycling = CommonOptions.Recycling();
        foreach (var option in new Option[] { format, data, backend, coalitions, demand, restriction, variant, rate, gap, timeLimit, years, recycling })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, token) => CommandRunner.Run(environment, async ct =>
        {
            var dataset = CommonOptions.LoadDataset(parse.GetValue(data), environment.Error);
            var options = new FriendshoringOptions
            {
                SupplyVariant = parse.GetValue(variant)!,
                DiscountRate = CliInput.InRange("--discount-rate", parse.GetValue(rate), 0, 1, "a discount rate"),
                RelativeGap = CliInput.InRange("--gap", parse.GetValue(gap), 0, 1, "a relative gap"),
                TimeLimitPerRun = TimeSpan.FromSeconds(CliInput.InRange("--time-limit", parse.GetValue(timeLimit), 1, 86_400, "seconds")),
                Backend = CommonOptions.ResolveBackend(parse.GetValue(backend)),
                Recycling = CommonOptions.ParseRecycling(parse.GetValue(recycling)!),
            };
            var analysis = new LithiumFriendshoring(dataset, options);
            var priceYears = CliInput.Years("--years", parse.GetValue(years));
            var chosen = parse.GetValue(coalitions) is { Length: > 0 } specs ? specs.Select(s => CommonOptions.ParseCoalition(s, dataset)).ToArray() : analysis.MainCoalitions();
            var scenarios = Scenarios(parse.GetValue(demand), dataset.Busch2025);
            string restrictionSpec = parse.GetValue(restriction)!;
            _ = Restriction(restrictionSpec, chosen[0], dataset); // bad input before the first solve
            var results = new List<FriendshoringResult>();
            await Task.Run(
                () =>
                {
                    foreach (var scenario in scenarios)
                    {
                        foreach (var coalition in chosen)
                        {
                            ct.ThrowIfCancellationRequested();
                            results.Add(analysis.Run(coalition, scenario, Restriction(restrictionSpec, coalition, dataset), ct));
                            if (environment.Interactive)
                            {
                                environment.Error.WriteLine($"{coalition.Name} / {ShortScenario(scenario)} done");
                            }
                        }
                    }
                },
                ct).ConfigureAwait(false);
            Write(environment, results, parse.GetValue(format)!, priceYears);
            return results.All(r => r.OpenWorldCostMillionUsd is not null && r.FriendshoredCostMillionUsd is not null) ? ExitCodes.Ok : ExitCodes.SolveFailed;
        }, token));
        return command;
    }

    /// <summary>A scenario name without the parts that are the reference's (<c>Baseline</c>), or <c>reference</c>.</summary>
    public static string ShortScenario(string scenario)
    {
        var parts = scenario.Split('-').Skip(1).Where(p => p != "Baseline").ToArray();
        return scenario == Busch2025Data.ReferenceScenario ? "reference" : parts.Length > 0 ? string.Join(", ", parts) : scenario;
    }

    private static string[] Scenarios(string[]? given, Busch2025Data busch)
    {
        if (given is not { Length: > 0 })
        {
            return [Busch2025Data.ReferenceScenario];
        }

        if (given.Any(g => g.Equals("all", StringComparison.OrdinalIgnoreCase)))
        {
            return [Busch2025Data.ReferenceScenario, .. busch.Scenarios.Where(s => s != Busch2025Data.ReferenceScenario)];
        }

        var unknown = given.Where(g => !busch.Scenarios.Contains(g, StringComparer.Ordinal)).ToArray();
        return unknown.Length == 0
            ? given
            : throw new ArgumentException($"--demand {string.Join(", ", unknown.Select(CliInput.Show))}: unknown Busch scenario; known: all, {string.Join(", ", busch.Scenarios)}.");
    }

    private static DepositRestriction Restriction(string spec, Coalition coalition, MineralDataset dataset)
    {
        var busch = dataset.Busch2025;
        var parts = spec.Split(':', 2, StringSplitOptions.TrimEntries);
        return parts[0] switch
        {
            "members" when parts.Length == 1 => DepositRestriction.MembersOf(coalition, busch),
            "partners" when parts.Length == 2 => DepositRestriction.MembersAndPartners(coalition, busch, CliInput.Countries("--restriction partners:", parts[1], dataset)),
            "without" when parts.Length == 2 => DepositRestriction.WorldWithout(CliInput.Countries("--restriction without:", parts[1], dataset)),
            "without-region" when parts.Length == 2 => busch.Regions.Any(r => r.Name == parts[1])
                ? DepositRestriction.WorldWithoutRegion(busch, parts[1])
                : throw new ArgumentException($"--restriction {CliInput.Show(spec)}: unknown Busch region; known: {string.Join(", ", busch.Regions.Select(r => r.Name))}."),
            _ => throw new ArgumentException($"--restriction {CliInput.Show(spec)}: expected members, partners:ISO3,..., without:ISO3,... or without-region:NAME."),
        };
    }

    private static void Write(CliEnvironment environment, IReadOnlyList<FriendshoringResult> results, string format, IReadOnlyList<int> priceYears)
    {
        switch (format)
        {
            case "csv":
                WriteCsv(environment.Out, results);
                break;
            case "json":
                environment.Out.WriteLine(JsonSerializer.Serialize(results.Select(Summary).ToArray(), CliJson.Options));
                break;
            default:
                WriteTable(environment.CreateOutputConsole(), results, priceYears);
                break;
        }

        environment.Out.Flush();
    }

    private static void WriteCsv(TextWriter writer, IReadOnlyList<FriendshoringResult> results)
    {
        writer.WriteLine(string.Join(",", CsvColumns));
        foreach (var r in results)
        {
            string openings = string.Join("; ", r.ExtraOpenings.Select(o => string.Create(C, $"{o.DepositName} ({o.Iso3}) {o.FriendshoredYear}{(o.OpenWorldYear is { } y ? $" not {y}" : string.Empty)}")));
            foreach (var y in r.Years)
            {
                writer.WriteLine(string.Join(",", new[]
                {
                    CsvCells.Text(r.Coalition), CsvCells.Text(r.Scenario), CsvCells.Text(r.Restriction.Name), y.Year.ToString(C),
                    N(y.DemandKt), N(r.Demand?.WorldDemandKt[y.Year - r.Years[0].Year]),
                    N(y.OpenWorldExtractionKt), N(y.FriendshoredExtractionKt), N(y.OpenWorldUnmetKt), N(y.FriendshoredUnmetKt),
                    N(y.OpenWorldMarginalUsdPerTonneLce), N(y.FriendshoredMarginalUsdPerTonneLce), N(y.WorldMarketMarginalUsdPerTonneLce),
                    N(r.OpenWorldCostMillionUsd), N(r.FriendshoredCostMillionUsd), N(r.ExtraCostMillionUsd), N(r.ExtraMineCostMillionUsd), N(r.ExtraPenaltyMillionUsd),
                    N(r.ExtraCostLowerBoundMillionUsd), N(r.ExtraCostUpperBoundMillionUsd), N(r.ExtraCostUsdPerTonneLi),
                    r.SelfSufficientFromYear?.ToString(C) ?? string.Empty, CsvCells.Text(openings), CsvCells.Text(string.Join(";", r.SourceIds)),
                }));
            }
        }
    }

    private static string N(double? value) => value is { } v ? v.ToString("R", C) : string.Empty;

    private static object Summary(FriendshoringResult r) => new
    {
        r.Coalition,
        r.Scenario,
        Restriction = r.Restriction.Description,
        Demand = r.Demand is { } d ? new { d.Method, d.Years, d.DemandKt, d.WorldDemandKt } : null,
        r.OpenWorldCostMillionUsd,
        r.FriendshoredCostMillionUsd,
        r.ExtraCostMillionUsd,
        r.ExtraMineCostMillionUsd,
        r.ExtraPenaltyMillionUsd,
        r.ExtraCostLowerBoundMillionUsd,
        r.ExtraCostUpperBoundMillionUsd,
        r.ExtraCostUsdPerTonneLi,
        r.SelfSufficientFromYear,
        r.MeetsYearlyDemandFromYear,
        r.PeakUnmetKt,
        r.FinalUnmetKt,
        r.ExtraOpenings,
        r.Years,
        r.SourceIds,
        r.Notes,
    };

    private static void WriteTable(IAnsiConsole console, IReadOnlyList<FriendshoringResult> results, IReadOnlyList<int> priceYears)
    {
        console.WriteLine("Friendshoring lithium on deposits (Busch et al. 2025, B25): each coalition's own demand from all deposits (open world) and from the restricted deposits (friendshored), cost only.");
        console.WriteLine("Costs: million USD discounted to 2022 (extra = mines + unmet-demand penalty); unmet: backlog, kt Li.");
        var summary = Table(["coalition", "scenario", "restriction", "demand 2030 kt (share)", "deposits", "open world", "friendshored", "extra", "mines", "unmet", "USD/t Li", "unmet 2030", "peak unmet", "yearly demand met from", "self-sufficient from", "extra mines (by 2030)"]);
        foreach (var r in results)
        {
            summary.AddRow(new[]
            {
                r.Coalition,
                ShortScenario(r.Scenario),
                r.Restriction.Name,
                r.Demand is { } d ? string.Create(C, $"{d.In(2030):N0} ({d.ShareIn(2030):P0})") : "-",
                r.Friendshored.Openings.Count.ToString(C),
                string.Create(C, $"{r.OpenWorldCostMillionUsd:N0}"),
                string.Create(C, $"{r.FriendshoredCostMillionUsd:N0}"),
                string.Create(C, $"{r.ExtraCostMillionUsd:N0}"),
                string.Create(C, $"{r.ExtraMineCostMillionUsd:N0}"),
                string.Create(C, $"{r.ExtraPenaltyMillionUsd:N0}"),
                string.Create(C, $"{r.ExtraCostUsdPerTonneLi:N0}"),
                string.Create(C, $"{r.In(2030).FriendshoredUnmetKt:N0}"),
                string.Create(C, $"{r.PeakUnmetKt:N0}"),
                r.MeetsYearlyDemandFromYear?.ToString(C) ?? "never",
                r.SelfSufficientFromYear?.ToString(C) ?? "never",
                string.Create(C, $"{r.ExtraOpenings.Count} ({r.ExtraOpenings.Count(o => o.FriendshoredYear <= 2030)})"),
            }.Select(Markup.Escape).ToArray());
        }

        console.Write(summary);
        console.WriteLine("Marginal cost, USD per t LCE in the year's money: friendshored / open world / open market (world demand on all deposits).");
        var prices = Table(["coalition", "scenario", .. priceYears.Select(y => y.ToString(C))]);
        foreach (var r in results)
        {
            prices.AddRow(new[] { r.Coalition, ShortScenario(r.Scenario) }.Concat(priceYears.Select(y => r.Years.FirstOrDefault(x => x.Year == y) is { } row
                ? string.Create(C, $"{row.FriendshoredMarginalUsdPerTonneLce:N0} / {row.OpenWorldMarginalUsdPerTonneLce:N0} / {(row.WorldMarketMarginalUsdPerTonneLce is { } w ? w.ToString("N0", C) : "-")}")
                : "-")).Select(Markup.Escape).ToArray());
        }

        console.Write(prices);
        foreach (string note in results.SelectMany(r => r.Notes.Select(n => $"{r.Coalition} / {ShortScenario(r.Scenario)}: {n}")))
        {
            console.WriteLine(note);
        }
    }

    private static Table Table(IEnumerable<string> columns)
    {
        var table = new Table { Border = TableBorder.Simple };
        foreach (string column in columns)
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        return table;
    }
}
