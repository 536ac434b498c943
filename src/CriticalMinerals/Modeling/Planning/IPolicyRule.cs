using CriticalMinerals.Data;

namespace CriticalMinerals.Modeling.Planning;

/// <summary>How a rule binds.</summary>
public enum RuleMode
{
    /// <summary>A constraint: the plan must satisfy it, or the model is infeasible.</summary>
    Hard,

    /// <summary>A penalised violation variable keeps the model feasible and reports how far the rule is missed (kt).</summary>
    Soft,
}

/// <summary>
/// A policy rule: a small composable piece that adds rows, variables or costs to a <see cref="PlanModel"/> while it is
/// built. Every row it adds is named <c>{RowGroup}:…</c>, so a report or an infeasibility explanation can name the rule.
/// </summary>
public interface IPolicyRule
{
    /// <summary>Human-readable name, e.g. <c>EU CRMA 2030: processing ≥ 40 % of consumption</c>.</summary>
    string Name { get; }

    /// <summary>Prefix of every row the rule adds; unique per rule in a problem.</summary>
    string RowGroup { get; }

    /// <summary>Hard or soft.</summary>
    RuleMode Mode { get; }

    /// <summary>Adds the rule to the model being built.</summary>
    /// <param name="context">The model under construction.</param>
    void Apply(PlanBuildContext context);
}

/// <summary>
/// What a rule sees of a plan model under construction: the variables of each period and the means to add rows
/// (hard or soft) and costs. Variable indices are those of <see cref="PlanModel.Model"/>.
/// </summary>
public sealed class PlanBuildContext
{
    private readonly PlanModel _plan;

    internal PlanBuildContext(PlanModel plan) => _plan = plan;

    /// <summary>The problem being built.</summary>
    public PlanningProblem Problem => _plan.Problem;

    /// <summary>The LP/MIP under construction.</summary>
    public LinearModel Model => _plan.Model;

    /// <summary>Output variable of a site and stage in period <paramref name="t"/>: a member's output, or what a non-member sells to the coalition.</summary>
    /// <param name="iso3">Site code.</param>
    /// <param name="stage">Stage.</param>
    /// <param name="t">Period index.</param>
    /// <returns>The variable index, or -1 if the site is unknown.</returns>
    public int Output(string iso3, SupplyStage stage, int t) => _plan.OutputVariable(iso3, stage, t);

    /// <summary>
    /// A site's whole output at a stage in period <paramref name="t"/>, wherever it goes (the world model's <c>mine</c> or
    /// <c>refined</c> variable): for a member the same as <see cref="Output"/>, for a non-member its output for every buyer
    /// rather than its sales to the coalition.
    /// </summary>
    /// <param name="iso3">Site code.</param>
    /// <param name="stage">Stage.</param>
    /// <param name="t">Period index.</param>
    /// <returns>The variable index, or -1 where the site has no capacity at that stage.</returns>
    public int SiteOutput(string iso3, SupplyStage stage, int t) => _plan.World.Output(iso3, stage, t);

    /// <summary>
    /// Terms and constant of a site's whole capacity at a stage in period <paramref name="t"/>: as <see cref="Capacity"/> for
    /// members and candidates, existing + pipeline (not the share the coalition may buy) for non-members.
    /// </summary>
    /// <param name="iso3">Site code.</param>
    /// <param name="stage">Stage.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Constant and terms of new build.</returns>
    public (double Constant, IReadOnlyList<(int Variable, double Coefficient)> Terms) SiteCapacity(string iso3, SupplyStage stage, int t)
    {
        var site = Problem.Sites.FirstOrDefault(s => s.Iso3 == iso3) ?? throw new ArgumentException($"Unknown site '{iso3}'.", nameof(iso3));
        return site.IsMember || site.IsCandidate ? _plan.CapacityExpression(iso3, stage, t) : (site.Path(stage).BaseKt(t), []);
    }

