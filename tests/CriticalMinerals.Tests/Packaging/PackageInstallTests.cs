using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using CriticalMinerals.Analysis;
using CriticalMinerals.Data;
using CriticalMinerals.Tests.Data;

namespace CriticalMinerals.Tests.Packaging;

/// <summary>
/// Packs the library as a user gets it, installs the package into a fresh console project from a local feed, and runs
/// the README's quick start through it. One test does it all, so the pack happens once.
/// </summary>
[Collection(nameof(PackagingGroup))]
public sealed class PackageInstallTests : IDisposable
{
    private const string TestVersion = "0.0.0-packtest";
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cm-packtest-" + Guid.NewGuid().ToString("N")[..8]);

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
    public void The_package_carries_readme_docs_licence_symbols_and_data_and_solves_a_scenario_once_installed()
    {
        string repo = TestPaths.FindUp("src")!;
        repo = Path.GetDirectoryName(repo)!;
        string project = Path.Combine(repo, "src", "CriticalMinerals", "CriticalMinerals.csproj");
        string feed = Path.Combine(_root, "feed");
        var timeout = TimeSpan.FromMinutes(4);

        // 1. Pack. The test project has just built the library in this configuration, so --no-build reuses it.
        var (code, output) = DotnetProcess.Run(repo, timeout, "pack", project, "-c", Configuration, "--no-build", "-o", feed, "-p:Version=" + TestVersion, "-nodeReuse:false");
        if (code != 0)
        {
            (code, output) = DotnetProcess.Run(repo, timeout, "pack", project, "-c", Configuration, "-o", feed, "-p:Version=" + TestVersion, "-nodeReuse:false");
        }

        code.Should().Be(0, output);
        string nupkg = Path.Combine(feed, $"CriticalMinerals.{TestVersion}.nupkg");
        File.Exists(nupkg).Should().BeTrue(output);
        File.Exists(Path.Combine(feed, $"CriticalMinerals.{TestVersion}.snupkg")).Should().BeTrue("symbols ship as a .snupkg");

        // 2. What is inside.
        using (var zip = ZipFile.OpenRead(nupkg))
        {
            var names = zip.Entries.Select(e => e.FullName).ToArray();
            names.Should().Contain(["PACKAGE.md", "lib/net10.0/CriticalMinerals.dll", "lib/net10.0/CriticalMinerals.xml", "buildTransitive/CriticalMinerals.targets"]);
            var metadata = PackageFiles.Metadata(zip);
            XNamespace ns = metadata.Name.Namespace;
            metadata.Element(ns + "license")!.Value.Should().Be("Apache-2.0");
            metadata.Element(ns + "readme")!.Value.Should().Be("PACKAGE.md");
            metadata.Element(ns + "authors")!.Value.Should().Be("CriticalMinerals contributors");
            // The package readme speaks to someone who installed the package, not to someone in the clone.
            using var readme = new StreamReader(zip.GetEntry("PACKAGE.md")!.Open());
            string readmeText = readme.ReadToEnd();
            readmeText.Should().Contain("dotnet add package CriticalMinerals").And.Contain("RuntimeIdentifier").And.NotContain("--project src/");
            metadata.Element(ns + "tags")!.Value.Should().Contain("critical-minerals");
            metadata.Element(ns + "description")!.Value.Should().NotBeNullOrWhiteSpace();
            metadata.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).Should().Contain("Google.OrTools");
        }

