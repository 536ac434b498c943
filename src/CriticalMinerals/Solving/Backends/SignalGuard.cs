using System.Runtime.InteropServices;

namespace CriticalMinerals.Solving.Backends;

/// <summary>
/// Keeps the process's Ctrl+C (SIGINT) handler out of the native solvers' hands, on Linux.
/// </summary>
/// <remarks>
/// Measured through OR-Tools 9.15: CLP installs its own SIGINT handler for each solve and puts back the one it found,
/// so parallel solves leave CLP's installed (it then only stops some CLP model, and the application never hears of
/// Ctrl+C); CP-SAT resets SIGINT to the default action (Ctrl+C then kills the process) unless told not to catch it,
/// and SCIP catches it unless told not to. CP-SAT and SCIP are told (their parameters); for CLP, whose parameters
/// OR-Tools does not expose, every solve is followed by <see cref="AfterSolve"/>, which puts back the handler that was
/// there before (the application's) when a handler of the solver libraries (or none) is found instead. An application
/// that opts in (<see cref="ForwardSwallowedInterrupts"/>, the tool does) has the libraries' <c>signal()</c> redirected
/// so CLP never installs its handler, whose write to the last model that started a solve may hit a freed one.
/// </remarks>
internal static unsafe class SignalGuard
{
    private const int SigInt = 2;

    // struct sigaction is 152 bytes on x86-64 and arm64 glibc; room to spare.
    private const int ActionBytes = 256;

    // The OR-Tools package ships COIN-OR's libraries beside its own (CLP's handler lives in libClp.so.1).
    private static readonly string[] SolverLibraries = ["ortools", "libClp", "libCbc", "libCoin", "libOsi", "libCgl", "scip", "highs"];

    private static readonly Lock Gate = new();
    private static readonly bool Enabled = OperatingSystem.IsLinux() && Probe();
    private static readonly byte[] s_application = new byte[ActionBytes];
    private static bool s_haveApplication;
    private static bool s_patched;

    /// <summary>How many imports of <c>signal</c> in the solver libraries were redirected (the tool only; see <see cref="ElfSignalPatch"/>).</summary>
    internal static int PatchedSlots { get; private set; }

    /// <summary>Notes the handler in place before a native solve, unless it is one the solvers put there.</summary>
    public static void BeforeSolve()
    {
        if (!Enabled)
        {
            return;
        }

        lock (Gate)
        {
            if (ForwardSwallowedInterrupts && !s_patched)
            {
                // The native libraries are loaded by now (the solver exists): take SIGINT out of their hands for good.
                s_patched = true;
                PatchedSlots = ElfSignalPatch.Apply(SolverLibraries);
            }

            byte* current = stackalloc byte[ActionBytes];
            if (sigaction(SigInt, null, current) == 0 && !IsSolvers(*(IntPtr*)current))
            {
                new Span<byte>(current, ActionBytes).CopyTo(s_application);
                s_haveApplication = true;
            }
        }
    }

    /// <summary>Puts back the application's handler if a native solve left its own (or the default) in place.</summary>
    /// <returns>Whether a solver's handler was found and replaced.</returns>
    public static bool AfterSolve()
    {
        if (!Enabled)
        {
            return false;
        }

        lock (Gate)
        {
            byte* current = stackalloc byte[ActionBytes];
            if (!s_haveApplication || sigaction(SigInt, null, current) != 0 || !IsSolvers(*(IntPtr*)current))
            {
                return false;
            }

            fixed (byte* application = s_application)
            {
                return sigaction(SigInt, application, null) == 0;
            }
        }
    }

    /// <summary>
    /// Whether the solver libraries' <c>signal()</c> calls are redirected (<see cref="ElfSignalPatch"/>) at the first solve,
    /// and, where that cannot be done, <see cref="Forward"/> sends a swallowed Ctrl+C on. Off by default: patching a
    /// process's libraries and signalling it are for the application to decide, and a CLP solve that fails for numerical
    /// reasons looks like a swallowed Ctrl+C. The command-line tool, which cancels on Ctrl+C and on nothing worse, turns it on.
    /// </summary>
    internal static bool ForwardSwallowedInterrupts { get; set; }

    /// <summary>
    /// A CLP solve stopped for no reason the library gave it (no limit reached, no cancellation): CLP's handler took a
    /// Ctrl+C meant for the application. The application's handler is put back and the signal sent again.
    /// </summary>
    public static void Forward()
    {
        if (!Enabled || !ForwardSwallowedInterrupts || PatchedSlots > 0)
        {
            return; // with the solver libraries' signal() redirected, CLP never had a handler to swallow it
        }

        AfterSolve();
        _ = kill(Environment.ProcessId, SigInt); // nothing to do if it fails: the Ctrl+C is lost as it was
    }

    /// <summary>A handler address inside the native solver libraries, or the default action (which no .NET process keeps).</summary>
    private static bool IsSolvers(IntPtr handler)
    {
        if (handler == IntPtr.Zero)
        {
            return true;
        }

        if (handler == 1)
        {
            return false; // ignored on purpose by whoever started the process
        }

        DlInfo info;
        if (dladdr(handler, &info) == 0 || info.FileName == IntPtr.Zero)
        {
            return false;
        }

        string file = Path.GetFileName(Marshal.PtrToStringUTF8(info.FileName) ?? string.Empty);
        return SolverLibraries.Any(marker => file.Contains(marker, StringComparison.OrdinalIgnoreCase));
    }

    private static bool Probe()
    {
        try
        {
            byte* current = stackalloc byte[ActionBytes];
            return sigaction(SigInt, null, current) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "sigaction")]
    private static extern int sigaction(int signal, byte* action, byte* old);

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "dladdr")]
    private static extern int dladdr(IntPtr address, DlInfo* info);

    [StructLayout(LayoutKind.Sequential)]
    private struct DlInfo
    {
        public IntPtr FileName;
        public IntPtr FileBase;
        public IntPtr SymbolName;
        public IntPtr SymbolAddress;
    }
}
