using System.CommandLine;
using CriticalMinerals.Analysis;
using CriticalMinerals.Cli.Infrastructure;
using CriticalMinerals.Cli.Output;

namespace CriticalMinerals.Cli.Commands;

/// <summary><c>solve</c>: one question, answered in full with its investment targets.</summary>
internal sealed class SolveCommand : ICliCommand
{
    public int Order => 10;

    public Command Create(CliEnvironment environment)
    {
        var command = new Command("solve", "Answer one question (commodity, coalition, scenario, year, sourcing rules) with coverage, concentration, reserves and investment targets.");
        var question = new QuestionOptions();
        question.AddTo(command);
        var format = CommonOptions.Format();
        var targets = new Option<int>("--targets") { Description = "How many investment targets to report", DefaultValueFactory = _ => 3 };
        command.Options.Add(format);
        command.Options.Add(targets);
        command.SetAction((parse, token) => CommandRunner.Run(environment, async ct =>
        {
            var (dataset, backend, q) = question.Read(parse);
            q = q with { InvestmentTargetCount = parse.GetValue(targets) };
            var analysis = new CoalitionAnalysis(dataset, backend);
            var result = await Task.Run(() => analysis.Answer(q, ct), ct).ConfigureAwait(false);
            string f = parse.GetValue(format)!;
            if (f == "table")
            {
                CoverageTable.WriteAnswer(environment.CreateOutputConsole(), result, dataset, q.Rules);
            }
            else
            {
                ResultWriter.WriteMachineReadable(f, [result], environment.Out);
            }

            return CoverageCommand.Report(environment, [result]);
        }, token));
        return command;
    }
}
