using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CriticalMinerals.Analysis.Planning;
using CriticalMinerals.Cli.Infrastructure;
using CriticalMinerals.Cli.Output;
using CriticalMinerals.Data;
using CriticalMinerals.Results;

namespace CriticalMinerals.Cli.Commands;

/// <summary><c>design</c>: which candidates should join a coalition for it to reach a target coverage, at the fewest partners.</summary>
internal sealed class DesignCommand : ICliCommand
{
    public int Order => 50;

    public Command Create(CliEnvironment environment)
    {
        var command = new Command("design", "Choose the fewest candidate countries that lift a coalition to a target coverage (MIP), and rank every candidate by its marginal contribution.");
        var options = new PlanningQuestionOptions();
        var candidates = new Option<string?>("--candidates") { Description = "Comma-separated ISO3 candidates (default: every non-member with an IEA supply row of the commodity)" };
        var target = new Option<double>("--target") { Description = "Target coverage of demand, as a share", DefaultValueFactory = _ => 0.5 };
        options.AddTo(command, candidates, target);

        command.SetAction((parse, token) => CommandRunner.Run(environment, async ct =>
        {
            var (dataset, backend, planning) = options.Read(parse);
            var pool = parse.GetValue(candidates) is { } list
                ? CliInput.Countries("--candidates", list, dataset)
                : dataset.SupplyRecords.Where(r => r.Commodity == planning.Commodity && !r.Country.IsAggregate && !planning.Coalition.Contains(r.Country.Iso3))
                    .Select(r => r.Country.Iso3).Distinct().Order(StringComparer.Ordinal).ToArray();
            var design = new DesignQuestion
            {
                Base = planning,
                Candidates = pool,
                TargetCoverage = CliInput.InRange("--target", parse.GetValue(target), 0, 1, "a share of demand to cover"),
            };
            var analysis = new PlanningAnalysis(dataset, backend);
            var result = await Task.Run(() => analysis.DesignCoalition(design, cancellationToken: ct), ct).ConfigureAwait(false);
            Write(environment, parse.GetValue(options.Format)!, result);
            return result.Status is Solving.SolveStatus.Optimal or Solving.SolveStatus.Infeasible ? ExitCodes.Ok : ExitCodes.SolveFailed;
        }, token));
        return command;
    }

    private static void Write(CliEnvironment environment, string format, CoalitionDesignResult result)
    {
        var output = environment.Out;
        var c = CultureInfo.InvariantCulture;
        if (format == "json")
        {
            output.WriteLine(JsonSerializer.Serialize(result, CliJson.Options));
            return;
        }

        if (format == "csv")
        {
            output.WriteLine("iso3,coverage_alone,marginal_contribution,rank,selected");
            foreach (var candidate in result.Candidates)
            {
                CsvCells.WriteLine(output, [CsvCells.Text(candidate.Iso3), CsvCells.Number(candidate.CoverageAlone), CsvCells.Number(candidate.MarginalContribution),
                    candidate.Rank.ToString(c), candidate.Selected ? "true" : "false"]);
            }

            return;
        }

        output.WriteLine(string.Create(c, $"{result.Commodity}: {result.BaseCoalition} covers {result.BaseCoverage:P1}; target {result.TargetCoverage:P0}."));
        output.WriteLine(result.Status == Solving.SolveStatus.Infeasible
            ? "Even all candidates together miss the target."
            : string.Create(c, $"Join: {string.Join(", ", result.Selected)} → coverage {result.CoverageWithSelected:P1} ({result.Status} on {result.Backend}{(result.RelativeGap is { } gap ? $", gap {gap:P2}" : string.Empty)})."));
        TextTable.Write(
            environment,
            ["rank", "candidate", "coverage alone", "contribution", "selected"],
            result.Candidates.Select(candidate => (IReadOnlyList<string>)[candidate.Rank.ToString(c), candidate.Iso3, candidate.CoverageAlone.ToString("P1", c), candidate.MarginalContribution.ToString("P1", c), candidate.Selected ? "yes" : string.Empty]),
            new HashSet<int> { 0, 2, 3 });

        foreach (string note in result.Notes)
        {
            output.WriteLine("note: " + note);
        }
    }
}
