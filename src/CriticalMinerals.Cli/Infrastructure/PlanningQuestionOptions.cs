using System.CommandLine;
using CriticalMinerals.Analysis.Planning;
using CriticalMinerals.Data;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Cli.Infrastructure;

/// <summary>The options that state a multi-period planning question (commodity, coalition, scenario, recycling, data, backend, format).</summary>
internal sealed class PlanningQuestionOptions
{
    public Option<string> Commodity { get; } = CommonOptions.Commodity();

    public Option<string> Coalition { get; } = CommonOptions.Coalition();

    public Option<string> Scenario { get; } = CommonOptions.Scenario();

    public Option<string> Format { get; } = CommonOptions.Format();

    public Option<FileSystemInfo?> Data { get; } = CommonOptions.Data();

    public Option<string?> Backend { get; } = CommonOptions.Backend();

    public Option<string> Recycling { get; } = CommonOptions.Recycling();

    /// <summary>Adds these options, then the command's own, to a command.</summary>
    public void AddTo(Command command, params Option[] own)
    {
        foreach (var option in new Option[] { Commodity, Coalition, Scenario }.Concat(own).Concat([Recycling, Format, Data, Backend]))
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The dataset, the backend and the question as parsed, with the planning defaults of <see cref="PlanningQuestion"/>.</summary>
    public (MineralDataset Dataset, ISolverBackend? Backend, PlanningQuestion Question) Read(ParseResult parse)
    {
        var dataset = CommonOptions.LoadDataset(parse.GetValue(Data));
        var question = new PlanningQuestion
        {
            Commodity = CliInput.Commodity("--commodity", parse.GetValue(Commodity)!, dataset),
            Coalition = CommonOptions.ParseCoalition(parse.GetValue(Coalition)!, dataset),
            Scenario = CommonOptions.ParseScenario(parse.GetValue(Scenario)!),
            RecycledSupply = CommonOptions.ParseRecycling(parse.GetValue(Recycling)!),
        };
        return (dataset, CommonOptions.ResolveBackend(parse.GetValue(Backend)), question);
    }
}
