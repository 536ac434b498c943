using System.Globalization;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;

namespace CriticalMinerals.Modeling.Policy;

/// <summary>What a minimum-share rule counts as qualifying supply.</summary>
public enum QualifyingSupply
{
    /// <summary>Members' mine output (extraction).</summary>
    MemberMining,

    /// <summary>Members' refined output (processing).</summary>
    MemberRefining,

    /// <summary>Recycled supply.</summary>
    Recycling,
}

/// <summary>Common parts of the library's rules: name, row group, mode, periods from a year on.</summary>
public abstract record PolicyRule : IPolicyRule
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract string RowGroup { get; }

    /// <inheritdoc/>
    public RuleMode Mode { get; init; } = RuleMode.Hard;

    /// <summary>First year the rule applies to: periods starting in or after it. Default: every period.</summary>
    public int FromYear { get; init; } = int.MinValue;

    /// <summary>Last year the rule applies to: periods starting in or before it. Default: every period.</summary>
    public int ToYear { get; init; } = int.MaxValue;

    /// <inheritdoc/>
    public abstract void Apply(PlanBuildContext context);

    /// <summary>Indices of the periods the rule applies to.</summary>
    /// <param name="problem">The problem.</param>
    /// <returns>Period indices.</returns>
    protected IEnumerable<int> Periods(PlanningProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Enumerable.Range(0, problem.Periods.Count).Where(t => problem.Periods[t].Year >= FromYear && problem.Periods[t].Year <= ToYear);
    }

    /// <summary>The year of a period as text.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="t">Period index.</param>
    /// <returns>The year.</returns>
    protected static string YearOf(PlanningProblem problem, int t) => problem?.Periods[t].Year.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}

/// <summary>
/// Qualifying supply ≥ share × consumption in each applicable period, consumption being an explicit share of world demand
/// (e.g. the EU CRMA 2030 benchmarks: extraction 10 %, processing 40 %, recycling 25 % of EU consumption).
/// </summary>
/// <param name="Label">Name of the rule.</param>
/// <param name="Group">Row group.</param>
/// <param name="Supply">What counts.</param>
/// <param name="Share">Minimum share of consumption.</param>
/// <param name="ConsumptionShareOfWorldDemand">Consumption of the jurisdiction as a share of world demand: an explicit input, no default (the data hold world demand only).</param>
public sealed record MinimumShareRule(string Label, string Group, QualifyingSupply Supply, double Share, double ConsumptionShareOfWorldDemand) : PolicyRule
{
    /// <inheritdoc/>
    public override string Name => Label;

    /// <inheritdoc/>
    public override string RowGroup => Group;

    /// <inheritdoc/>
    public override void Apply(PlanBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Problem;
        foreach (int t in Periods(p))
        {
            double consumption = ConsumptionShareOfWorldDemand * p.Periods[t].WorldDemand;
            var terms = Supply switch
            {
                QualifyingSupply.Recycling => [(context.Recycled(t), 1.0)],
                _ => p.Sites.Where(s => s.IsMember).Select(s => (context.Output(s.Iso3, Supply == QualifyingSupply.MemberMining ? SupplyStage.Mining : SupplyStage.Refining, t), 1.0)).ToList(),
            };
            context.AddRow(this, YearOf(p, t), t, Share * consumption, double.PositiveInfinity, terms, p.Periods[t].LengthYears);
        }
    }
}

/// <summary>
/// At most <paramref name="MaxShare"/> of consumption from any single non-member country at each stage (EU CRMA: 65 %).
/// Aggregate rows (Rest of world) are not single countries and are left out.
/// </summary>
/// <param name="MaxShare">Largest share of consumption from one third country.</param>
/// <param name="ConsumptionShareOfWorldDemand">Consumption as a share of world demand (explicit input).</param>
public sealed record SingleCountryCapRule(double MaxShare, double ConsumptionShareOfWorldDemand) : PolicyRule
{
    /// <summary>Stages the cap applies to (default both).</summary>
    public IReadOnlyList<SupplyStage> Stages { get; init; } = [SupplyStage.Mining, SupplyStage.Refining];

