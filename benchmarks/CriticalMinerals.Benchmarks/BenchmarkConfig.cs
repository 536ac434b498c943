using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CriticalMinerals.Benchmarks;

/// <summary>Adds the model's nonzero count and managed bytes allocated per nonzero to the summary.</summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddColumn(new NonzeroColumn(bytesPerNonzero: false), new NonzeroColumn(bytesPerNonzero: true));
        SummaryStyle = SummaryStyle.Default.WithCultureInfo(CultureInfo.InvariantCulture);
    }
}

/// <summary>Either the nonzero count of the case's model or its managed allocation divided by that count.</summary>
public sealed class NonzeroColumn(bool bytesPerNonzero) : IColumn
{
    public string Id => bytesPerNonzero ? "BytesPerNonzero" : "Nonzeros";

    public string ColumnName => bytesPerNonzero ? "B/nnz" : "Nonzeros";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => bytesPerNonzero ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => bytesPerNonzero
        ? "Managed bytes allocated per operation divided by the model's nonzeros (native OR-Tools memory not included)"
        : "Nonzero coefficients of the model (2 per variable)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters["Variables"] is not int variables)
        {
            return "-";
        }

        long nonzeros = TransportationInstance.NonzerosFor(variables);
        if (!bytesPerNonzero)
        {
            return nonzeros.ToString(CultureInfo.InvariantCulture);
        }

        var report = summary[benchmarkCase];
        long? bytes = report?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        return bytes is { } b ? ((double)b / nonzeros).ToString("F1", CultureInfo.InvariantCulture) : "-";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
