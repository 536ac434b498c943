using System.CommandLine;
using CriticalMinerals.Analysis;
using CriticalMinerals.Data;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Cli.Infrastructure;

/// <summary>The options that state one question (--commodity --coalition --scenario --year --rules --recycling) plus --data and --backend.</summary>
internal sealed class QuestionOptions
{
    public Option<string> Commodity { get; } = CommonOptions.Commodity();

    public Option<string> Coalition { get; } = CommonOptions.Coalition();

    public Option<string> Scenario { get; } = CommonOptions.Scenario();

    public Option<int> Year { get; } = CommonOptions.Year();

    public Option<string> Rules { get; } = CommonOptions.Rules();

    public Option<FileSystemInfo?> Data { get; } = CommonOptions.Data();

    public Option<string?> Backend { get; } = CommonOptions.Backend();

    public Option<string> Recycling { get; } = CommonOptions.Recycling();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Commodity, Coalition, Scenario, Year, Rules, Data, Backend, Recycling })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Loads the data and states the question; the observed scenario takes the base year unless --year says otherwise.</summary>
    public (MineralDataset Dataset, ISolverBackend? Backend, CoalitionQuestion Question) Read(ParseResult parse)
    {
        var dataset = CommonOptions.LoadDataset(parse.GetValue(Data));
        var scenario = CommonOptions.ParseScenario(parse.GetValue(Scenario)!);
        var yearResult = parse.GetResult(Year);
        int year = scenario == DemandScenario.Observed && (yearResult is null || yearResult.Implicit) ? CoalitionAnalysis.BaseYear : parse.GetValue(Year);
        var question = new CoalitionQuestion
        {
            Commodity = CliInput.Commodity("--commodity", parse.GetValue(Commodity)!, dataset),
            Coalition = CommonOptions.ParseCoalition(parse.GetValue(Coalition)!, dataset),
            Scenario = scenario,
            Year = year,
            Rules = CommonOptions.ParseRules(parse.GetValue(Rules)!),
            Recycling = CommonOptions.ParseRecycling(parse.GetValue(Recycling)!),
        };
        return (dataset, CommonOptions.ResolveBackend(parse.GetValue(Backend)), question);
    }
}
