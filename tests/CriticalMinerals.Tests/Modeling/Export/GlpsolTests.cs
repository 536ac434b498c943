using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CriticalMinerals.Modeling;
using CriticalMinerals.Modeling.Export;
using CriticalMinerals.Solving;
using static CriticalMinerals.Tests.Modeling.Export.ExportTestModels;

namespace CriticalMinerals.Tests.Modeling.Export;

/// <summary>
/// Files read by an outside reader, GLPK's <c>glpsol</c>. Skipped, with the reason shown, when glpsol is not on
/// PATH, unless <c>CRITICALMINERALS_REQUIRE_GLPSOL=1</c> (CI) makes its absence a failure.
/// </summary>
public partial class GlpsolTests
{
    [GlpsolFact]
    public void Glpsol_solves_the_LP_file_to_the_hand_computed_optimum()
    {
        Glpsol.Solve(WriteLp(Tiny()), "--lp").Should().BeApproximately(TinyOptimum, 1e-9);
    }

    [GlpsolFact]
    public void Glpsol_solves_the_portable_MPS_file_to_the_negated_hand_computed_optimum()
    {
        var portable = new MpsWriterOptions { SenseStyle = MpsObjectiveSenseStyle.NegatedMinimize, OffsetStyle = ObjectiveOffsetStyle.FixedVariable };
        Glpsol.Solve(WriteMps(Tiny(), portable), "--freemps").Should().BeApproximately(-TinyOptimum, 1e-9);
    }

    [GlpsolFact]
    public void Glpsol_reads_the_objective_RHS_with_the_opposite_sign_to_CPLEX_and_this_library()
    {
        // The file says RHS obj 2.5: offset −2.5 for CPLEX, Gurobi, HiGHS and MpsReader; +2.5 for GLPK 5.0.
        string text = WriteMps(Tiny(), new MpsWriterOptions { SenseStyle = MpsObjectiveSenseStyle.NegatedMinimize });
        text.Should().Contain("    RHS obj 2.5\n");
        double withoutOffset = -(TinyOptimum - Tiny().ObjectiveOffset);
        Glpsol.Solve(text, "--freemps").Should().BeApproximately(withoutOffset + 2.5, 1e-9);
        ReadMps(text).ObjectiveOffset.Should().Be(-2.5);
    }

    [GlpsolFact]
    public void Glpsol_and_CLP_agree_on_the_random_transportation_LP_through_both_formats()
    {
        LinearModel model = Transport(suppliers: 40, markets: 50, seed: 7);
        Solution clp = SolverBackends.Clp.Solve(model);
        clp.Status.Should().Be(SolveStatus.Optimal, clp.Message);
        double expected = clp.ObjectiveValue!.Value;
        var portable = new MpsWriterOptions { OffsetStyle = ObjectiveOffsetStyle.FixedVariable };
        Glpsol.Solve(WriteMps(model, portable), "--freemps").Should().BeApproximately(expected, 1e-8 * Math.Abs(expected));
        Glpsol.Solve(WriteLp(model), "--lp").Should().BeApproximately(expected, 1e-8 * Math.Abs(expected));
    }

    [GlpsolFact]
    public void Glpsol_reads_an_LP_file_of_a_model_without_constraints()
    {
        var model = new LinearModel("bounds only") { Sense = ObjectiveSense.Maximize, ObjectiveOffset = 1 };
        model.AddVariable(-2, 3.5, 2, name: "x");
        model.AddRow(double.NegativeInfinity, double.PositiveInfinity, [0], [1], "free");
        string text = WriteLp(model);
        text.Should().Contain(" no_constraints: + 0 x >= 0\n");
        Glpsol.Solve(text, "--lp").Should().BeApproximately(8, 1e-12);
    }

    /// <summary>Runs glpsol on a model file and returns the objective it reports.</summary>
    private static partial class Glpsol
    {
        public static double Solve(string modelText, string formatOption)
        {
            string path = Executable ?? throw new InvalidOperationException(
                "glpsol is required (CRITICALMINERALS_REQUIRE_GLPSOL=1) but was not found on PATH; install the Debian package glpk-utils.");
            string directory = Directory.CreateTempSubdirectory("cm-glpsol-").FullName;
            try
            {
                string input = Path.Combine(directory, "model.txt");
                string output = Path.Combine(directory, "out.txt");
                File.WriteAllText(input, modelText);
                var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (string argument in new[] { formatOption, input, "-o", output })
                {
                    start.ArgumentList.Add(argument);
                }

                using Process process = Process.Start(start)!;
                Task<string> stdout = process.StandardOutput.ReadToEndAsync();
                Task<string> stderr = process.StandardError.ReadToEndAsync();
                process.WaitForExit(120_000).Should().BeTrue("glpsol should finish within two minutes");
                string log = stdout.Result + stderr.Result;
                process.ExitCode.Should().Be(0, "glpsol should accept the file; its log:\n{0}", log);
                string report = File.ReadAllText(output);
                report.Should().MatchRegex(@"Status:\s+(INTEGER )?OPTIMAL", "glpsol's report:\n{0}", report);
                Match match = ObjectiveLine().Match(report);
                match.Success.Should().BeTrue("glpsol's report should state the objective:\n{0}", report);
                return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        public static string? Executable { get; } = Find();

        public static bool Required => Environment.GetEnvironmentVariable("CRITICALMINERALS_REQUIRE_GLPSOL") == "1";

        private static string? Find() =>
            (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(directory => Path.Combine(directory, "glpsol"))
                .FirstOrDefault(File.Exists);

        [GeneratedRegex(@"Objective:\s+\S+\s+=\s+(\S+)")]
        private static partial Regex ObjectiveLine();
    }

    /// <summary>A fact skipped, with its reason, when glpsol is absent and not required.</summary>
    private sealed class GlpsolFactAttribute : FactAttribute
    {
        public GlpsolFactAttribute()
        {
            if (Glpsol.Executable is null && !Glpsol.Required)
            {
                Skip = "glpsol not found on PATH (Debian package glpk-utils); set CRITICALMINERALS_REQUIRE_GLPSOL=1 to make its absence a failure.";
            }
        }
    }
}
