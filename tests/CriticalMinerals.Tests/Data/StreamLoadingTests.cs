using System.Globalization;
using System.Text;
using CriticalMinerals.Analysis;
using CriticalMinerals.Data;
using CriticalMinerals.Data.Loading;
using MiniExcelLibs;

namespace CriticalMinerals.Tests.Data;

/// <summary>A dataset from streams, readers and an uploaded workbook, as a web app has them: no temp files, the same checks.</summary>
public sealed class StreamLoadingTests
{
    private static readonly string[] AllFiles = [.. DefaultFiles.SchemaFiles, .. DefaultFiles.DataFiles];

    private static Dictionary<string, Stream> EmbeddedStreams(Func<string, bool>? which = null) =>
        AllFiles.Where(which ?? (_ => true)).ToDictionary(f => f, f => (Stream)new MemoryStream(DefaultFiles.ReadEmbedded(f)!), StringComparer.Ordinal);

    private static double LithiumShortfall(MineralDataset data) => new CoalitionAnalysis(data).Answer(new CoalitionQuestion
    {
        Commodity = "lithium",
        Coalition = data.GetCoalition("MSP_Minerals_Security_Partnership"),
        Scenario = DemandScenario.Nze,
        Year = 2030,
    }).ShortfallKt;

    [Fact]
    public void The_embedded_files_as_streams_give_the_default_dataset_and_answer()
    {
        var data = MineralDataset.Load(EmbeddedStreams(), new DatasetLoadOptions { FallBackToDefaults = true });

        data.SupplyRecords.Should().HaveCount(MineralDataset.Default.SupplyRecords.Count);
        data.DemandRecords.Should().HaveCount(MineralDataset.Default.DemandRecords.Count);
        LithiumShortfall(data).Should().Be(LithiumShortfall(MineralDataset.Default));
        // Only the Busch et al. folder, which no stream gives, came from the embedded copy.
        data.FallbackFiles.Should().Equal("busch2025/");
    }

    [Fact]
    public void A_bad_row_in_a_stream_is_named_by_file_row_field_and_value_and_nothing_is_loaded()
    {
        string demand = Encoding.UTF8.GetString(DefaultFiles.ReadEmbedded(DefaultFiles.Demand)!);
        var lines = demand.Split('\n');
        int value = Array.IndexOf(lines[0].TrimEnd('\r').Split(','), "value");
        var cells = lines[5].Split(',');
        cells[value] = "lots";
        lines[5] = string.Join(',', cells);
        var streams = EmbeddedStreams(f => f != DefaultFiles.Demand);
        streams[DefaultFiles.Demand] = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines)));

        var act = () => MineralDataset.Load(streams);

        var problem = act.Should().Throw<DatasetException>().Which.Problems.Should().ContainSingle().Subject;
        problem.File.Should().Be(DefaultFiles.Demand);
        problem.Row.Should().Be(6, "line 6 of the file (the header is line 1)");
        problem.Field.Should().Be("value");
        problem.Value.Should().Be("lots");
    }

    [Fact]
    public void A_missing_data_file_is_an_error_unless_fallbacks_are_asked_for_and_then_it_is_listed()
    {
        var streams = EmbeddedStreams(f => f != DefaultFiles.Policy);
        var act = () => MineralDataset.Load(streams);
        act.Should().Throw<DatasetException>().Which.Problems.Should().Contain(p => p.File == DefaultFiles.Policy);

        var data = MineralDataset.Load(EmbeddedStreams(f => f != DefaultFiles.Policy), new DatasetLoadOptions { FallBackToDefaults = true });
        data.FallbackFiles.Should().Contain(DefaultFiles.Policy);
    }

    [Fact]
    public void A_stream_larger_than_the_cap_is_refused_without_reading_past_it_even_when_it_cannot_seek()
    {
        var streams = EmbeddedStreams(f => f != DefaultFiles.Sources);
        var endless = new UnseekableStream(new byte[10_000]);
        streams[DefaultFiles.Sources] = endless;

        var act = () => MineralDataset.Load(streams, new DatasetLoadOptions { MaxFileBytes = 4_096 });

        act.Should().Throw<DatasetException>().Which.Problems.Should().Contain(p => p.File == DefaultFiles.Sources && p.Expected.Contains("at most 4096 bytes"));
        endless.BytesRead.Should().BeLessThanOrEqualTo(4_097 + 81_920, "the cap stops the read");
    }

    [Fact]
    public void Text_readers_load_as_streams_do()
    {
        var readers = AllFiles.ToDictionary(f => f, f => (TextReader)new StringReader(Encoding.UTF8.GetString(DefaultFiles.ReadEmbedded(f)!)), StringComparer.Ordinal);

        var data = MineralDataset.Load(readers, new DatasetLoadOptions { FallBackToDefaults = true });

        LithiumShortfall(data).Should().Be(LithiumShortfall(MineralDataset.Default));
    }

    [Fact]
    public void An_uploaded_workbook_loads_from_a_stream_and_its_problems_name_the_upload_sheet_row_and_column()
    {
        string demand = Encoding.UTF8.GetString(DefaultFiles.ReadEmbedded(DefaultFiles.Demand)!);
        var rows = CsvTable.Parse(DefaultFiles.Demand, demand, new ProblemLog()).Select(r => r.Fields).ToList();
        int value = Array.IndexOf(rows[0], "value");
        foreach (var row in rows.Skip(1).Where(r => r[0] == "lithium" && r[1] == "NZE" && r[2] == "2030" && r[3] == "total_demand"))
        {
            row[value] = "1000";
        }

        using var upload = Workbook(rows);
        var data = MineralDataset.LoadWorkbook(upload, "upload.xlsx", new DatasetLoadOptions { FallBackToDefaults = true });
        data.TotalDemand("lithium", DemandScenario.Nze, 2030).Value.Should().Be(1000);

        rows[6][value] = "lots";
        using var broken = Workbook(rows);
        var act = () => MineralDataset.LoadWorkbook(broken, "upload.xlsx", new DatasetLoadOptions { FallBackToDefaults = true });
        var problem = act.Should().Throw<DatasetException>().Which.Problems.Should().ContainSingle().Subject;
        problem.File.Should().Be("upload.xlsx, sheet 'iea_demand_projections'");
        problem.Row.Should().Be(7);
        problem.Field.Should().Be($"value (column {(char)('A' + value)})");
    }

    /// <summary>Rows as a one-sheet workbook in memory; numbers become number cells, as a user's Excel file has them.</summary>
    private static MemoryStream Workbook(List<string[]> rows)
    {
        string[] header = rows[0];
        var records = rows.Skip(1).Select(r => (IDictionary<string, object?>)header.Select((h, i) => (h, (object?)(double.TryParse(r[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : r[i])))
            .ToDictionary(p => p.h, p => p.Item2)).ToList();
        var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["iea_demand_projections"] = records });
        stream.Position = 0;
        return stream;
    }

    /// <summary>A stream that cannot seek (a network upload) and counts what is read from it.</summary>
    private sealed class UnseekableStream(byte[] block) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, block.Length);
            Array.Copy(block, 0, buffer, offset, n);
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
