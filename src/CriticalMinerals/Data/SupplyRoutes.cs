using System.Globalization;

namespace CriticalMinerals.Data;

/// <summary>A figure the library derives from data rows (or, where no source gives one, assumes), with its method and sources.</summary>
/// <param name="Value">The figure: kt per year, or a share, as the member that returns it says.</param>
/// <param name="Method">How it was obtained, in words a reader can recompute.</param>
/// <param name="SourceIds">Sources of the rows it rests on.</param>
/// <param name="IsAssumption">Whether it rests on an assumption no source states (every answer using it flags it).</param>
public sealed record DerivedFigure(double Value, string Method, IReadOnlyList<string> SourceIds, bool IsAssumption);

public sealed partial class MineralDataset
{
    /// <summary>Commodity whose demand the data counts in all grades while its mining is natural only: synthetic graphite closes it.</summary>
    private const string SyntheticRouteCommodity = "graphite";

    /// <summary>
    /// World output of a commodity's supply route that bypasses mines and refineries, or <see langword="null"/> where the commodity
    /// has none. Graphite: synthetic graphite. No dataset here gives its output, so the base year is derived as IEA all-grades
    /// demand minus IEA natural graphite mining of the same year (no stock change assumed; 2024: 4,765.6 − 1,847.2 = 2,918.3 kt);
    /// later years hold that level, an assumption every answer flags. No source attributes it to countries.
    /// </summary>
    /// <param name="commodity">Catalogue code.</param>
    /// <param name="year">Year.</param>
    /// <returns>The figure in kt per year, or <see langword="null"/>.</returns>
    public DerivedFigure? OtherRouteSupply(string commodity, int year)
    {
        var c = GetCommodity(commodity);
        if (c.Code != SyntheticRouteCommodity)
        {
            return null;
        }

        int baseYear = SupplyRecords.Where(r => r.Commodity == c.Code && r.Case == SupplyCase.Observed).Select(r => r.Year).DefaultIfEmpty(year).Max();
        var demand = TotalDemand(c.Code, DemandScenario.Observed, baseYear);
        var mined = Supply(c.Code, SupplyStage.Mining, baseYear, SupplyCase.Observed).World
            ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"No IEA World row for {c.Code} mining {baseYear}: synthetic graphite cannot be derived."));
        double value = Math.Max(0, demand.Value - mined.Value);
        string method = string.Create(CultureInfo.InvariantCulture,
            $"synthetic graphite = IEA {baseYear} all-grades demand ({demand.Value:0.###}) − IEA {baseYear} natural graphite mining ({mined.Value:0.###}), no stock change assumed");
        return year == baseYear
            ? new DerivedFigure(value, method, [.. new[] { demand.SourceId, mined.SourceId }.Distinct()], false)
            : new DerivedFigure(value, string.Create(CultureInfo.InvariantCulture, $"{method}; held at the {baseYear} level in {year} (assumption: no source projects synthetic graphite)"), [.. new[] { demand.SourceId, mined.SourceId }.Distinct()], true);
    }

    /// <summary>
    /// Share of a refinery's capacity that secondary (scrap) feed may supply: the part of world refinery output that world mine output
    /// cannot explain, 1 − IEA world mining / IEA world refining of the same year and case (copper 2024: 15.4 %). Zero for graphite,
    /// which has no scrap route in the data: its refining-over-mining excess in the IEA projections is a series break (synthetic
    /// material), not scrap.
    /// </summary>
    /// <param name="commodity">Catalogue code.</param>
    /// <param name="year">Year.</param>
    /// <param name="supplyCase">Observed or base-case projection.</param>
    /// <returns>The share (0–1).</returns>
    public DerivedFigure SecondaryFeedShare(string commodity, int year, SupplyCase supplyCase)
    {
        var c = GetCommodity(commodity);
        var mining = Supply(c.Code, SupplyStage.Mining, year, supplyCase);
        var refining = Supply(c.Code, SupplyStage.Refining, year, supplyCase);
        if (c.Code == SyntheticRouteCommodity)
        {
            return new DerivedFigure(0, string.Create(CultureInfo.InvariantCulture,
                $"graphite has no scrap route in the data; IEA refining over mining in {year} ({refining.World?.Value:0.#} vs {mining.World?.Value:0.#} kt) is not taken as scrap"), ["S48"], false);
        }

        if (mining.World is not { } mined || refining.World is not { } refined || refined.Value <= 0)
        {
            return new DerivedFigure(0, string.Create(CultureInfo.InvariantCulture, $"no IEA World rows for {c.Code} {year}: no secondary feed"), [], false);
        }

        double share = Math.Max(0, 1 - (mined.Value / refined.Value));
        return new DerivedFigure(share, string.Create(CultureInfo.InvariantCulture,
            $"secondary (scrap) feed = 1 − IEA world mining / IEA world refining, {year} ({mined.Value:0.###} / {refined.Value:0.###})"), [.. new[] { mined.SourceId, refined.SourceId }.Distinct()], false);
    }

    /// <summary>
    /// The data's own gap in the observed year: IEA demand minus what the world's refineries (fed by mines and scrap) and other
    /// routes can deliver, as a share of demand; 0 where supply covers demand. The world as one open market covers its observed
    /// demand up to this share.
    /// </summary>
    /// <param name="commodity">Catalogue code.</param>
    /// <param name="year">An observed year.</param>
    /// <returns>The discrepancy as a share of demand.</returns>
    public DerivedFigure ObservedDiscrepancy(string commodity, int year)
    {
        var c = GetCommodity(commodity);
        var demand = TotalDemand(c.Code, DemandScenario.Observed, year);
        var mining = Supply(c.Code, SupplyStage.Mining, year, SupplyCase.Observed);
        var refining = Supply(c.Code, SupplyStage.Refining, year, SupplyCase.Observed);
        double secondary = SecondaryFeedShare(c.Code, year, SupplyCase.Observed).Value;
        double refinedWorld = refining.World?.Value ?? 0;
        double minedWorld = mining.World?.Value ?? 0;
        double deliverable = Math.Min(refinedWorld, minedWorld + (secondary * refinedWorld)) + (OtherRouteSupply(c.Code, year)?.Value ?? 0);
        double gap = demand.Value > 0 ? Math.Max(0, (demand.Value - deliverable) / demand.Value) : 0;
        return new DerivedFigure(gap, string.Create(CultureInfo.InvariantCulture,
            $"(IEA {year} demand {demand.Value:0.###} − deliverable world supply {deliverable:0.###}) / demand"), [demand.SourceId], false);
    }
}