    /// <inheritdoc/>
    public override string Name => string.Create(CultureInfo.InvariantCulture, $"At most {MaxShare:P0} of consumption from one third country per stage");

    /// <inheritdoc/>
    public override string RowGroup => "single_country_cap";

    /// <inheritdoc/>
    public override void Apply(PlanBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Problem;
        foreach (int t in Periods(p))
        {
            double cap = MaxShare * ConsumptionShareOfWorldDemand * p.Periods[t].WorldDemand;
            foreach (var site in p.Sites.Where(s => !s.IsMember && !s.IsAggregate))
            {
                foreach (var stage in Stages)
                {
                    context.AddRow(this, $"{site.Iso3},{stage},{YearOf(p, t)}", t, double.NegativeInfinity, cap, [(context.Output(site.Iso3, stage, t), 1.0)], p.Periods[t].LengthYears);
                }
            }
        }
    }
}

/// <summary>
/// Friendshoring share limits: ore from non-members ≤ <paramref name="MaxNonMemberOreShare"/> of all ore used, and refined
/// material from non-members ≤ <paramref name="MaxNonMemberRefinedShare"/> of demand. (0, 0) is coalition-only.
/// </summary>
/// <param name="MaxNonMemberOreShare">Largest non-member share of ore.</param>
/// <param name="MaxNonMemberRefinedShare">Largest non-member share of demand served by refined material.</param>
public sealed record FriendshoringShareRule(double MaxNonMemberOreShare, double MaxNonMemberRefinedShare) : PolicyRule
{
    /// <summary>Coalition-only, hard.</summary>
    public static FriendshoringShareRule CoalitionOnly { get; } = new(0, 0);

    /// <inheritdoc/>
    public override string Name => string.Create(CultureInfo.InvariantCulture, $"Friendshoring: non-members ≤ {MaxNonMemberOreShare:P0} of ore, ≤ {MaxNonMemberRefinedShare:P0} of refined supply");

    /// <inheritdoc/>
    public override string RowGroup => "friendshoring";

    /// <inheritdoc/>
    public override void Apply(PlanBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Problem;
        foreach (int t in Periods(p))
        {
            var ore = new List<(int, double)>();
            var refined = new List<(int, double)>();
            foreach (var site in p.Sites)
            {
                bool outside = !site.IsMember && !site.IsCandidate;
                ore.Add((context.Output(site.Iso3, SupplyStage.Mining, t), (outside ? 1 : 0) - MaxNonMemberOreShare));
                if (outside)
                {
                    refined.Add((context.Output(site.Iso3, SupplyStage.Refining, t), 1));
                }
            }

            context.AddRow(this, $"ore,{YearOf(p, t)}", t, double.NegativeInfinity, 0, ore, p.Periods[t].LengthYears);
            context.AddRow(this, $"refined,{YearOf(p, t)}", t, double.NegativeInfinity, MaxNonMemberRefinedShare * p.Periods[t].DemandKt, refined, p.Periods[t].LengthYears);
        }
    }
}

/// <summary>
/// An export ban or disruption: the country's output available to the coalition is cut to <paramref name="RemainingFraction"/>
/// of its capacity in the periods from <see cref="PolicyRule.FromYear"/> to <see cref="PolicyRule.ToYear"/> (0 = a ban).
/// Applies to members too (a disruption at home).
/// </summary>
/// <param name="Iso3">Country.</param>
/// <param name="RemainingFraction">Share of capacity still available, in [0, 1].</param>
public sealed record ExportDisruptionRule(string Iso3, double RemainingFraction) : PolicyRule
{
    /// <summary>Stages disrupted (default both).</summary>
    public IReadOnlyList<SupplyStage> Stages { get; init; } = [SupplyStage.Mining, SupplyStage.Refining];

