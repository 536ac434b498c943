using CriticalMinerals.Modeling;

namespace CriticalMinerals.Tests.Solving.Backends;

/// <summary>The models both direct native routes are compared on against OR-Tools' public wrappers.</summary>
internal static class NativeTestModels
{
    /// <summary>Terms appended out of row order with a duplicate pair (summed), a maximised objective and an offset.</summary>
    public static LinearModel UnorderedDuplicates()
    {
        var model = new LinearModel("unordered") { Sense = ObjectiveSense.Maximize, ObjectiveOffset = 12.75 };
        int x = model.AddVariable(-2.5, 0.1, objective: 2);
        int y = model.AddVariable(0, 7, objective: -1.0 / 3, isInteger: true);
        int z = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity);
        int r0 = model.AddRow(-1e-9, 5);
        int r1 = model.AddRow(3, double.PositiveInfinity);
        model.AddTerm(r1, z, 2);
        model.AddTerm(r0, z, -6);
        model.AddTerm(r0, x, 1.5);
        model.AddTerm(r1, x, -1);
        model.AddTerm(r0, y, 1e-7);
        model.AddTerm(r0, x, 2.5);
        return model;
    }

    public static readonly IReadOnlyDictionary<string, Func<LinearModel>> Catalogue = new Dictionary<string, Func<LinearModel>>
    {
        ["Wyndor"] = ConformanceModels.Wyndor,
        ["Diet"] = ConformanceModels.Diet,
        ["EqualityAndRange"] = ConformanceModels.EqualityAndRange,
        ["FreeVariables"] = ConformanceModels.FreeVariables,
        ["Knapsack"] = ConformanceModels.Knapsack,
        ["FixedCharge"] = ConformanceModels.FixedCharge,
        ["Empty"] = ConformanceModels.Empty,
        ["Transportation"] = () => ConformanceModels.Transportation(30, 40, seed: 5),
        ["MarketSplit"] = () => ConformanceModels.MarketSplit(rows: 4, columns: 30, seed: 2),
        ["UnorderedDuplicates"] = UnorderedDuplicates,
    };
}
