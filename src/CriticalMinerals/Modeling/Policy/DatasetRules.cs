using System.Globalization;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;

namespace CriticalMinerals.Modeling.Policy;

/// <summary>Which EU CRMA 2030 benchmarks to state.</summary>
[Flags]
public enum CrmaBenchmarks
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Extraction ≥ 10 % of EU consumption.</summary>
    Extraction = 1,

    /// <summary>Processing ≥ 40 % of EU consumption.</summary>
    Processing = 2,

    /// <summary>Recycling ≥ 25 % of EU consumption.</summary>
    Recycling = 4,

    /// <summary>At most 65 % of EU consumption from one third country at each stage.</summary>
    SingleCountryCap = 8,

    /// <summary>All four.</summary>
    All = Extraction | Processing | Recycling | SingleCountryCap,
}

/// <summary>The EU Critical Raw Materials Act 2030 benchmarks, read from <see cref="MineralDataset.PolicyTargets"/>.</summary>
public static class EuCrma
{
    /// <summary>Policy name in <c>policy_targets.csv</c>.</summary>
    public const string Policy = "EU CRMA";

    /// <summary>
    /// The benchmarks as rules for periods from 2030 on. EU consumption is not in the data (IEA demand is world demand), so
    /// it is an explicit input: a share of world demand, with no default.
    /// </summary>
    /// <param name="dataset">The dataset holding the targets.</param>
    /// <param name="euConsumptionShareOfWorldDemand">EU consumption as a share of world demand, in (0, 1].</param>
    /// <param name="benchmarks">Which benchmarks.</param>
    /// <param name="mode">Hard (benchmarks as constraints) or soft (reported misses).</param>
    /// <returns>The rules and the source ids of the targets used.</returns>
    /// <exception cref="ArgumentException">The share is out of range or a target is missing.</exception>
    public static (IReadOnlyList<IPolicyRule> Rules, IReadOnlyList<string> SourceIds) Rules(MineralDataset dataset, double euConsumptionShareOfWorldDemand, CrmaBenchmarks benchmarks = CrmaBenchmarks.All, RuleMode mode = RuleMode.Soft)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (!(euConsumptionShareOfWorldDemand is > 0 and <= 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"EU consumption share of world demand is {euConsumptionShareOfWorldDemand}; expected a share in (0, 1]."), nameof(euConsumptionShareOfWorldDemand));
        }

        var rules = new List<IPolicyRule>();
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        PolicyTarget Target(string parameter)
        {
            var target = dataset.PolicyTargets.SingleOrDefault(p => p.Policy == Policy && p.Parameter == parameter)
                ?? throw new ArgumentException($"The dataset has no {Policy} target '{parameter}'.", nameof(dataset));
            sources.Add(target.SourceId);
            return target;
        }

        void Minimum(CrmaBenchmarks flag, string parameter, QualifyingSupply supply, string what)
        {
            if (!benchmarks.HasFlag(flag))
            {
                return;
            }

            var target = Target(parameter);
            int from = target.FromYear ?? 2030;
            rules.Add(new MinimumShareRule(string.Create(CultureInfo.InvariantCulture, $"EU CRMA {from}: {what} ≥ {target.Value:P0} of EU consumption [{target.SourceId}]"), $"eu_crma_{what}", supply, target.Value, euConsumptionShareOfWorldDemand)
            {
                Mode = mode,
                FromYear = from,
            });
        }

        Minimum(CrmaBenchmarks.Extraction, "domestic_extraction_share", QualifyingSupply.MemberMining, "extraction");
        Minimum(CrmaBenchmarks.Processing, "domestic_processing_share", QualifyingSupply.MemberRefining, "processing");
        Minimum(CrmaBenchmarks.Recycling, "domestic_recycling_share", QualifyingSupply.Recycling, "recycling");
        if (benchmarks.HasFlag(CrmaBenchmarks.SingleCountryCap))
        {
            var cap = Target("max_single_third_country_share");
            rules.Add(new SingleCountryCapRule(cap.Value, euConsumptionShareOfWorldDemand) { Mode = mode, FromYear = cap.FromYear ?? 2030 });
        }

        return (rules, [.. sources]);
    }

    /// <summary>
    /// The recycling benchmark (<c>domestic_recycling_share</c>, 25 % of annual consumption) as a rule of the world model on a
    /// bloc's real flows: its recycled supply from the stock model against the consumption it is served.
    /// </summary>
    /// <param name="dataset">The dataset holding the targets.</param>
    /// <param name="bloc">The bloc it applies to (the EU27).</param>
    /// <param name="mode">Soft (checked and reported, default) or hard (a constraint of the LP).</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException">The dataset has no recycling target.</exception>
    public static World.RecyclingShareRule RecyclingRule(MineralDataset dataset, string bloc, RuleMode mode = RuleMode.Soft)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var target = dataset.PolicyTargets.SingleOrDefault(p => p.Policy == Policy && p.Parameter == "domestic_recycling_share")
            ?? throw new ArgumentException($"The dataset has no {Policy} target 'domestic_recycling_share'.", nameof(dataset));
        return new World.RecyclingShareRule(bloc, target.Value, string.Create(CultureInfo.InvariantCulture, $"EU CRMA {target.FromYear ?? 2030}: recycling ≥ {target.Value:P0} of consumption [{target.SourceId}]")) { Mode = mode };
    }
}

