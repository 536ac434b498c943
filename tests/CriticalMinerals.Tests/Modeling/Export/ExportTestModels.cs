using CriticalMinerals.Modeling;
using CriticalMinerals.Modeling.Export;

namespace CriticalMinerals.Tests.Modeling.Export;

/// <summary>Models and helpers shared by the export tests.</summary>
internal static class ExportTestModels
{
    /// <summary>
    /// max 3x + 2y − z + 2.5, x ∈ [0, 4], y ≥ 0 integer, z free; cap: x + y ≤ 10; cap (again, so r1): 1 ≤ y − z ≤ 5;
    /// r2: x + z = 3. By hand: z = 3 − x, so 4 ≤ x + y ≤ 8 and the objective is 4x + 2y − 0.5: x = 4, y = 4, 23.5.
    /// </summary>
    public const double TinyOptimum = 23.5;

    public static LinearModel Tiny()
    {
        var model = new LinearModel("tiny") { Sense = ObjectiveSense.Maximize, ObjectiveOffset = 2.5 };
        int x = model.AddVariable(0, 4, 3, name: "x");
        int y = model.AddVariable(0, double.PositiveInfinity, 2, isInteger: true, name: "y");
        int z = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, -1);
        model.AddRow(double.NegativeInfinity, 10, [x, y], [1, 1], "cap");
        model.AddRow(1, 5, [y, z], [1, -1], "cap");
        model.AddRow(3, 3, [x, z], [1, 1]);
        return model;
    }

    /// <summary>
    /// A feasible transportation LP: <paramref name="suppliers"/> × <paramref name="markets"/> shipments with costs
    /// drawn as full doubles in [1, 100), supply rows ≤, demand rows ranged [d, 1.5 d] or ≥, an offset.
    /// </summary>
    public static LinearModel Transport(int suppliers, int markets, int seed)
    {
        var random = new Random(seed);
        var model = new LinearModel("transport", suppliers * markets, suppliers + markets, 2 * suppliers * markets)
        {
            ObjectiveOffset = 1234.5678901234567,
        };
        var demand = new double[markets];
        double totalDemand = 0;
        for (int j = 0; j < markets; j++)
        {
            demand[j] = 10 + (90 * random.NextDouble());
            totalDemand += demand[j];
        }

        for (int i = 0; i < suppliers; i++)
        {
            for (int j = 0; j < markets; j++)
            {
                model.AddVariable(0, double.PositiveInfinity, 1 + (99 * random.NextDouble()), name: $"ship[s{i},m{j}]");
            }
        }

        for (int i = 0; i < suppliers; i++)
        {
            // Total supply is twice the demand, spread unevenly.
            double supply = 2 * totalDemand / suppliers * (0.5 + random.NextDouble());
            int row = model.AddRow(double.NegativeInfinity, Math.Max(supply, totalDemand / suppliers * 1.01), $"supply_s{i}");
            for (int j = 0; j < markets; j++)
            {
                model.AddTerm(row, (i * markets) + j, 1);
            }
        }

        for (int j = 0; j < markets; j++)
        {
            double upper = j % 3 == 0 ? 1.5 * demand[j] : double.PositiveInfinity;
            int row = model.AddRow(demand[j], upper, $"demand_m{j}");
            for (int i = 0; i < suppliers; i++)
            {
                model.AddTerm(row, (i * markets) + j, 1);
            }
        }

        return model;
    }

    public static string WriteMps(LinearModel model, MpsWriterOptions? options = null)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        MpsWriter.Write(model, writer, options);
        return writer.ToString();
    }

    public static string WriteLp(LinearModel model, LpWriterOptions? options = null)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        LpWriter.Write(model, writer, options);
        return writer.ToString();
    }

    public static LinearModel ReadMps(string text) => MpsReader.Read(new StringReader(text));

    /// <summary>
    /// The shape of the classic TESTPROB example (3 columns, 3 rows, 6 nonzeros) as the fixed-format tests write it,
    /// with plain or spaced names: x ≤ 4, −1 ≤ y ≤ 1, LIM1 ≤ 5, LIM2 ≥ 10, MYEQN = 7.
    /// </summary>
    public static void ExpectTestprobShape(LinearModel model)
    {
        model.VariableCount.Should().Be(3);
        model.RowCount.Should().Be(3);
        model.VariableLowerBounds.ToArray().Should().Equal(0, -1, 0);
        model.VariableUpperBounds.ToArray().Should().Equal(4, 1, double.PositiveInfinity);
        model.RowLowerBounds.ToArray().Should().Equal(double.NegativeInfinity, 10, 7);
        model.RowUpperBounds.ToArray().Should().Equal(5, double.PositiveInfinity, 7);
        model.GetRows().NonzeroCount.Should().Be(6);
    }

    /// <summary>Asserts two models are the same bit for bit (names compared as written).</summary>
    public static void ShouldEqual(this LinearModel actual, LinearModel expected, bool compareNames = true)
    {
        actual.Name.Should().Be(expected.Name);
        actual.Sense.Should().Be(expected.Sense);
        Bits(actual.ObjectiveOffset).Should().Be(Bits(expected.ObjectiveOffset), "the offset must survive exactly");
        actual.VariableCount.Should().Be(expected.VariableCount);
        actual.RowCount.Should().Be(expected.RowCount);
        Bits(actual.VariableLowerBounds).Should().Equal(Bits(expected.VariableLowerBounds));
        Bits(actual.VariableUpperBounds).Should().Equal(Bits(expected.VariableUpperBounds));
        Bits(actual.ObjectiveCoefficients).Should().Equal(Bits(expected.ObjectiveCoefficients));
        actual.IsInteger.ToArray().Should().Equal(expected.IsInteger.ToArray());
        Bits(actual.RowLowerBounds).Should().Equal(Bits(expected.RowLowerBounds));
        Bits(actual.RowUpperBounds).Should().Equal(Bits(expected.RowUpperBounds));
        SparseRows a = actual.GetRows();
        SparseRows e = expected.GetRows();
        a.RowStarts.ToArray().Should().Equal(e.RowStarts.ToArray());
        a.Columns.ToArray().Should().Equal(e.Columns.ToArray());
        Bits(a.Values).Should().Equal(Bits(e.Values));
        if (compareNames)
        {
            Enumerable.Range(0, actual.VariableCount).Select(actual.VariableName)
                .Should().Equal(Enumerable.Range(0, expected.VariableCount).Select(expected.VariableName));
            Enumerable.Range(0, actual.RowCount).Select(actual.RowName)
                .Should().Equal(Enumerable.Range(0, expected.RowCount).Select(expected.RowName));
        }
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    private static long[] Bits(ReadOnlySpan<double> values)
    {
        var bits = new long[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            bits[k] = BitConverter.DoubleToInt64Bits(values[k]);
        }

        return bits;
    }
}