    /// <summary>Terms <c>(variable, coefficient)</c> and constant of the capacity of a site and stage in period <paramref name="t"/>.</summary>
    /// <param name="iso3">Site code.</param>
    /// <param name="stage">Stage.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Constant (existing + pipeline, times the non-member share for non-members) and the terms of new build.</returns>
    public (double Constant, IReadOnlyList<(int Variable, double Coefficient)> Terms) Capacity(string iso3, SupplyStage stage, int t) => _plan.CapacityExpression(iso3, stage, t);

    /// <summary>Recycled supply variable of period <paramref name="t"/>.</summary>
    /// <param name="t">Period index.</param>
    /// <returns>The variable index.</returns>
    public int Recycled(int t) => _plan.RecycledVariables[t];

    /// <summary>Shortfall variable of period <paramref name="t"/>.</summary>
    /// <param name="t">Period index.</param>
    /// <returns>The variable index.</returns>
    public int Shortfall(int t) => _plan.ShortfallVariables[t];

    /// <summary>End-of-period stock variable of period <paramref name="t"/>, or -1 without a stockpile.</summary>
    /// <param name="t">Period index.</param>
    /// <returns>The variable index or -1.</returns>
    public int StockEnd(int t) => _plan.StockVariables.Count > 0 ? _plan.StockVariables[t] : -1;

    /// <summary>
    /// Adds a rule row <c>lower ≤ Σ a·x ≤ upper</c> named <c>{rule.RowGroup}:{detail}</c>. A soft rule also gets a violation
    /// variable (kt) that relaxes the row and costs <paramref name="penalty"/> per kt in the violation stage (after shortfall, before cost).
    /// </summary>
    /// <param name="rule">The rule adding the row.</param>
    /// <param name="detail">What the row is about, e.g. <c>2030</c> or <c>CHN,Refining,2030</c>.</param>
    /// <param name="period">Period index the row belongs to (for reports), or -1 for none.</param>
    /// <param name="lower">Lower bound (−∞ for none).</param>
    /// <param name="upper">Upper bound (+∞ for none).</param>
    /// <param name="terms">The terms.</param>
    /// <param name="penalty">Weight of a kt of violation (soft rules); the period length is a natural choice for yearly rows.</param>
    /// <returns>The row index.</returns>
    public int AddRow(IPolicyRule rule, string detail, int period, double lower, double upper, IEnumerable<(int Variable, double Coefficient)> terms, double penalty = 1)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(terms);
        string name = $"{rule.RowGroup}:{detail}";
        int row = Model.AddRow(lower, upper, name);
        foreach (var (variable, coefficient) in terms)
        {
            Model.AddTerm(row, variable, coefficient);
        }

        _plan.RegisterRuleRow(row, rule, period);
        if (rule.Mode == RuleMode.Soft)
        {
            if (double.IsFinite(lower))
            {
                int v = Model.AddVariable(0, double.PositiveInfinity, 0, name: $"violation_lo[{name}]");
                Model.AddTerm(row, v, 1);
                _plan.RegisterViolation(v, rule, period, detail, penalty);
            }

            if (double.IsFinite(upper))
            {
                int v = Model.AddVariable(0, double.PositiveInfinity, 0, name: $"violation_up[{name}]");
                Model.AddTerm(row, v, -1);
                _plan.RegisterViolation(v, rule, period, detail, penalty);
            }
        }

        return row;
    }

    /// <summary>Adds a cost (second, cost stage of the objective) to a variable.</summary>
    /// <param name="variable">Variable index.</param>
    /// <param name="cost">Cost per unit of the variable.</param>
    public void AddCost(int variable, double cost) => _plan.AddCost(variable, cost);

    /// <summary>Adds a note to the plan's report (e.g. a rule that was not applied and why).</summary>
    /// <param name="note">The note.</param>
    public void Note(string note) => _plan.AddNote(note);
}
