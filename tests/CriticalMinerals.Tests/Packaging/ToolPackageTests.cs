using System.IO.Compression;
using System.Xml.Linq;
using CriticalMinerals.Tests.Data;

namespace CriticalMinerals.Tests.Packaging;

/// <summary>
/// Packs the command-line tool as it ships: a pointer package and one package per platform OR-Tools has natives for.
/// The packages of the other platforms are inspected (each carries its own solver and chart natives, no other's); the
/// one of this machine is installed from a local feed and run. One test, so the (slow) pack happens once.
/// </summary>
[Collection(nameof(PackagingGroup))]
public sealed class ToolPackageTests : IDisposable
{
    private const string TestVersion = "0.0.0-tooltest";
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>Per platform: its OR-Tools library and its SkiaSharp library, as they are named there.</summary>
    private static readonly Dictionary<string, (string OrTools, string Skia)> Platforms = new(StringComparer.Ordinal)
    {
        ["linux-x64"] = ("libortools.so.9", "libSkiaSharp.so"),
        ["linux-arm64"] = ("libortools.so.9", "libSkiaSharp.so"),
        ["osx-x64"] = ("libortools.9.dylib", "libSkiaSharp.dylib"),
        ["osx-arm64"] = ("libortools.9.dylib", "libSkiaSharp.dylib"),
        ["win-x64"] = ("ortools.dll", "libSkiaSharp.dll"),
    };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cm-tooltest-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temp folder is cleaned by the system.
        }
    }

    [Fact]
    public void The_tool_packs_for_every_platform_with_its_own_natives_and_runs_as_criticalminerals_once_installed()
    {
        string repo = Path.GetDirectoryName(TestPaths.FindUp("src")!)!;
        string feed = Path.Combine(_root, "feed");
        var timeout = TimeSpan.FromMinutes(10);

        var (code, output) = DotnetProcess.Run(repo, timeout, "pack", Path.Combine(repo, "src", "CriticalMinerals.Cli", "CriticalMinerals.Cli.csproj"),
            "-c", Configuration, "-o", feed, "-p:Version=" + TestVersion, "-nodeReuse:false");
        code.Should().Be(0, output);

        // The pointer package: no implementation, the list of platform packages `dotnet tool install` chooses from.
        using (var pointer = ZipFile.OpenRead(Path.Combine(feed, $"CriticalMinerals.Cli.{TestVersion}.nupkg")))
        {
            pointer.Entries.Should().NotContain(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal), "the pointer package carries no build");
            var settings = XDocument.Load(pointer.Entries.Single(e => e.Name == "DotnetToolSettings.xml").Open());
            settings.Descendants("Command").Single().Attribute("Name")!.Value.Should().Be("criticalminerals");
            settings.Descendants("RuntimeIdentifierPackage").Select(p => p.Attribute("RuntimeIdentifier")!.Value)
                .Should().BeEquivalentTo(Platforms.Keys);
            var metadata = PackageFiles.Metadata(pointer);
            metadata.Element(metadata.Name.Namespace + "readme")!.Value.Should().Be("PACKAGE.md");
            pointer.Entries.Should().Contain(e => e.FullName == "PACKAGE.md");
        }

        // Each platform package: its own natives under tools/net10.0/<rid>/, none of another platform's.
        foreach (var (rid, natives) in Platforms)
        {
            string path = Path.Combine(feed, $"CriticalMinerals.Cli.{rid}.{TestVersion}.nupkg");
            File.Exists(path).Should().BeTrue($"a package for {rid}");
            using var zip = ZipFile.OpenRead(path);
            var names = zip.Entries.Select(e => e.FullName).ToArray();
            names.Should().Contain($"tools/net10.0/{rid}/CriticalMinerals.Cli.dll");
            names.Should().Contain($"tools/net10.0/{rid}/{natives.OrTools}", $"{rid} needs its OR-Tools solver library");
            names.Should().Contain($"tools/net10.0/{rid}/{natives.Skia}", $"{rid} needs its chart renderer");
            names.All(n => !n.StartsWith("tools/", StringComparison.Ordinal) || n.StartsWith($"tools/net10.0/{rid}/", StringComparison.Ordinal))
                .Should().BeTrue($"the {rid} package holds only {rid} files");
            foreach (var (other, otherNatives) in Platforms.Where(p => p.Value.OrTools != natives.OrTools))
            {
                names.Should().NotContain(n => n.EndsWith("/" + otherNatives.OrTools, StringComparison.Ordinal), $"{other}'s solver has no place in the {rid} package");
            }
        }

        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            return; // the install below runs the linux-x64 package
        }

        // Installed from the feed as a user does, then run by its command name.
        string tools = Path.Combine(_root, "tools");
        (code, output) = DotnetProcess.Run(_root, timeout, "tool", "install", "--tool-path", tools, "--add-source", feed, "CriticalMinerals.Cli", "--version", TestVersion);
        code.Should().Be(0, output);
        string command = Path.Combine(tools, "criticalminerals");

        (code, output) = DotnetProcess.RunProgram(command, _root, TimeSpan.FromMinutes(2), "--help");
        code.Should().Be(0, output);
        output.Should().Contain("criticalminerals [command] [options]", "the usage line names the command, not the assembly").And.NotContain("CriticalMinerals.Cli");

        (code, output) = DotnetProcess.RunProgram(command, _root, TimeSpan.FromMinutes(2), "blocs", "--format", "csv", "--year", "2030");
        code.Should().Be(0, output);
        output.Should().Contain("MSP_Minerals_Security_Partnership").And.Contain("lithium");
    }
}
