using System.Globalization;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;

namespace CriticalMinerals.Analysis.Planning;

/// <summary>What geology allows one member: whether it may open mines, its cumulative extraction limit and why.</summary>
/// <param name="NewMiningAllowed">Whether new mining capacity may be built.</param>
/// <param name="LimitKt">Cumulative extraction limit (kt), or <see langword="null"/> for none (geology off, no reserve figure).</param>
/// <param name="Basis">What the limit rests on, in words.</param>
/// <param name="MaxNewMiningKt">Largest new mining capacity (a named greenfield site), or <see langword="null"/>.</param>
/// <param name="MiningStartKtPerYear">Start allowance of the site's growth row (a named greenfield site), or <see langword="null"/>.</param>
internal sealed record SiteLimits(bool NewMiningAllowed, double? LimitKt, string? Basis, double? MaxNewMiningKt = null, double? MiningStartKtPerYear = null)
{
    public PlanSite Apply(PlanSite site) => site with
    {
        ReservesKt = LimitKt,
        ExtractionLimitBasis = Basis,
        NewMiningAllowed = NewMiningAllowed,
        MaxNewMiningKt = MaxNewMiningKt,
        MiningStartKtPerYear = MiningStartKtPerYear,
    };
}

public sealed partial class PlanningAnalysis
{
    /// <summary>
    /// Known resources of the members from the dataset's deposit table (lithium: Busch et al. 2025): beside a USGS reserve figure the
    /// deposits' demonstrated and inferred resources (their reserve tier is inside the USGS figure), elsewhere every tier.
    /// </summary>
    internal IEnumerable<KnownResource> DepositResources(Commodity commodity, IReadOnlySet<string> members, IReadOnlySet<string> withUsgsReserves)
    {
        if (commodity.Code != "lithium")
        {
            yield break;
        }

        foreach (var group in Dataset.Busch2025.Deposits.Where(d => members.Contains(d.Iso3)).GroupBy(d => d.Iso3).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            bool usgs = withUsgsReserves.Contains(group.Key);
            double kt = group.Sum(d => d.ResourceDemonstratedKt + d.ResourceInferredKt + (usgs ? 0 : d.ReserveKt));
            if (kt > 0)
            {
                yield return new KnownResource(group.Key, kt, string.Create(CultureInfo.InvariantCulture,
                    $"Busch et al. 2025: {group.Count()} deposit(s), {(usgs ? "demonstrated + inferred resources beyond reserves" : "reserves + demonstrated + inferred resources")} {kt:0.#} kt"))
                { SourceIds = [.. group.Select(d => d.SourceId).Distinct()] };
            }
        }
    }

    /// <summary>
    /// The geology of every member: new mines only where a resource is known (USGS reserves &gt; 0, 2024 output &gt; 0, a known
    /// resource, or a named greenfield site); cumulative extraction within reserves plus known resources, or within the stated
    /// years of 2024 output where only production is known. Notes name the sites of every assumption.
    /// </summary>
    private Dictionary<string, SiteLimits> SiteGeology(
        Commodity commodity,
        PlanningQuestion question,
        HashSet<string> members,
        Func<string, double> output2024,
        Func<string, double> largestMining,
        SortedSet<string> sources,
        List<string> notes)
    {
        var geology = question.Geology;
        string name = commodity.Name.ToLowerInvariant();
        int baseYear = CoalitionAnalysis.BaseYear;
        var reserves = new Dictionary<string, (double? Kt, string Raw)>(StringComparer.Ordinal);
        string? edition = null;
        if (commodity.UsgsMineral is not null)
        {
            var table = Dataset.Reserves(commodity.Code);
            edition = table.Edition;
            foreach (var amount in table.Countries.Where(a => members.Contains(a.Record.Country.Iso3)))
            {
                sources.Add(amount.Record.SourceId);
                reserves[amount.Record.Country.Iso3] = (amount.ValueInModelUnit, amount.Record.ValueRaw);
            }
        }
        else
        {
            notes.Add($"No USGS reserves for {name} ({commodity.Trap}): {(geology.Enabled ? "extraction limits rest on production only" : "no reserve constraint")}.");
        }

        var result = new Dictionary<string, SiteLimits>(StringComparer.Ordinal);
        if (!geology.Enabled)
        {
            foreach (var (iso3, r) in reserves)
            {
                result[iso3] = new SiteLimits(true, r.Kt, r.Kt is null ? null : $"USGS {edition} reserves");
            }

            var withheld = reserves.Where(kv => kv.Value.Kt is null).Select(kv => $"{kv.Key} ({kv.Value.Raw})").Order(StringComparer.Ordinal).ToArray();
            notes.Add("Geology rules off: members may open mines anywhere; cumulative extraction is bounded by USGS reserves where published and not at all elsewhere.");
            if (withheld.Length > 0)
            {
                notes.Add($"USGS reserves withheld, so no reserve bound: {string.Join(", ", withheld)}.");
            }

            return result;
        }

        Validate(geology, members);
        var resources = geology.KnownResources.GroupBy(r => r.Iso3.ToUpperInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Kt: g.Sum(r => r.ResourceKt), Basis: string.Join("; ", g.Select(r => r.Basis))), StringComparer.Ordinal);
        foreach (var r in geology.KnownResources)
        {
            sources.UnionWith(r.SourceIds);
        }