/// <summary>Which stage earns the US IRA §30D critical-mineral credit in the model.</summary>
public enum CreditStage
{
    /// <summary>Material extracted in the US or an FTA country qualifies once refined (at most members' ore and members' refined output).</summary>
    Extracted,

    /// <summary>Material processed in the US or an FTA country (members' refined output) qualifies.</summary>
    Processed,
}

/// <summary>
/// US IRA §30D critical-mineral sourcing: qualifying supply (members' extraction or processing, per <see cref="CreditStage"/>,
/// plus recycling) ≥ threshold × supply served, the threshold of each period read from <see cref="MineralDataset.PolicyTargets"/>
/// (2023 40 %, 2024 50 %, 2025 60 %, 2026 70 %, 2027+ 80 %). Value shares are stated as mass of the one commodity.
/// The credit ended for vehicles acquired after 30 Sep 2025 (OBBBA): thresholds of later periods are scenario inputs and
/// apply only when <paramref name="ApplyAfterTermination"/> is set; otherwise those periods are skipped and noted.
/// </summary>
/// <param name="Thresholds">Threshold by first year it applies.</param>
/// <param name="Stage">Which stage earns the credit.</param>
/// <param name="ApplyAfterTermination">Whether to apply thresholds in periods starting after 2025 (scenario, not law).</param>
public sealed record Ira30DRule(IReadOnlyDictionary<int, double> Thresholds, CreditStage Stage, bool ApplyAfterTermination) : PolicyRule
{
    /// <summary>Policy name of the thresholds in <c>policy_targets.csv</c>.</summary>
    public const string Policy = "US IRA 30D critical minerals requirement";

    /// <summary>Last year in which the credit was available in law (vehicles acquired up to 30 Sep 2025).</summary>
    public const int LastYearInLaw = 2025;

    /// <summary>Source ids of the thresholds (and of the termination row when read from a dataset).</summary>
    public IReadOnlyList<string> SourceIds { get; init; } = [];

    /// <inheritdoc/>
    public override string Name => $"US IRA §30D critical minerals ({Stage.ToString().ToLowerInvariant()} in US/FTA countries, or recycled)";

    /// <inheritdoc/>
    public override string RowGroup => "ira_30d";

