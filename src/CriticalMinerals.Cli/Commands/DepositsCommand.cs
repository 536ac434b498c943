using System.CommandLine;
using System.Globalization;
using CriticalMinerals.Analysis.Deposits;
using CriticalMinerals.Cli.Infrastructure;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Deposits;
using CriticalMinerals.Results;
using Spectre.Console;

namespace CriticalMinerals.Cli.Commands;

/// <summary>
/// <c>deposits</c>: the deposit-level lithium supply MIP of Busch et al. (2025) for one demand scenario and supply variant:
/// which mines open when, extraction by tier, capacity added, unmet demand (docs/deposits.md).
/// </summary>
internal sealed class DepositsCommand : ICliCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public int Order => 60;

    public Command Create(CliEnvironment environment)
    {
        var command = new Command("deposits", "Lithium deposits of Busch et al. (2025): the cost-minimal opening, expansion and extraction of 160 deposits 2022-2070 for one demand scenario, then ease of doing business within a cost degradation (docs/deposits.md).");
        var format = CommonOptions.Format();
        var data = CommonOptions.Data();
        var backend = CommonOptions.Backend();
        var scenario = new Option<string>("--demand") { Description = "Demand scenario of busch2025/Demand.csv", DefaultValueFactory = _ => Busch2025Data.ReferenceScenario };
        var variant = new Option<string>("--variant") { Description = "Supply variant: Base, \"No Clay\", or a busch2025/deposit_scenarios file name (e.g. NoTax)", DefaultValueFactory = _ => DepositProblem.BaseVariant };
        var rate = new Option<double>("--discount-rate") { Description = "Discount rate", DefaultValueFactory = _ => DepositProblem.DefaultDiscountRate };
        var hyperbolic = new Option<bool>("--hyperbolic") { Description = "Hyperbolic instead of exponential discounting" };
        var degradation = new Option<double>("--degradation") { Description = "Relative cost degradation the second objective may spend (0: cost only)", DefaultValueFactory = _ => DepositProblem.DefaultDegradation };
        var score = ScoreOption();
        var timeLimit = new Option<double?>("--time-limit") { Description = "Seconds for the whole run" };
        var gap = new Option<double>("--gap") { Description = "Relative MIP gap of each stage", DefaultValueFactory = _ => 1e-3 };
        var recycling = CommonOptions.Recycling("busch", "Recycled lithium that lowers world demand: busch (Busch et al.'s Recycling.csv, the paper's basis, default), stock (the library's battery stock model on the scenario's regional demand) or none (gross demand)");
        foreach (var option in new Option[] { format, data, backend, scenario, variant, rate, hyperbolic, degradation, score, timeLimit, gap, recycling })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, token) => CommandRunner.Run(environment, async ct =>
        {
            var dataset = CommonOptions.LoadDataset(parse.GetValue(data), environment.Error);
            var options = new DepositOptions
            {
                Scenario = parse.GetValue(scenario)!,
                SupplyVariant = parse.GetValue(variant)!,
                DiscountRate = CliInput.InRange("--discount-rate", parse.GetValue(rate), 0, 1, "a discount rate (0.07 is 7 %)"),
                Discounting = parse.GetValue(hyperbolic) ? Discounting.Hyperbolic : Discounting.Exponential,
                Degradation = CliInput.InRange("--degradation", parse.GetValue(degradation), 0, 10, "a relative cost degradation (0.1 is 10 %)"),
                Score = ParseScore(parse.GetValue(score)),
                TimeLimit = parse.GetValue(timeLimit) is { } seconds ? TimeSpan.FromSeconds(CliInput.InRange("--time-limit", seconds, 1, 86_400, "seconds")) : null,
                RelativeGap = CliInput.InRange("--gap", parse.GetValue(gap), 0, 1, "a relative gap"),
                Backend = CommonOptions.ResolveBackend(parse.GetValue(backend)),
            };
            var basis = CommonOptions.ParseRecycling(parse.GetValue(recycling)!);
            // An unknown scenario gets no series here, so the run names it with every other bad input.
            if (basis != Analysis.Recycling.RecyclingBasis.Busch2025 && dataset.Busch2025.Scenarios.Contains(options.Scenario, StringComparer.Ordinal))
            {
                options = options with { RecycledKt = LithiumFriendshoring.WorldRecycledKt(dataset.Busch2025, basis, options.Scenario) };
                await environment.Error.WriteLineAsync(basis == Analysis.Recycling.RecyclingBasis.StockModel
                    ? "recycling: the library's battery stock model on the scenario's regional demand replaces Busch et al.'s Recycling.csv (docs/recycling.md section 8)"
                    : "recycling: none (gross demand)").ConfigureAwait(false);
            }

            var result = await Task.Run(() => DepositSolver.Run(dataset.Busch2025, options, ct), ct).ConfigureAwait(false);
            Write(environment, result, parse.GetValue(format)!);
            return result.HasPlan ? ExitCodes.Ok : ExitCodes.SolveFailed;
        }, token));
        return command;
    }

    /// <summary>The <c>--score</c> option of the deposit commands.</summary>
    internal static Option<string> ScoreOption()
    {
        var score = new Option<string>("--score") { Description = "Second objective: edb (ease of doing business), wgi, wcr or none", DefaultValueFactory = _ => "edb" };
        score.AcceptOnlyFromAmong("edb", "wgi", "wcr", "none");
        return score;
    }

    /// <summary>The deposit score a <c>--score</c> value names.</summary>
    internal static DepositScore ParseScore(string? value) => value switch
    {
        "wgi" => DepositScore.GovernanceIndicator,
        "wcr" => DepositScore.CompetitivenessRanking,
        "none" => DepositScore.None,
        _ => DepositScore.EaseOfDoingBusiness,
    };

    private static void Write(CliEnvironment environment, DepositResult result, string format)
    {
        if (format == "csv")
        {
            DepositExport.WriteCsv(result, environment.Out);
        }
        else if (format == "json")
        {
            using var buffer = new MemoryStream();
            DepositExport.WriteJson(result, buffer);
            environment.Out.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            environment.Out.WriteLine();
        }
        else
        {
            WriteTable(environment.CreateOutputConsole(), result);
        }

        environment.Out.Flush();
    }

    private static void WriteTable(IAnsiConsole console, DepositResult result)
    {
        console.WriteLine($"Lithium deposits (Busch et al. 2025): {result.Label}, backend {result.Backend}.");
        foreach (var (name, stage) in new[] { ("cost", result.CostStage), ("second objective", result.SecondStage), ("LP, openings fixed", result.DualStage) })
        {
            if (stage is not null)
            {
                console.WriteLine(string.Create(C, $"  {name}: {stage.Status}, objective {stage.ObjectiveValue:N1}, gap {(stage.RelativeGap is { } g ? g.ToString("P3", C) : "not proven")}, {stage.Elapsed.TotalSeconds:N1} s"));
            }
        }

        console.WriteLine(string.Create(C, $"  discounted cost {result.DiscountedCostMillionUsd:N0} million USD (unmet demand {result.UnmetDemandPenaltyMillionUsd:N0}); second objective {result.SecondObjectiveValue:N1}"));
        var table = new Table { Border = TableBorder.Simple };
        foreach (string column in new[] { "year", "demand kt Li", "extraction", "unmet (backlog)", "open mines", "marginal cost USD/t LCE" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var y in result.Years.Where(y => y.Year % 5 == 0 || y.Year == result.Years[0].Year))
        {
            table.AddRow(
                y.Year.ToString(C),
                y.DemandKt.ToString("N1", C),
                y.ExtractionKt.ToString("N1", C),
                y.UnmetKt.ToString("N1", C),
                result.OpenBy(y.Year).Count.ToString(C),
                y.MarginalCostUsdPerTonneLce is { } p ? p.ToString("N0", C) : "-");
        }

        console.Write(table);
        foreach (string note in result.Notes)
        {
            console.WriteLine(note);
        }
    }
}
