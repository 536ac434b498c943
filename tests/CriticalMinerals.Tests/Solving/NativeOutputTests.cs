using System.Runtime.InteropServices;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Tests.Solving;

/// <summary>
/// The library writes nothing to the console, natives included: HiGHS prints a banner on stdout unless told
/// not to, and native code writes to file descriptor 1, bypassing <see cref="Console.Out"/>. The test points
/// descriptor 1 at a file while every backend solves.
/// </summary>
[Collection(nameof(NativeStdoutGroup))]
public sealed partial class NativeOutputTests
{
    [Fact]
    public void No_backend_writes_to_stdout()
    {
        OperatingSystem.IsLinux().Should().BeTrue("the suite runs where the library ships its natives: linux-x64");
        string path = Path.GetTempFileName();
        int saved = Dup(1);
        int file = Open(path, 0x241 /* O_WRONLY | O_CREAT | O_TRUNC */, 0x1A4 /* 0644 */);
        file.Should().BeGreaterThan(0);
        try
        {
            Dup2(file, 1).Should().Be(1);
            foreach (var backend in SolverBackends.All)
            {
                backend.Solve(ConformanceModels.Wyndor());
                backend.Solve(ConformanceModels.Knapsack());
                backend.Solve(ConformanceModels.Unbounded());
            }
        }
        finally
        {
            _ = Fflush(IntPtr.Zero);
            _ = Dup2(saved, 1);
            _ = Close(file);
            _ = Close(saved);
        }

        string written = File.ReadAllText(path);
        File.Delete(path);
        written.Should().BeEmpty();
    }

    [LibraryImport("libc", EntryPoint = "dup")]
    private static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "dup2")]
    private static partial int Dup2(int oldFd, int newFd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "fflush")]
    private static partial int Fflush(IntPtr stream);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);
}

/// <summary>Runs alone: it redirects the process's stdout.</summary>
[CollectionDefinition(nameof(NativeStdoutGroup), DisableParallelization = true)]
public sealed class NativeStdoutGroup;
