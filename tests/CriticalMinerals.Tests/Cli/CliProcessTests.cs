using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using CriticalMinerals.Cli.Infrastructure;

namespace CriticalMinerals.Tests.Cli;

/// <summary>
/// The built tool run as a process, as a user runs it: every bad input exits 2 with a message on stderr that names the
/// option and shows the value (invisible and look-alike characters escaped), and no stack trace ever appears.
/// </summary>
public sealed class CliProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cm-cli-process-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string[], string, string> BadInputs => new()
    {
        { ["sweep", "--years", "abc"], "--years", "'abc'" },
        { ["sweep", "--years", "99999999999"], "--years", "'99999999999'" },
        { ["sweep", "--years", "2030,-5"], "--years", "'-5'" },
        { ["sweep", "--demand-shares", "x"], "--demand-shares", "'x'" },
        { ["sweep", "--demand-shares", "NaN"], "--demand-shares", "'NaN'" },
        { ["sweep", "--demand-shares", "-0.5"], "--demand-shares", "'-0.5'" },
        { ["sweep", "--demand-shares", "Infinity"], "--demand-shares", "'Infinity'" },
        { ["sweep", "--demand-shares", "1e308"], "--demand-shares", "'1e308'" },
        { ["sweep", "--commodities", "lithium,unobtanium"], "--commodities", "'unobtanium'" },
        { ["sweep", "--scenarios", "XYZ"], "--scenario", "'XYZ'" },
        { ["coverage", "--data", ""], "--data", "''" },
        { ["coverage", "--coalition", "Mine=USA,U\u200BSA"], "--coalition", "'U\\u200BSA'" },
        { ["solve", "--commodity", "lithium", "--coalition", "X=US\u0410"], "--coalition", "'US\\u0410'" },
        { ["solve", "--commodity", "lithium", "--coalition", "NoSuchCoalition"], "--coalition", "'NoSuchCoalition'" },
        { ["solve", "--commodity", "lith\u200Bium"], "--commodity", "'lith\\u200Bium'" },
        { ["solve", "--commodity", "lithium", "--year", "abc"], "--year", "'abc'" },
        { ["solve", "--commodity", "lithium", "--rules", "0.2,x"], "--rules", "'0.2,x'" },
        { ["stress", "--commodity", "lithium", "--country", "XXX"], "--country", "'XXX'" },
        { ["stress", "--commodity", "lithium", "--country", "US\u200BA"], "--country", "'US\\u200BA'" },
        { ["stress", "--commodity", "lithium", "--core", "USA,ZZZ"], "--core", "'ZZZ'" },
        { ["stress", "--commodity", "lithium", "--stock-months", "-3"], "--stock-months", "-3" },
        { ["stress", "--commodity", "lithium", "--remaining", "1.5"], "--remaining", "1.5" },
        { ["stress", "--commodity", "lithium", "--from-year", "2035", "--to-year", "2030"], "--from-year", "2035" },
        { ["design", "--commodity", "lithium", "--candidates", "QQQ"], "--candidates", "'QQQ'" },
        { ["design", "--commodity", "lithium", "--candidates", "USA,EUU"], "--candidates", "'EUU'" },
        { ["stress", "--commodity", "lithium", "--country", "EUU"], "--country", "'EUU'" },
        { ["stress", "--commodity", "lithium", "--core", "USA,euu"], "--core", "'euu'" },
        { ["design", "--commodity", "lithium", "--target", "2"], "--target", "2" },
        { ["export", "--commodity", "unobtanium", "--output", "x.mps"], "--commodity", "'unobtanium'" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_exits_2_naming_the_option_and_the_value_without_a_stack_trace(string[] args, string option, string value)
    {
        var (code, output, error) = Run(args);

        code.Should().Be(ExitCodes.BadInput, error);
        error.Should().Contain(option).And.Contain(value);
        NoTrace(output, error);
    }

    [Fact]
    public void Chart_into_a_missing_folder_fails_before_solving()
    {
        string chart = Path.Combine(_dir, "missing", "coverage.png");
        var (code, output, error) = Run("coverage", "--chart", chart);

        code.Should().Be(ExitCodes.BadInput, error);
        error.Should().Contain("--chart").And.Contain("does not exist");
        output.Should().BeEmpty("nothing was solved");
        NoTrace(output, error);
    }

    [Fact]
    public void Demand_of_1e308_in_the_data_is_bad_input_not_a_failed_solve()
    {
        string data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        var lines = Encoding.UTF8.GetString(CriticalMinerals.Data.Loading.DefaultFiles.ReadEmbedded("iea_demand_projections.csv")!).Split('\n');
        var changed = lines.Select(l => l.StartsWith("lithium,", StringComparison.Ordinal) ? Replace(l, 4, "1e308") : l);
        File.WriteAllText(Path.Combine(data, "iea_demand_projections.csv"), string.Join('\n', changed));

        var (code, output, error) = Run("solve", "--commodity", "lithium", "--data", data);

        code.Should().Be(ExitCodes.BadInput, error);
        error.Should().Contain("--data").And.Contain("lithium demand").And.Contain("1E+308");
        NoTrace(output, error);
    }

    [Fact]
    public void Data_files_named_only_alike_or_not_regular_are_bad_input()
    {
        string data = Directory.CreateDirectory(Path.Combine(_dir, "alike")).FullName;
        File.WriteAllBytes(Path.Combine(data, "Sources.CSV"), CriticalMinerals.Data.Loading.DefaultFiles.ReadEmbedded("sources.csv")!);
        Directory.CreateDirectory(Path.Combine(data, "country_groups.csv"));

        var (code, output, error) = Run("coverage", "--data", data);

        code.Should().Be(ExitCodes.BadInput, error);
        error.Should().Contain("Sources.CSV").And.Contain("field '(file name)'").And.Contain("ambiguous")
            .And.Contain("country_groups.csv").And.Contain("a regular file, not a directory");
        NoTrace(output, error);
    }

    [Fact]
    public void Files_the_data_directory_lacks_are_named_on_stderr()
    {
        string data = Directory.CreateDirectory(Path.Combine(_dir, "partial")).FullName;
        File.WriteAllBytes(Path.Combine(data, "sources.csv"), CriticalMinerals.Data.Loading.DefaultFiles.ReadEmbedded("sources.csv")!);

        var (code, _, error) = Run("solve", "--commodity", "lithium", "--data", data);

        code.Should().Be(0, error);
        error.Should().Contain("the embedded copies are used").And.Contain("iea_supply_by_country.csv");
    }

    [Fact]
    public void A_data_path_linked_to_dev_zero_is_refused_not_read()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string zero = Path.Combine(_dir, "zero.xlsx");
        File.CreateSymbolicLink(zero, "/dev/zero");
        string data = Directory.CreateDirectory(Path.Combine(_dir, "linked")).FullName;
        File.CreateSymbolicLink(Path.Combine(data, "sources.csv"), "/dev/zero");

        foreach (string path in new[] { zero, data })
        {
            var (code, output, error) = Run("coverage", "--data", path);

            code.Should().Be(ExitCodes.BadInput, error);
            error.Should().Contain("a regular").And.Contain("not a character device");
            NoTrace(output, error);
        }
    }

    [Fact]
    public void A_zip_that_is_no_workbook_is_bad_input()
    {
        string xlsx = Path.Combine(_dir, "data.xlsx");
        using (var zip = System.IO.Compression.ZipFile.Open(xlsx, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("not a workbook");
        }

        var (code, output, error) = Run("coverage", "--data", xlsx);

        code.Should().Be(ExitCodes.BadInput, error);
        error.Should().Contain("data.xlsx").And.Contain("xl/workbook.xml");
        NoTrace(output, error);
    }

    private static string Replace(string csvLine, int field, string value)
    {
        var fields = csvLine.Split(',');
        fields[field] = value;
        return string.Join(',', fields);
    }

    [Fact]
    public void An_argument_starting_with_at_is_not_read_as_a_response_file()
    {
        string secret = Path.Combine(_dir, "secret.txt");
        File.WriteAllText(secret, "--not-an-option SECRET-TOKEN-4711");
        var (code, output, error) = Run("@" + secret);

        code.Should().Be(ExitCodes.BadInput, error);
        (output + error).Should().NotContain("SECRET-TOKEN-4711").And.NotContain("not-an-option");
        NoTrace(output, error);
    }

    [Fact]
    public void Ctrl_C_mid_sweep_prints_the_finished_scenarios_and_exits_130()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // SIGINT is sent through libc
        }

        // 60 demand shares × 3 years × 3 scenarios × every commodity and built-in coalition: tens of seconds of solving.
        string shares = string.Join(',', Enumerable.Range(1, 60).Select(i => (i / 60.0).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)));
        var (code, output, error) = Run(TimeSpan.FromSeconds(4), "sweep", "--years", "2030,2035,2040", "--demand-shares", shares, "--format", "csv");

        code.Should().Be(ExitCodes.Cancelled, error);
        error.Should().Contain("Cancelled:").And.Contain("(cancelled)");
        var counts = System.Text.RegularExpressions.Regex.Match(error, @"(\d+) of (\d+) scenarios in");
        counts.Success.Should().BeTrue(error);
        int finished = int.Parse(counts.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        int total = int.Parse(counts.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        finished.Should().BeLessThan(total, "the run was stopped");
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows.Should().NotBeEmpty("the CSV header is written even when nothing finished");
        (rows.Length > 1).Should().Be(finished > 0, "a finished scenario has rows, and only finished ones are written");
        NoTrace(output, error);
    }

    [Fact]
    public void Ctrl_C_mid_coverage_prints_the_finished_results_and_exits_130()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (code, output, error) = Run(TimeSpan.FromSeconds(1.5), "coverage", "--year", "2035", "--format", "csv");

        // The main job may finish first on a fast machine: then it is complete and exits 0.
        code.Should().BeOneOf([ExitCodes.Cancelled, ExitCodes.Ok], error);
        if (code == ExitCodes.Cancelled)
        {
            var counts = System.Text.RegularExpressions.Regex.Match(error, @"Cancelled: (\d+) of (\d+) coverage results finished");
            counts.Success.Should().BeTrue(error);
            int finished = int.Parse(counts.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.Should().Be(finished + 1, "one CSV row per finished result, after the header");
        }

        NoTrace(output, error);
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);

    private static void NoTrace(string output, string error)
    {
        (output + error).Should().NotContain("   at ").And.NotContain("Unhandled exception").And.NotContain("(Parameter '");
    }

    private (int ExitCode, string Out, string Error) Run(params string[] args) => Run(null, args);

    /// <summary>Runs the tool; with <paramref name="interruptAfter"/>, sends it SIGINT (Ctrl+C) that long after the start.</summary>
    private (int ExitCode, string Out, string Error) Run(TimeSpan? interruptAfter, params string[] args)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "CriticalMinerals.Cli.dll");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

        // A test run started in the background (`dotnet test &`) has SIGINT ignored, children inherit that, and a program
        // keeps a signal ignored that it was started with (as the tool does, rightly). The interrupted child gets the default
        // disposition back, as a terminal would give it; coreutils' env execs, so the pid is the tool's.
        bool restoreInterrupt = interruptAfter is not null && OperatingSystem.IsLinux() && File.Exists("/usr/bin/env");
        var start = new ProcessStartInfo(restoreInterrupt ? "/usr/bin/env" : dotnet)
        {
            WorkingDirectory = _dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (restoreInterrupt)
        {
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add(dotnet);
        }

        start.ArgumentList.Add(cli);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (interruptAfter is { } delay && !process.WaitForExit(delay))
        {
            SendSignal(process.Id, 2).Should().Be(0);
        }

        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("criticalminerals " + string.Join(' ', args));
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