        if (geology.UseDepositTable)
        {
            foreach (var deposit in DepositResources(commodity, members, reserves.Where(kv => kv.Value.Kt > 0).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal)))
            {
                var (kt, basis) = resources.GetValueOrDefault(deposit.Iso3);
                resources[deposit.Iso3] = (kt + deposit.ResourceKt, basis is null ? deposit.Basis : $"{basis}; {deposit.Basis}");
                sources.UnionWith(deposit.SourceIds);
            }
        }

        var greenfield = geology.GreenfieldSites.ToDictionary(g => g.Iso3.ToUpperInvariant(), StringComparer.Ordinal);
        var productionOnly = new List<string>();
        var noResource = new List<string>();
        string years = geology.YearsOfCurrentOutputWithoutReserves.ToString("0.##", CultureInfo.InvariantCulture);
        foreach (string iso3 in members.Order(StringComparer.Ordinal))
        {
            double? reserveKt = reserves.TryGetValue(iso3, out var r) && r.Kt > 0 ? r.Kt : null;
            double resourceKt = resources.TryGetValue(iso3, out var res) ? res.Kt : 0;
            double output = output2024(iso3);
            SiteLimits limits;
            if (reserveKt is not null || resourceKt > 0)
            {
                var parts = new List<string>();
                if (reserveKt is not null)
                {
                    parts.Add($"USGS {edition} reserves");
                }

                if (resourceKt > 0)
                {
                    parts.Add($"known resources ({res.Basis})");
                }

                limits = new SiteLimits(true, (reserveKt ?? 0) + resourceKt, string.Join(" + ", parts));
            }
            else if (output > 0)
            {
                string why = reserves.TryGetValue(iso3, out var w) && w.Kt is null ? $"USGS reserves withheld ({w.Raw})" : "no reserve figure";
                limits = new SiteLimits(true, geology.YearsOfCurrentOutputWithoutReserves * output, $"{years} years of {baseYear} output; {why}");
                productionOnly.Add(iso3);
            }
            else
            {
                // No resource known: no new mine. An IEA pipeline mine (a project the IEA counts) keeps its data capacity.
                double pipeline = largestMining(iso3);
                limits = new SiteLimits(false, geology.YearsOfCurrentOutputWithoutReserves * pipeline, pipeline > 0 ? $"no known resource; {years} years of the IEA pipeline" : "no known resource");
                noResource.Add(iso3);
            }

            if (greenfield.TryGetValue(iso3, out var site))
            {
                sources.UnionWith(site.SourceIds);
                limits = new SiteLimits(
                    true,
                    (limits.LimitKt ?? 0) + site.CumulativeLimitKt,
                    $"{limits.Basis} + greenfield site named by the user ({site.Reason})",
                    site.MaxCapacityKt,
                    site.MaxCapacityKt);
                noResource.Remove(iso3);
            }

            result[iso3] = limits;
        }

        string rule = $"Geology: new {name} mines only where the data show a resource (USGS reserves > 0 or {baseYear} mine output > 0{(resources.Count > 0 ? ", known deposit resources" : string.Empty)}) or at a greenfield site the question names; cumulative extraction within reserves plus known resources.";
        notes.Add(rule);
        if (productionOnly.Count > 0)
        {
            notes.Add($"Where only production is known, cumulative extraction ≤ {years} years of {baseYear} output (an assumption without source: GeologyOptions.YearsOfCurrentOutputWithoutReserves): {string.Join(", ", productionOnly)}.");
        }

        foreach (var site in greenfield.Values)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Greenfield site named by the question: {site.Iso3}, up to {site.MaxCapacityKt:0.###} {commodity.ModelUnit}/yr of new mining and {site.CumulativeLimitKt:0.###} {commodity.ModelUnit} of extraction ({site.Reason})."));
        }

        if (members.Count > 0 && result.Values.All(l => !l.NewMiningAllowed))
        {
            notes.Add($"No member has known {name} resources (USGS reserves or {baseYear} mine output): the plan opens no {name} mine; name a greenfield site (GeologyOptions.GreenfieldSites) to ask what one would add.");
        }
        else if (noResource.Count > 0)
        {
            notes.Add($"No new {name} mines in {noResource.Count} member(s) without a known resource: {string.Join(", ", noResource)}.");
        }

        return result;
    }

    private static void Validate(GeologyOptions geology, HashSet<string> members)
    {
        if (!(geology.YearsOfCurrentOutputWithoutReserves >= 0 && double.IsFinite(geology.YearsOfCurrentOutputWithoutReserves)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"YearsOfCurrentOutputWithoutReserves is {geology.YearsOfCurrentOutputWithoutReserves}; expected a finite number ≥ 0."));
        }

        if (!(geology.StartShareOfWorldOutputPerYear is >= 0 and <= 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"StartShareOfWorldOutputPerYear is {geology.StartShareOfWorldOutputPerYear}; expected a share in [0, 1]."));
        }

        foreach (var r in geology.KnownResources.Where(r => !(r.ResourceKt >= 0 && double.IsFinite(r.ResourceKt))))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Known resource of {r.Iso3} is {r.ResourceKt}; expected a finite number ≥ 0."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in geology.GreenfieldSites)
        {
            string iso3 = g.Iso3.ToUpperInvariant();
            if (!members.Contains(iso3))
            {
                throw new ArgumentException($"Greenfield site {g.Iso3} is not a member of the coalition: only members build.");
            }

            if (!seen.Add(iso3))
            {
                throw new ArgumentException($"Greenfield site {g.Iso3} is named twice.");
            }

            if (!(g.MaxCapacityKt >= 0 && double.IsFinite(g.MaxCapacityKt) && g.CumulativeLimitKt >= 0 && double.IsFinite(g.CumulativeLimitKt)))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Greenfield site {g.Iso3}: capacity {g.MaxCapacityKt} and limit {g.CumulativeLimitKt}; expected finite numbers ≥ 0."));
            }
        }
    }

    /// <summary>The question's build options, with each stage's start allowance set from world output where the question sets none; notes the limits in force.</summary>
    private static BuildOptions WithStartAllowance(PlanningQuestion question, IReadOnlyDictionary<SupplyStage, double> worldOutput, string unit, List<string> notes)
    {
        var build = question.Build;
        if (!build.AllowContinuousBuild)
        {
            return build;
        }

        double share = question.Geology.Enabled ? question.Geology.StartShareOfWorldOutputPerYear : 0;
        StageBuildLimits Start(SupplyStage stage) => build.Limits(stage).StartKtPerYear is null && build.GreenfieldKtPerYear == 0 && share > 0
            ? build.Limits(stage) with { StartKtPerYear = share * worldOutput.GetValueOrDefault(stage) }
            : build.Limits(stage);
        build = build with { Mining = Start(SupplyStage.Mining), Refining = Start(SupplyStage.Refining) };
        foreach (var stage in new[] { SupplyStage.Mining, SupplyStage.Refining })
        {
            var limits = build.Limits(stage);
            var assumed = stage == SupplyStage.Mining ? StageBuildLimits.DefaultMining : StageBuildLimits.DefaultRefining;
            bool defaults = build.GrowthRate(stage) == assumed.MaxGrowthRatePerYear && limits.LeadTimeYears == assumed.LeadTimeYears;
            string growth = build.GrowthRate(stage) is { } g ? string.Create(CultureInfo.InvariantCulture, $"≤ {g:P0} a year of the previous period's capacity + {build.StartKtPerYear(stage):0.###} {unit}/yr a year to start") : "no growth limit";
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"New {(stage == SupplyStage.Mining ? "mining" : "refining")} capacity: {growth}; first new capacity {limits.LeadTimeYears:0.#} years after {CoalitionAnalysis.BaseYear}{(defaults ? " (defaults: assumptions without source)" : string.Empty)}{(build.GrowthRate(stage) is not null && limits.StartKtPerYear is not null && question.Build.Limits(stage).StartKtPerYear is null ? $"; start allowance {share:P1} of {CoalitionAnalysis.BaseYear} world output a year (an assumption without source)" : string.Empty)}."));
        }

        return build;
    }

    /// <summary>The question's projects without mining projects where new mining is not allowed (noted).</summary>
    private static IReadOnlyList<ProjectCandidate> MinableProjects(IReadOnlyList<ProjectCandidate> projects, List<PlanSite> sites, List<string> notes)
    {
        var closed = sites.Where(s => s.IsMember && !s.NewMiningAllowed).Select(s => s.Iso3).ToHashSet(StringComparer.Ordinal);
        var dropped = projects.Where(p => p.Stage == SupplyStage.Mining && closed.Contains(p.Iso3)).ToArray();
        if (dropped.Length > 0)
        {
            notes.Add($"Mining projects dropped (no known resource at the site; name it a greenfield site to keep them): {string.Join(", ", dropped.Select(p => p.Name))}.");
        }

        return dropped.Length == 0 ? projects : projects.Except(dropped).ToArray();
    }
}
