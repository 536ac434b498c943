using System.CommandLine;
using CriticalMinerals.Analysis;
using CriticalMinerals.Cli.Infrastructure;
using CriticalMinerals.Modeling.Export;
using CriticalMinerals.Modeling.Supply;

namespace CriticalMinerals.Cli.Commands;

/// <summary><c>export</c>: the LP of one question as an MPS or LP file, for another solver or for reading.</summary>
internal sealed class ExportCommand : ICliCommand
{
    public int Order => 20;

    public Command Create(CliEnvironment environment)
    {
        var command = new Command("export", "Write the LP of one question as MPS (free format) or CPLEX LP, to a file or stdout.");
        var question = new QuestionOptions();
        question.AddTo(command);
        var output = new Option<FileInfo?>("--output", "-o") { Description = "File to write (.mps or .lp); stdout when absent" };
        var as_ = new Option<string?>("--as") { Description = "File format, mps or lp (default: from the --output extension, else mps)" };
        as_.AcceptOnlyFromAmong("mps", "lp");
        command.Options.Add(output);
        command.Options.Add(as_);
        command.SetAction((parse, token) => CommandRunner.Run(environment, ct =>
        {
            var (dataset, _, q) = question.Read(parse);
            var file = parse.GetValue(output);
            string kind = parse.GetValue(as_) ?? Path.GetExtension(file?.Name ?? ".mps").ToUpperInvariant() switch
            {
                ".MPS" => "mps",
                ".LP" => "lp",
                _ => throw new ArgumentException($"--output '{file!.Name}': give a .mps or .lp file, or say --as mps|lp."),
            };
            ct.ThrowIfCancellationRequested();
            var model = SupplyModel.Create(new CoalitionAnalysis(dataset).BuildNetwork(q)).Model;
            if (file is null)
            {
                Write(model, kind, environment.Out);
                environment.Out.Flush();
            }
            else
            {
                using var writer = new StreamWriter(file.FullName);
                Write(model, kind, writer);
                environment.Error.WriteLine($"{kind.ToUpperInvariant()}: {file.FullName}");
            }

            return Task.FromResult(ExitCodes.Ok);
        }, token));
        return command;
    }

    private static void Write(Modeling.LinearModel model, string kind, TextWriter writer)
    {
        if (kind == "lp")
        {
            ModelFile.WriteLp(model, writer);
        }
        else
        {
            ModelFile.WriteMps(model, writer);
        }
    }
}
