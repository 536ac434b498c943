using System.Globalization;

namespace CriticalMinerals.Data;

/// <summary>Coalition demand: IEA world demand split by country keys of Busch et al. (2025) or of the caller.</summary>
public sealed partial class MineralDataset
{
    private const string EvComponent = "clean_tech:Electric vehicles";
    private const string GridComponent = "clean_tech:Grid battery storage";

    /// <summary>Battery mineral names of <c>mineral_intensity.csv</c> by IEA demand mineral; lithium, copper and magnet rare earths apart.</summary>
    private static readonly Dictionary<string, string> BatteryMinerals = new(StringComparer.Ordinal)
    {
        ["nickel"] = "Nickel",
        ["cobalt"] = "Cobalt",
        ["manganese"] = "Manganese",
        ["graphite_all_grades"] = "Graphite",
        ["copper"] = "Copper",
        ["lithium"] = "Lithium",
    };

    private static readonly string[] WholeByKey = ["copper", "magnet_rare_earths"];

    /// <summary>
    /// Estimates a coalition's demand for a mineral, which no dataset gives by country:
    /// <list type="bullet">
    /// <item>Lithium: IEA world demand × the coalition's share of Busch et al. (2025) regional primary lithium demand in that
    /// year (scenario <see cref="CoalitionDemandOptions.BuschScenario"/>, the paper's reference by default).</item>
    /// <item>Nickel, cobalt, manganese, graphite (IEA <c>graphite_all_grades</c>): the battery part (IEA components
    /// <c>clean_tech:Electric vehicles</c> + <c>clean_tech:Grid battery storage</c>, where the mineral has them; manganese has
    /// none) × the coalition's share of that mineral in 2022 EV batteries (<c>battery_region.csv</c> MWh × <c>mineral_intensity.csv</c>
    /// kg/kWh); the rest × the share of <see cref="CoalitionDemandOptions.RestKey"/>.</item>
    /// <item>Copper and magnet rare earths: all demand × the share of <see cref="CoalitionDemandOptions.RestKey"/>.</item>
    /// </list>
    /// The default rest key is <see cref="DemandSplitKey.LithiumRegional"/>, always stated in the answer's assumptions. A region
    /// partly in the coalition counts with the share of its sovereign countries that are members (or the caller's
    /// <see cref="CoalitionDemandOptions.CountryWeights"/>), also stated; a member <c>EUU</c> counts as the whole EU region.
    /// </summary>
    /// <param name="commodityOrMineral">Catalogue code (<c>lithium</c>, <c>nickel</c>, <c>cobalt</c>, <c>graphite</c>, <c>copper</c>, <c>magnet_rare_earths</c>) or IEA demand mineral (<c>manganese</c>, <c>graphite_all_grades</c>).</param>
    /// <param name="coalition">The coalition.</param>
    /// <param name="scenario">IEA scenario (<see cref="DemandScenario.Observed"/> for 2024).</param>
    /// <param name="year">Year of an IEA demand row.</param>
    /// <param name="options">Keys and weights, or <see langword="null"/> for the defaults.</param>
    /// <returns>The estimate, with its parts, sources and assumptions.</returns>
    /// <exception cref="ArgumentException">Unknown or unsupported mineral, no IEA row for the scenario and year, a year outside Busch's 2022–2070 when a Busch key is used, or bad options (the message names the value).</exception>
    public CoalitionDemandEstimate CoalitionDemand(string commodityOrMineral, Coalition coalition, DemandScenario scenario, int year, CoalitionDemandOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(commodityOrMineral);
        ArgumentNullException.ThrowIfNull(coalition);
        options ??= new CoalitionDemandOptions();
        var mineral = _commodityByCode.TryGetValue(commodityOrMineral, out var c) ? c.IeaDemandMineral : commodityOrMineral;
        bool isLithium = mineral == "lithium";
        if (!isLithium && !WholeByKey.Contains(mineral) && !BatteryMinerals.ContainsKey(mineral))
        {
            throw new ArgumentException(
                $"No demand split for '{commodityOrMineral}'; supported: lithium, nickel, cobalt, manganese, graphite (graphite_all_grades), copper, magnet_rare_earths.",
                nameof(commodityOrMineral));
        }

        var rows = Demand(mineral, scenario, year);
        var worldRow = rows.FirstOrDefault(d => d.Component == "total_demand") ?? rows.FirstOrDefault(d => d.Component == "clean_tech_demand");
        if (worldRow is null)
        {
            var available = string.Join(", ", DemandRecords.Where(d => d.Mineral == mineral).Select(d => d.Scenario + " " + d.Year.ToString(CultureInfo.InvariantCulture)).Distinct());
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"No IEA demand row for {mineral} {scenario} {year}; IEA has: {available}."), nameof(year));
        }

        var split = new CoalitionSplit(Busch2025, coalition, options);
        var parts = new List<CoalitionDemandPart>();
        var used = new List<DemandRecord> { worldRow };
        string restKey = isLithium ? "all" : split.RestKeyName(mineral, year);
        if (isLithium)
        {
            parts.Add(new CoalitionDemandPart("all", [worldRow.Component], worldRow.Value, split.LithiumShare(year), 0, split.LithiumKeyName(year)));
        }
        else if (WholeByKey.Contains(mineral))
        {
            parts.Add(new CoalitionDemandPart("all", [worldRow.Component], worldRow.Value, split.RestShare(mineral, year), 0, restKey));
        }
        else
        {
            var battery = rows.Where(d => d.Component is EvComponent or GridComponent).ToArray();
            used.AddRange(battery);
            double batteryKt = battery.Sum(d => d.Value);
            parts.Add(new CoalitionDemandPart("battery", battery.Select(d => d.Component).ToArray(), batteryKt, split.BatteryShare(BatteryMinerals[mineral]), 0, CoalitionSplit.BatteryKeyName(BatteryMinerals[mineral])));
            parts.Add(new CoalitionDemandPart("rest", [$"{worldRow.Component} minus the battery part"], worldRow.Value - batteryKt, split.RestShare(mineral, year), 0, restKey));
            if (battery.Length == 0)
            {
                split.Assume($"IEA gives no battery component ({EvComponent}, {GridComponent}) for {mineral}: all of its {worldRow.Component} is split by the rest key ({restKey}); DemandSplitKey.BatteryMineral would split it by its 2022 EV battery share instead");
            }
            else
            {
                split.Assume($"battery part of {mineral} ({string.Join(" + ", battery.Select(d => d.Component))}) split by the coalition's share of {mineral} in 2022 EV batteries (battery_region.csv × mineral_intensity.csv): the 2022 regional and chemistry mix is held for {year}, and grid storage is split like EV batteries");
            }
        }

        parts = parts.Select(p => p with { CoalitionKt = p.WorldKt * p.Share }).ToList();
        if (!isLithium)
        {
            var restPart = parts[^1];
            var what = restPart.Name == "all" ? "all of " + mineral + " demand" : "rest of " + mineral + " demand";
            split.Assume($"{what} split by {restKey}: an assumption, no dataset gives {mineral} consumption by country");
        }

        double coalitionKt = parts.Sum(p => p.CoalitionKt);
        var sourceIds = used.Select(d => d.SourceId).Append(Busch2025.SourceId).Concat(split.ExtraSources).Distinct(StringComparer.Ordinal).ToArray();
        var partsText = string.Join("; ", parts.Select(p => FormattableString.Invariant($"{p.Name} {p.WorldKt:G6} kt × {p.Share:P2} ({p.Key}) = {p.CoalitionKt:G6} kt")));
        var method = FormattableString.Invariant(
            $"IEA {mineral} {worldRow.Component} {scenario} {year} = {worldRow.Value:G6} {worldRow.Unit} (iea_demand_projections.csv row {worldRow.Row}, {worldRow.SourceId}); {partsText}; shares from Busch et al. 2025 ({Busch2025.SourceId}).");
        return new CoalitionDemandEstimate(
            commodityOrMineral, mineral, coalition.Name, scenario, year, worldRow.Unit, worldRow.Value, coalitionKt,
            worldRow.Value == 0 ? 0 : coalitionKt / worldRow.Value, parts, method, sourceIds, split.Assumptions);
    }

    /// <summary>
    /// The coalition's weight in each of the 18 Busch et al. (2025) regions, by the same rule <see cref="CoalitionDemand"/>
    /// splits demand with: 1 for a region wholly in the coalition, the share of its sovereign countries that are members for a
    /// region partly in it (or the caller's <see cref="CoalitionDemandOptions.CountryWeights"/>), 1 for the European Union when
    /// <c>EUU</c> is a member, 0 otherwise. Weights × <see cref="Busch2025Data.RegionalDemandIn"/> give the coalition's own
    /// lithium demand in any Busch scenario and year.
    /// </summary>
    /// <param name="coalition">The coalition.</param>
    /// <param name="options">Country weights, or <see langword="null"/> for the sovereign-country count.</param>
    /// <returns>The weights and the assumptions every answer using them must print.</returns>
    public CoalitionRegionWeights BuschRegionWeights(Coalition coalition, CoalitionDemandOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(coalition);
        var split = new CoalitionSplit(Busch2025, coalition, options ?? new CoalitionDemandOptions());
        return new CoalitionRegionWeights(coalition.Name, new Dictionary<string, double>(split.Weights, StringComparer.Ordinal), split.Assumptions.ToArray(), Busch2025.SourceId);
    }

    /// <summary>The coalition's weight in each Busch region and the shares of each key; collects the assumptions it makes.</summary>
    private sealed class CoalitionSplit
    {
        private readonly Busch2025Data _busch;
        private readonly CoalitionDemandOptions _options;
        private readonly Coalition _coalition;
        private readonly Dictionary<string, double> _weights = new(StringComparer.Ordinal);
        private readonly List<string> _assumptions = [];

        public CoalitionSplit(Busch2025Data busch, Coalition coalition, CoalitionDemandOptions options)
        {
            _busch = busch;
            _options = options;
            _coalition = coalition;
            bool euAsParty = coalition.Contains("EUU");
            var partial = new List<string>();
            foreach (var region in busch.Regions)
            {
                double weight;
                if (euAsParty && region.Name == "European Union")
                {
                    weight = 1;
                }
                else if (options.CountryWeights is { } given)
                {
                    weight = GivenWeight(region, coalition, given);
                }
                else
                {
                    var sovereign = region.SovereignCountries;
                    weight = (double)sovereign.Count(s => coalition.Contains(s.Iso3)) / sovereign.Count;
                    if (weight is > 0 and < 1)
                    {
                        partial.Add(string.Create(CultureInfo.InvariantCulture, $"{region.Name} {sovereign.Count(s => coalition.Contains(s.Iso3))}/{sovereign.Count}"));
                    }
                }

                _weights[region.Name] = weight;
            }

            if (partial.Count > 0)
            {
                Assume($"regions partly in the coalition count in proportion to the number of their sovereign countries that are members ({string.Join(", ", partial)}): an assumption, the dataset has no population or GDP; CoalitionDemandOptions.CountryWeights sets weights");
            }
            else if (options.CountryWeights is not null && _weights.Values.Any(w => w is > 0 and < 1))
            {
                Assume("regions partly in the coalition split by the caller's CountryWeights (" + string.Join(", ", _weights.Where(w => w.Value is > 0 and < 1).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key} {w.Value:P1}"))) + ")");
            }

            if (euAsParty)
            {
                Assume("member EUU (the European Union as a party) counts as the whole European Union region");
            }

            var territories = coalition.Members.Where(m => busch.RegionOf(m.Iso3)?.Countries.First(c => c.Iso3 == m.Iso3).IsTerritory == true).Select(m => m.Iso3).ToArray();
            if (territories.Length > 0 && options.CountryWeights is null)
            {
                Assume($"territories count with their sovereign country, not on their own: {string.Join(", ", territories)}");
            }

            var outside = coalition.Members.Where(m => m.Iso3 != "EUU" && busch.RegionOf(m.Iso3) is null).Select(m => m.Iso3).ToArray();
            if (outside.Length > 0)
            {
                Assume($"members in no Busch region count as 0: {string.Join(", ", outside)}");
            }
        }

        public IReadOnlyList<string> Assumptions => _assumptions;

        public IReadOnlyDictionary<string, double> Weights => _weights;

        public IReadOnlyList<string> ExtraSources => _options.RestKey == DemandSplitKey.Explicit ? ["caller: ExplicitShares"] : [];

        public void Assume(string text)
        {
            if (!_assumptions.Contains(text, StringComparer.Ordinal))
            {
                _assumptions.Add(text);
            }
        }

        public string LithiumKeyName(int year) =>
            string.Create(CultureInfo.InvariantCulture, $"share of Busch et al. 2025 regional primary lithium demand, {_options.BuschScenario}, {year}");

        public static string BatteryKeyName(string batteryMineral) => $"share of {batteryMineral} in 2022 EV batteries (Busch et al. 2025 battery_region.csv × mineral_intensity.csv)";

        public string RestKeyName(string mineral, int year) => _options.RestKey switch
        {
            DemandSplitKey.LithiumRegional => LithiumKeyName(year),
            DemandSplitKey.BatteryMineral => BatteryKeyName(BatteryMineralOf(mineral)),
            _ => "the caller's ExplicitShares",
        };

        public double LithiumShare(int year)
        {
            if (year is < 2022 or > 2070)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Busch et al. (2025) regional demand covers 2022–2070; {year} is outside it, so the lithium regional key has no figure."), nameof(year));
            }

            var rows = _busch.RegionalDemandIn(_options.BuschScenario, year);
            return rows.Sum(r => _weights[r.Region] * r.DemandTonnes) / rows.Sum(r => r.DemandTonnes);
        }

        public double BatteryShare(string batteryMineral)
        {
            var intensity = _busch.MineralIntensities.Where(i => i.Mineral == batteryMineral).ToDictionary(i => i.Chemistry, i => i.KgPerKwh, StringComparer.Ordinal);
            double total = 0, member = 0;
            foreach (var b in _busch.BatteryDemand)
            {
                if (!intensity.TryGetValue(b.Chemistry, out var kgPerKwh))
                {
                    throw new ArgumentException($"mineral_intensity.csv has no {batteryMineral} intensity for chemistry {b.Chemistry} (battery_region.csv row {b.Row}).");
                }

                double tonnes = b.MWh * kgPerKwh; // MWh × kg/kWh = t
                total += tonnes;
                member += _weights[b.Region] * tonnes;
            }

            return total == 0 ? 0 : member / total;
        }

        public double RestShare(string mineral, int year) => _options.RestKey switch
        {
            DemandSplitKey.LithiumRegional => LithiumShare(year),
            DemandSplitKey.BatteryMineral => BatteryShare(BatteryMineralOf(mineral)),
            DemandSplitKey.Explicit => ExplicitShare(),
            _ => throw new ArgumentException($"Unknown key {_options.RestKey}."),
        };

        private static string BatteryMineralOf(string mineral) =>
            BatteryMinerals.TryGetValue(mineral, out var m)
                ? m
                : throw new ArgumentException($"mineral_intensity.csv has no intensity for {mineral}: DemandSplitKey.BatteryMineral cannot split it.");

        private double ExplicitShare()
        {
            var shares = _options.ExplicitShares ?? throw new ArgumentException("DemandSplitKey.Explicit needs CoalitionDemandOptions.ExplicitShares.");
            double sum = 0, member = 0;
            foreach (var (key, share) in shares)
            {
                if (!double.IsFinite(share) || share < 0)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"ExplicitShares['{key}'] = {share}: expected a finite share ≥ 0."));
                }

                sum += share;
                if (_weights.TryGetValue(key, out var regionWeight))
                {
                    member += share * regionWeight;
                }
                else if (_busch.RegionOf(key) is not null || Loading.KnownCountries.Shipped.ContainsKey(key))
                {
                    member += _coalition.Contains(key) ? share : 0;
                }
                else
                {
                    throw new ArgumentException($"ExplicitShares key '{key}' is neither a Busch region nor a known ISO3 code.");
                }
            }

            if (Math.Abs(sum - 1) > 1e-6)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"ExplicitShares sum to {sum}; expected 1 (within 1e-6)."));
            }

            return member;
        }

        private static double GivenWeight(BuschRegion region, Coalition coalition, IReadOnlyDictionary<string, double> given)
        {
            if (!region.Countries.Any(c => coalition.Contains(c.Iso3)))
            {
                return 0;
            }

            var missing = region.Countries.Where(c => !given.ContainsKey(c.Iso3)).Select(c => c.Iso3).ToArray();
            if (missing.Length > 0)
            {
                throw new ArgumentException($"CountryWeights lacks a weight for {string.Join(", ", missing)} of region {region.Name}, which holds a member.");
            }

            var weights = region.Countries.Select(c => (c.Iso3, W: given[c.Iso3])).ToArray();
            if (weights.Any(w => !double.IsFinite(w.W) || w.W < 0) || weights.Sum(w => w.W) <= 0)
            {
                throw new ArgumentException($"CountryWeights of region {region.Name} must be finite, ≥ 0 and not all 0.");
            }

            return weights.Where(w => coalition.Contains(w.Iso3)).Sum(w => w.W) / weights.Sum(w => w.W);
        }
    }
}
