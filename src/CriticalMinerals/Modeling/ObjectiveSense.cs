namespace CriticalMinerals.Modeling;

/// <summary>Whether the objective is minimised or maximised.</summary>
public enum ObjectiveSense
{
    /// <summary>Minimise the objective.</summary>
    Minimize,

    /// <summary>Maximise the objective.</summary>
    Maximize,
}
