using System.Globalization;
using CriticalMinerals.Analysis.Diagnostics;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Analysis.Planning;

/// <summary>
/// Says why a plan is infeasible in the words of its rules: every hard policy rule of each period, and the members'
/// extraction limits and stated greenfield limits, become constraint groups that the <see cref="InfeasibilityExplainer"/> may relax; everything else
/// (capacities, balances, demand) stays hard.
/// </summary>
public static class PlanDiagnostics
{
    /// <summary>Explains a plan's infeasibility, or reports that it is feasible.</summary>
    /// <param name="plan">The plan model.</param>
    /// <param name="backend">Backend of the elastic solve; the automatic choice when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the elastic solve.</param>
    public static InfeasibilityExplanation Explain(PlanModel plan, ISolverBackend? backend = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var periods = plan.Problem.Periods;
        var groups = new List<ConstraintGroup>();
        foreach (var byRule in plan.RuleRows.Where(r => r.Mode == RuleMode.Hard).GroupBy(r => (r.Rule, r.RowGroup, r.Period)))
        {
            int year = periods[byRule.Key.Period].Year;
            string name = string.Create(CultureInfo.InvariantCulture, $"{byRule.Key.RowGroup} {year}");
            string template = string.Create(CultureInfo.InvariantCulture, $"the rule '{Escape(byRule.Key.Rule)}' cannot hold in {year}: {{row}} {{op}} {{bound:G6}} needs {{needed:G6}} {Escape(plan.Problem.Unit)}");
            groups.Add(new ConstraintGroup(name, byRule.Select(r => r.Row).ToArray(), template));
        }

        foreach (var (iso3, row) in plan.ReserveRows)
        {
            string basis = plan.Problem.Sites.First(s => s.Iso3 == iso3).ExtractionLimitBasis ?? "USGS reserves";
            string template = $"cumulative extraction in {Escape(iso3)} needs {{needed:G6}} {Escape(plan.Problem.Unit)}, {{amount:G6}} more than its limit ({{bound:G6}}: {Escape(basis)})";
            groups.Add(new ConstraintGroup("reserves " + iso3, [row], template));
        }

        foreach (var (iso3, row) in plan.NewMiningRows)
        {
            string template = $"new mining in {Escape(iso3)} needs {{needed:G6}} {Escape(plan.Problem.Unit)}/yr, {{amount:G6}} more than the greenfield limit stated ({{bound:G6}})";
            groups.Add(new ConstraintGroup("new mining " + iso3, [row], template));
        }

        return InfeasibilityExplainer.Explain(plan.Model, groups, backend, cancellationToken: cancellationToken);
    }

    private static string Escape(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
