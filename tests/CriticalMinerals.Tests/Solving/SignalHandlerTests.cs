using System.Runtime.InteropServices;
using CriticalMinerals.Solving;
using CriticalMinerals.Solving.Backends;

namespace CriticalMinerals.Tests.Solving;

/// <summary>
/// Ctrl+C stays the application's: after solves on every backend, and after many CLP solves in parallel (CLP installs
/// its own SIGINT handler per solve and parallel solves used to leave it installed; CP-SAT used to reset SIGINT to the
/// default action), the process's SIGINT handler is not one of the solver libraries' and not the default. Run alone:
/// a CLP solve of another test would hold CLP's handler while it runs.
/// </summary>
[Collection(nameof(NativeStdoutGroup))]
public sealed unsafe class SignalHandlerTests
{
    [Fact]
    public void Solves_leave_the_applications_SIGINT_handler_in_place()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var small = ConformanceModels.Transportation(20, 20, seed: 5);
        foreach (var backend in SolverBackends.All.Where(b => b.IsAvailable))
        {
            var model = backend.Capabilities.ContinuousVariables ? small : ConformanceModels.MarketSplit(rows: 2, columns: 10, seed: 1);
            backend.Solve(model, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(10) });
            Library(Handler()).Should().NotContainAny(["Clp", "Cbc", "ortools", "scip", "highs"], $"after {backend.Name}");
            Handler().Should().NotBe(IntPtr.Zero, $"after {backend.Name} SIGINT must not be back at its default action (which kills the process)");
        }

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ => SolverBackends.Clp.Solve(small));
        Library(Handler()).Should().NotContainAny(["Clp", "Cbc", "ortools", "scip", "highs"], "after parallel CLP solves");
        SignalGuard.PatchedSlots.Should().Be(0, "a library user's process is not patched unless it opts in");
    }

    private static IntPtr Handler()
    {
        byte* action = stackalloc byte[256];
        sigaction(2, null, action).Should().Be(0);
        return *(IntPtr*)action;
    }

    private static string Library(IntPtr address)
    {
        IntPtr* info = stackalloc IntPtr[4];
        return dladdr(address, info) != 0 && info[0] != IntPtr.Zero ? Path.GetFileName(Marshal.PtrToStringUTF8(info[0]) ?? string.Empty) : string.Empty;
    }

    [DllImport("libc", EntryPoint = "sigaction")]
    private static extern int sigaction(int signal, byte* action, byte* old);

    [DllImport("libc", EntryPoint = "dladdr")]
    private static extern int dladdr(IntPtr address, IntPtr* info);
}
