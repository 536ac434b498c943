using CriticalMinerals.Modeling;
using CriticalMinerals.Solving;
using CriticalMinerals.Solving.Backends;

namespace CriticalMinerals.Tests.Reliability;

/// <summary>
/// A backend whose native answer is a function of the model it is given (and of the call's deadline), on the real
/// pipeline (<see cref="OrToolsBackend"/>): what the library does with a wrong or slow answer is then testable.
/// </summary>
internal sealed class ScriptedBackend(string name, SolverCapabilities capabilities, Func<LinearModel, Deadline, RawResult> answer)
    : OrToolsBackend(name, capabilities)
{
    public ScriptedBackend(string name, bool correctDuals, Func<LinearModel, RawResult> answer)
        : this(name, correctDuals, (model, _) => answer(model))
    {
    }

    public ScriptedBackend(string name, bool correctDuals, Func<LinearModel, Deadline, RawResult> answer)
        : this(name, new SolverCapabilities(true, false, correctDuals, false, false, true, false, false, 1e-9), answer)
    {
    }

    /// <summary>Capabilities of a MIP backend that proves nothing.</summary>
    public static SolverCapabilities Mip { get; } = new(true, true, false, false, false, true, false, false, 1e-9);

    public int Calls { get; private set; }

    /// <summary>The time left at each native call, in order.</summary>
    public List<TimeSpan?> Remaining { get; } = [];

    protected override bool ProbeAvailability() => true;

    protected override RawResult SolveNative(LinearModel model, SolveOptions options, Deadline deadline, bool wantDuals, CancellationToken cancellationToken)
    {
        Calls++;
        Remaining.Add(deadline.Remaining);
        return answer(model, deadline);
    }
}