    /// <summary>Reads the thresholds from a dataset.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="stage">Which stage earns the credit.</param>
    /// <param name="applyAfterTermination">Whether thresholds after 30 Sep 2025 apply as a scenario.</param>
    /// <param name="mode">Hard or soft.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException">The dataset has no thresholds.</exception>
    public static Ira30DRule FromDataset(MineralDataset dataset, CreditStage stage, bool applyAfterTermination, RuleMode mode = RuleMode.Soft)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var rows = dataset.PolicyTargets.Where(p => p.Policy == Policy && p.FromYear is not null).ToArray();
        if (rows.Length == 0)
        {
            throw new ArgumentException($"The dataset has no '{Policy}' thresholds.", nameof(dataset));
        }

        var sources = rows.Select(r => r.SourceId).Concat(dataset.PolicyTargets.Where(p => p.Parameter == "credit_available").Select(p => p.SourceId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new Ira30DRule(rows.ToDictionary(r => r.FromYear!.Value, r => r.Value), stage, applyAfterTermination) { Mode = mode, SourceIds = sources };
    }

    /// <summary>The threshold of a year: the one with the latest first year not after it, or <see langword="null"/> before the first.</summary>
    /// <param name="year">Year.</param>
    /// <returns>The threshold or <see langword="null"/>.</returns>
    public double? ThresholdFor(int year)
    {
        var keys = Thresholds.Keys.Where(k => k <= year).ToArray();
        return keys.Length == 0 ? null : Thresholds[keys.Max()];
    }

    /// <inheritdoc/>
    public override void Apply(PlanBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Problem;
        foreach (int t in Periods(p))
        {
            int year = p.Periods[t].Year;
            if (ThresholdFor(year) is not { } threshold)
            {
                context.Note(string.Create(CultureInfo.InvariantCulture, $"{Name}: no threshold for {year}; not applied."));
                continue;
            }

            if (year > LastYearInLaw && !ApplyAfterTermination)
            {
                context.Note(string.Create(CultureInfo.InvariantCulture, $"{Name}: {year} is after the credit ended (30 Sep 2025); the {threshold:P0} threshold is a scenario input and is not applied."));
                continue;
            }

            if (year > LastYearInLaw)
            {
                context.Note(string.Create(CultureInfo.InvariantCulture, $"{Name}: the {threshold:P0} threshold in {year} is applied as a scenario; the credit ended for vehicles acquired after 30 Sep 2025."));
            }

            // qualifying + θ·shortfall ≥ θ·D   (qualifying ≥ θ·served)
            var refined = p.Sites.Where(s => s.IsMember).Select(s => (context.Output(s.Iso3, SupplyStage.Refining, t), 1.0)).ToList();
            List<(int, double)> terms;
            if (Stage == CreditStage.Processed)
            {
                terms = refined;
            }
            else
            {
                // Extracted material counts once refined: members' ore goes only to members' refineries, so the qualifying
                // amount is at most both members' ore and members' refined output (unused ore earns nothing).
                int q = context.Model.AddVariable(0, double.PositiveInfinity, 0, name: $"{RowGroup}:extracted_refined[{YearOf(p, t)}]");
                var mined = p.Sites.Where(s => s.IsMember).Select(s => (context.Output(s.Iso3, SupplyStage.Mining, t), -1.0)).Append((q, 1.0));
                context.Model.AddRow(double.NegativeInfinity, 0, mined.Select(x => x.Item1).ToArray(), mined.Select(x => x.Item2).ToArray(), $"{RowGroup}:extracted_le_ore[{YearOf(p, t)}]");
                var used = refined.Select(x => (x.Item1, -1.0)).Append((q, 1.0));
                context.Model.AddRow(double.NegativeInfinity, 0, used.Select(x => x.Item1).ToArray(), used.Select(x => x.Item2).ToArray(), $"{RowGroup}:extracted_le_refined[{YearOf(p, t)}]");
                terms = [(q, 1.0)];
            }

            terms.Add((context.Recycled(t), 1.0));
            terms.Add((context.Shortfall(t), threshold));
            context.AddRow(this, YearOf(p, t), t, threshold * p.Periods[t].DemandKt, double.PositiveInfinity, terms, p.Periods[t].LengthYears);
        }
    }
}