        // 2b. The Charts package: same metadata, and no Linux natives forced on every consumer (the app picks them).
        string charts = Path.Combine(repo, "src", "CriticalMinerals.Charts", "CriticalMinerals.Charts.csproj");
        (code, output) = DotnetProcess.Run(repo, timeout, "pack", charts, "-c", Configuration, "--no-build", "-o", feed, "-p:Version=" + TestVersion, "-nodeReuse:false");
        code.Should().Be(0, output);
        using (var zip = ZipFile.OpenRead(Path.Combine(feed, $"CriticalMinerals.Charts.{TestVersion}.nupkg")))
        {
            var metadata = PackageFiles.Metadata(zip);
            XNamespace ns = metadata.Name.Namespace;
            metadata.Element(ns + "license")!.Value.Should().Be("Apache-2.0");
            metadata.Element(ns + "authors")!.Value.Should().Be("CriticalMinerals contributors");
            metadata.Element(ns + "readme")!.Value.Should().Be("PACKAGE.md");
            var dependencies = metadata.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).ToArray();
            dependencies.Should().Contain(["CriticalMinerals", "ScottPlot"]);
            dependencies.Should().NotContain(d => d.Contains(".NativeAssets.Linux", StringComparison.Ordinal));
        }

        // 3. A fresh console project that installs the package from the local feed; everything else restores from
        //    the normal source (the machine's package cache serves OR-Tools without a download). Packages go to a
        //    private folder so the test version never lands in the user's cache.
        string app = Path.Combine(_root, "app");
        Directory.CreateDirectory(app);
        string globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        // Stop MSBuild's upward search: nothing above the temp folder (another checkout's props) may leak in.
        foreach (string stop in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(app, stop), "<Project />");
        }

        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="cache" value="{globalPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
                <SelfContained>false</SelfContained>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RestorePackagesPath>{Path.Combine(_root, "packages")}</RestorePackagesPath>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="CriticalMinerals" Version="{TestVersion}" />
              </ItemGroup>
            </Project>
            """);
        // The README's five-line quick start, as a user pastes it.
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using CriticalMinerals.Analysis;
            using CriticalMinerals.Data;

            var data = MineralDataset.Default;
            var answer = new CoalitionAnalysis(data).Answer(new CoalitionQuestion
                { Commodity = "lithium", Coalition = data.GetCoalition("MSP_Minerals_Security_Partnership"), Scenario = DemandScenario.Nze, Year = 2030 });
            Console.WriteLine(FormattableString.Invariant($"{answer.Status} coverage={answer.TotalCoverage:0.0000} shortfall={answer.ShortfallKt:0.0} {answer.Unit}"));
            """);

        (code, output) = DotnetProcess.Run(app, timeout, "build", "-c", "Release", "-nodeReuse:false", "-v:q");
        code.Should().Be(0, output);

        // Publishing without a runtime identifier would copy five platforms' natives: the package says so at publish.
        (code, output) = DotnetProcess.Run(app, timeout, "msbuild", "-t:CriticalMineralsRuntimeIdentifierHint", "-p:RuntimeIdentifier=", "-nodeReuse:false", "-v:m");
        code.Should().Be(0, output);
        output.Should().Contain("CriticalMinerals: publishing without a RuntimeIdentifier").And.Contain("about 74 MB");
        string dll = Path.Combine(app, "bin", "Release", "net10.0", "linux-x64", "app.dll");
        if (!OperatingSystem.IsLinux())
        {
            return; // the app pins linux-x64 natives; elsewhere building is all that is checked
        }

        (code, output) = DotnetProcess.Run(app, timeout, dll);
        code.Should().Be(0, output);

        // The installed package gives the same answer as the library under test, and the figure is the
        // embedded data's MSP lithium gap: 676.7 kt Li of 701.5 kt short in NZE 2030 (24.4 refined, 0.4 recycled).
        var expected = new CoalitionAnalysis(MineralDataset.Default).Answer(new CoalitionQuestion
        {
            Commodity = "lithium",
            Coalition = MineralDataset.Default.GetCoalition("MSP_Minerals_Security_Partnership"),
            Scenario = DemandScenario.Nze,
            Year = 2030,
        });
        output.Trim().Should().Be(string.Create(CultureInfo.InvariantCulture, $"Optimal coverage={expected.TotalCoverage:0.0000} shortfall={expected.ShortfallKt:0.0} kt Li"));
        output.Should().Contain("shortfall=676.7 kt Li");
    }
}

/// <summary>The packaging tests build and pack the same projects: run one at a time, or they lock each other's files.</summary>
[CollectionDefinition(nameof(PackagingGroup), DisableParallelization = true)]
public sealed class PackagingGroup;
