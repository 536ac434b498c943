using CriticalMinerals.Data;

namespace CriticalMinerals.Charts;

/// <summary>Names for readers, not codes: "Magnet rare earths" for <c>magnet_rare_earths</c>, "MSP" for <c>MSP_Minerals_Security_Partnership</c>.</summary>
public static class DisplayNames
{
    /// <summary>The built-in coalitions by the names the study uses; any other name is shown with spaces for underscores.</summary>
    private static readonly Dictionary<string, string> Coalitions = new(StringComparer.Ordinal)
    {
        ["US_FTA_partners_20"] = "US + FTA partners",
        ["MSP_Minerals_Security_Partnership"] = "MSP",
        ["IRA_30D_FTA_treatment_extra"] = "IRA §30D FTA treatment",
    };

    /// <summary>A commodity's name from the embedded catalogue (e.g. "Lithium"), or the code with spaces for underscores.</summary>
    /// <param name="code">Commodity code, e.g. <c>magnet_rare_earths</c>.</param>
    /// <returns>The name to print.</returns>
    public static string Commodity(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var commodity = MineralDataset.Default.Commodities.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal));
        return commodity?.Name is { Length: > 0 } name ? name : Capitalised(code.Replace('_', ' '));
    }

    /// <summary>A coalition's short name (MSP, US + FTA partners, G7, …), or the name with spaces for underscores.</summary>
    /// <param name="name">Coalition name as in the data.</param>
    /// <returns>The name to print.</returns>
    public static string Coalition(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Coalitions.TryGetValue(name, out string? shown) ? shown : name.Replace('_', ' ');
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
