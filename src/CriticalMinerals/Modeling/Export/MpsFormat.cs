namespace CriticalMinerals.Modeling.Export;

/// <summary>How <see cref="MpsReader"/> splits a data line into fields.</summary>
public enum MpsFormat
{
    /// <summary>Free format, and fixed format when free format fails (what clp and cbc do).</summary>
    Auto,

    /// <summary>Fields separated by white space; names contain none.</summary>
    Free,

    /// <summary>Fields at columns 2–3, 5–12, 15–22, 25–36, 40–47 and 50–61; names may contain spaces.</summary>
    Fixed,
}
