using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CriticalMinerals.Analysis.Planning;
using CriticalMinerals.Cli.Infrastructure;
using CriticalMinerals.Cli.Output;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Modeling.Policy;
using CriticalMinerals.Results;

namespace CriticalMinerals.Cli.Commands;

/// <summary><c>stress</c>: a country's mines and refineries cut for chosen periods, wherever their output goes; shortfall with and without stocks and partners, and how long stocks last.</summary>
internal sealed class StressCommand : ICliCommand
{
    public int Order => 40;

    public Command Create(CliEnvironment environment)
    {
        var command = new Command("stress", "Cut a country's mine and refinery output (wherever it goes, so the refineries its ore fed lose it too) from a year on and report the shortfall with and without stocks and partners, and how long stocks last.");
        var options = new PlanningQuestionOptions();
        var country = new Option<string?>("--country") { Description = "ISO3 of the country cut (default: the largest 2024 refiner of the commodity)" };
        var from = new Option<int>("--from-year") { Description = "First year of the cut (the nearest modelled period is used)", DefaultValueFactory = _ => 2027 };
        var to = new Option<int?>("--to-year") { Description = "Last year of the cut (default: to the end of the horizon)" };
        var remaining = new Option<double>("--remaining") { Description = "Share of its capacity still producing (0 = its output stops)", DefaultValueFactory = _ => 0 };
        var core = new Option<string>("--core") { Description = "Comma-separated core members for the 'without partners' variants", DefaultValueFactory = _ => "USA" };
        var months = new Option<double>("--stock-months") { Description = "Strategic stock held by the end of 2024, in months of 2024 demand (an assumption: no source gives stocks)", DefaultValueFactory = _ => 3 };
        options.AddTo(command, country, from, to, remaining, core, months);

        command.SetAction((parse, token) => CommandRunner.Run(environment, async ct =>
        {
            var (dataset, backend, planning) = options.Read(parse);
            string iso3 = parse.GetValue(country) is { } given ? CliInput.Country("--country", given, dataset)
                : dataset.Supply(planning.Commodity, SupplyStage.Refining, 2024, SupplyCase.Observed).Countries.MaxBy(r => r.Value)!.Country.Iso3;
            double stockMonths = CliInput.InRange("--stock-months", parse.GetValue(months), 0, 1200, "months of 2024 demand held in stock");
            int fromYear = parse.GetValue(from);
            int? toYear = parse.GetValue(to);
            if (fromYear is < CliInput.FirstYear or > CliInput.LastYear || toYear is < CliInput.FirstYear or > CliInput.LastYear)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--from-year {fromYear} / --to-year {toYear}: expected years between {CliInput.FirstYear} and {CliInput.LastYear}."));
            }

            if (toYear < fromYear)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--from-year {fromYear} is after --to-year {toYear}: the cut must start no later than it ends."));
            }

            var question = planning with
            {
                Friendshoring = null,
                Build = new BuildOptions { AllowContinuousBuild = false },
                Rules = [new StrategicReserveRule(stockMonths) { ToYear = 2024 }],
            };
            var shock = new StressScenario
            {
                Iso3 = iso3,
                FromYear = fromYear,
                ToYear = toYear,
                RemainingFraction = CliInput.InRange("--remaining", parse.GetValue(remaining), 0, 1, "the share of its capacity still producing"),
                CoreMembers = CliInput.Countries("--core", parse.GetValue(core), dataset),
            };
            var analysis = new PlanningAnalysis(dataset, backend);
            var result = await Task.Run(() => analysis.StressTest(question, shock, cancellationToken: ct), CancellationToken.None).ConfigureAwait(false);
            Write(environment.Out, parse.GetValue(options.Format)!, question, result);
            if (ct.IsCancellationRequested)
            {
                // The variants solved before Ctrl+C are in the rows; a cancelled one has none.
                PlanResult[] variants = [result.Baseline, result.WithStocksWithPartners, result.WithoutStocksWithPartners, result.WithStocksWithoutPartners, result.WithoutStocksWithoutPartners];
                return PartialBatch.ReportCancelled(environment, variants.Count(v => v.HasSolution), variants.Length, "variants");
            }

            return result.Baseline.Status == Solving.SolveStatus.Optimal ? ExitCodes.Ok : ExitCodes.SolveFailed;
        }, token));
        return command;
    }

    private static void Write(TextWriter output, string format, PlanningQuestion question, StressTestResult result)
    {
        var c = CultureInfo.InvariantCulture;
        if (format == "json")
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                commodity = question.Commodity,
                coalition = question.Coalition.Name,
                country = result.Scenario.Iso3,
                disruptedYears = result.DisruptedYears,
                stockAtShockKt = result.StockAtShockKt,
                gapWithoutStocksKt = result.GapWithoutStocksKt,
                gapAddedByShockKt = result.GapAddedByShockKt,
                stocksLastYears = result.StocksLastYears,
                rows = result.Rows,
                notes = result.Notes,
            }, CliJson.Options));
            return;
        }

        if (format == "csv")
        {
            output.WriteLine("variant,year,demand_kt,shortfall_kt,release_kt,stock_end_kt,disrupted");
            foreach (var row in result.Rows)
            {
                CsvCells.WriteLine(output, [CsvCells.Text(row.Variant), row.Year.ToString(c), CsvCells.Number(row.DemandKt), CsvCells.Number(row.ShortfallKt),
                    CsvCells.Number(row.ReleaseKt), CsvCells.Number(row.StockEndKt), row.Disrupted ? "true" : "false"]);
            }

            return;
        }

        output.WriteLine(string.Create(c, $"{question.Commodity}: {result.Scenario.Iso3}'s mines and refineries cut to {result.Scenario.RemainingFraction:P0} of capacity, whoever buys their output ({question.Coalition.Name} is short of what they and the refineries they fed supplied), from {(result.DisruptedYears.Count > 0 ? result.DisruptedYears[0] : result.Scenario.FromYear)}"));
        output.WriteLine(string.Create(c, $"{"variant",-34}{"year",6}{"demand",12}{"shortfall",12}{"release",10}{"stock end",12}"));
        foreach (var row in result.Rows)
        {
            output.WriteLine(string.Create(c, $"{row.Variant,-34}{row.Year,6}{row.DemandKt,12:N0}{row.ShortfallKt,12:N0}{row.ReleaseKt,10:N0}{row.StockEndKt,12:N0}{(row.Disrupted ? "  cut" : string.Empty)}"));
        }

        output.WriteLine(string.Create(c, $"Gap without stocks in the first cut period: {result.GapWithoutStocksKt:N0} kt/yr (+{result.GapAddedByShockKt:N0} from the cut)."));
        output.WriteLine(result.StocksLastYears is { } years
            ? string.Create(c, $"Stock at the cut: {result.StockAtShockKt:N0} kt; it covers the whole gap for {years:N2} years ({years * 12:N1} months).")
            : "No gap: the stock is not needed.");
        foreach (string note in result.Notes)
        {
            output.WriteLine("note: " + note);
        }
    }
}