    /// <summary>
    /// Whether the cut stops the country's whole output wherever it goes (a supply shock: its mines and refineries produce at
    /// most the fraction of their whole capacity, and the refineries its ore fed, member or not, lose that ore), rather than only
    /// what it sells to the coalition (an export ban, the default <see langword="false"/>: its ore may still reach the
    /// coalition through other refineries).
    /// </summary>
    public bool WholeOutput { get; init; }

    /// <inheritdoc/>
    public override string Name => WholeOutput
        ? string.Create(CultureInfo.InvariantCulture, $"Supply shock: {Iso3}'s mines and refineries produce at most {RemainingFraction:P0} of capacity")
        : string.Create(CultureInfo.InvariantCulture, $"Disruption: {Iso3} supplies at most {RemainingFraction:P0} of capacity");

    /// <inheritdoc/>
    public override string RowGroup => $"disruption[{Iso3}]";

    /// <inheritdoc/>
    public override void Apply(PlanBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Problem;
        if (p.Sites.All(s => s.Iso3 != Iso3))
        {
            context.Note($"{Name}: {Iso3} has no capacity in the data, nothing to cut.");
            return;
        }

        foreach (int t in Periods(p))
        {
            foreach (var stage in Stages)
            {
                int output = WholeOutput ? context.SiteOutput(Iso3, stage, t) : context.Output(Iso3, stage, t);
                if (output < 0)
                {
                    continue;
                }

                var (constant, terms) = WholeOutput ? context.SiteCapacity(Iso3, stage, t) : context.Capacity(Iso3, stage, t);
                var row = new List<(int, double)> { (output, 1) };
                row.AddRange(terms.Select(term => (term.Variable, -RemainingFraction * term.Coefficient)));
                context.AddRow(this, $"{stage},{YearOf(p, t)}", t, double.NegativeInfinity, RemainingFraction * constant, row, p.Periods[t].LengthYears);
            }
        }
    }
}

/// <summary>A tariff: a cost per kt added to supply bought from non-members (all, or the listed countries) at a stage.</summary>
/// <param name="CostPerKt">Cost added per kt.</param>
/// <param name="Stage">Stage taxed.</param>
public sealed record TariffRule(double CostPerKt, SupplyStage Stage) : PolicyRule
{
    /// <summary>Countries taxed; empty (the default) for every non-member.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    /// <inheritdoc/>
    public override string Name => string.Create(CultureInfo.InvariantCulture, $"Tariff of {CostPerKt} per kt on non-member {Stage.ToString().ToLowerInvariant()} supply");

    /// <inheritdoc/>
    public override string RowGroup => $"tariff[{Stage}]";

    /// <inheritdoc/>
    public override void Apply(PlanBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Problem;
        foreach (int t in Periods(p))
        {
            foreach (var site in p.Sites.Where(s => !s.IsMember && !s.IsCandidate && (Countries.Count == 0 || Countries.Contains(s.Iso3))))
            {
                context.AddCost(context.Output(site.Iso3, Stage, t), CostPerKt * p.Periods[t].LengthYears);
            }
        }
    }
}

/// <summary>Strategic reserve: stock at the end of each applicable period ≥ <paramref name="Months"/> months of that period's demand.</summary>
/// <param name="Months">Months of demand.</param>
public sealed record StrategicReserveRule(double Months) : PolicyRule
{
    /// <inheritdoc/>
    public override string Name => string.Create(CultureInfo.InvariantCulture, $"Strategic reserve ≥ {Months} months of demand");

    /// <inheritdoc/>
    public override string RowGroup => "strategic_reserve";

    /// <inheritdoc/>
    public override void Apply(PlanBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Problem;
        if (context.StockEnd(0) < 0)
        {
            context.Note($"{Name}: the stockpile is disabled, so the rule is not applied.");
            return;
        }

        foreach (int t in Periods(p))
        {
            context.AddRow(this, YearOf(p, t), t, Months / 12 * p.Periods[t].DemandKt, double.PositiveInfinity, [(context.StockEnd(t), 1.0)]);
        }
    }
}
