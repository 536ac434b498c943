using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CriticalMinerals.Data;
using CriticalMinerals.Data.Loading;
using CriticalMinerals.Tests.Data;

namespace CriticalMinerals.Tests.Reliability;

/// <summary>
/// Seeded fuzzing of the dataset loader with the embedded default CSVs as the corpus. The only outcomes allowed are a
/// dataset, or a <see cref="DatasetException"/> whose problems each name a file of the dataset, a row ≥ 1 (0 only for a
/// problem with the whole file: unreadable, not UTF-8, or a missing USGS edition) and a field — never another exception.
/// </summary>
/// <remarks>
/// A full load parses and cross-checks all ten files (about 60 ms in a Debug build here), so 10,000 single-mutation
/// full loads would take ten minutes. Two tests share the work, both faithful: full loads through
/// <see cref="MineralDataset.Load(string, DatasetLoadOptions?)"/> from a folder, one file mutated per case by 1 to 160
/// mutations, until at least 10,000 mutations have been loaded; and 10,000 single-mutation cases through the loader's
/// own CSV layer (<see cref="CsvTable.Read"/>, the code every file goes through first) on the small files and on row
/// windows of the large ones.
/// </remarks>
public sealed class DatasetFuzzTests
{
    private static readonly string[] Files = [.. DefaultFiles.SchemaFiles, .. DefaultFiles.DataFiles];

    private static readonly string[] Numbers = ["NaN", "-1", "1e309", "-1e309", "abc", "", "0x10", "1,5", "∞", "-0", "1e-320", " 12 ", "Infinity", "1.2.3", "٣", "99999999999999999999"];

    private static readonly Lazy<Dictionary<string, byte[]>> Corpus = new(() =>
        Files.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(TestPaths.EmbeddedDefaultFolder, f)), StringComparer.Ordinal));

    [Fact]
    public void Full_loads_of_mutated_folders_give_a_dataset_or_well_formed_problems()
    {
        const int MinimumMutations = 10_000;
        const int MinimumCases = 200;
        var plan = new List<(int Case, string File, int Mutations)>();
        var random = new Random(20_240_611);
        int mutations = 0;
        while (mutations < MinimumMutations || plan.Count < MinimumCases)
        {
            int k = (plan.Count % 3) switch { 0 => 1, 1 => random.Next(2, 11), _ => random.Next(80, 161) };
            plan.Add((plan.Count, Files[random.Next(Files.Length)], k));
            mutations += k;
        }

        int loaded = 0, refused = 0;
        var failures = new ConcurrentQueue<string>();
        var folders = new ConcurrentBag<string>();
        try
        {
            Parallel.ForEach(
                System.Collections.Concurrent.Partitioner.Create(0, plan.Count, 16),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                range =>
                {
                    string dir = Path.Combine(Path.GetTempPath(), "cm-fuzz-" + Guid.NewGuid().ToString("N"));
                    folders.Add(dir);
                    Directory.CreateDirectory(dir);
                    foreach (var (file, bytes) in Corpus.Value)
                    {
                        File.WriteAllBytes(Path.Combine(dir, file), bytes);
                    }

                    for (int i = range.Item1; i < range.Item2; i++)
                    {
                        var (id, file, count) = plan[i];
                        var caseRandom = new Random(id);
                        var log = new List<string>();
                        byte[] mutated = Corpus.Value[file];
                        for (int m = 0; m < count; m++)
                        {
                            mutated = Mutate(mutated, caseRandom, log);
                        }

                        File.WriteAllBytes(Path.Combine(dir, file), mutated);
                        try
                        {
                            MineralDataset.Load(dir);
                            Interlocked.Increment(ref loaded);
                        }
                        catch (DatasetException e)
                        {
                            Interlocked.Increment(ref refused);
                            if (Malformed(e.Problems, file, mutated) is { } why)
                            {
                                failures.Enqueue($"case {id} ({file}: {string.Join(", ", log)}): {why}");
                            }
                        }
                        catch (Exception e)
                        {
                            failures.Enqueue($"case {id} ({file}: {string.Join(", ", log)}): {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                        }

                        File.WriteAllBytes(Path.Combine(dir, file), Corpus.Value[file]);
                    }
                });
        }
        finally
        {
            foreach (string dir in folders)
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        failures.Should().BeEmpty();
        (loaded + refused).Should().Be(plan.Count);
        refused.Should().BeGreaterThan(plan.Count / 2, "most mutations break something the loader must report");
        plan.Sum(p => p.Mutations).Should().BeGreaterThanOrEqualTo(MinimumMutations);
    }

    [Fact]
    public void The_CSV_layer_takes_10000_single_mutations_without_any_other_exception()
    {
        var random = new Random(611);
        int refused = 0;
        var split = Corpus.Value.ToDictionary(
            kv => kv.Key,
            kv =>
            {
                string[] lines = Encoding.Latin1.GetString(kv.Value).Split('\n');
                return (Lines: lines, Columns: Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(lines[0])).TrimStart('\uFEFF').TrimEnd('\r').Split(','));
            },
            StringComparer.Ordinal);
        for (int id = 0; id < 10_000; id++)
        {
            string file = Files[random.Next(Files.Length)];
            var (lines, columns) = split[file];
            byte[] original = Window(Corpus.Value[file], lines, random);
            var log = new List<string>();
            byte[] mutated = Mutate(original, random, log);
            var problems = new ProblemLog();
            try
            {
                if (CsvTable.Read(file, mutated, columns, problems) is null || problems.Count > 0)
                {
                    refused++;
                }
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"case {id} ({file}: {string.Join(", ", log)}): {e.GetType().Name}: {e.Message}", e);
            }

            Malformed(problems.Problems, file, mutated, fromException: false).Should().BeNull($"case {id} ({file}: {string.Join(", ", log)})");
        }

        refused.Should().BeGreaterThan(1_000, "many mutations break the CSV structure itself");
    }

    [Fact]
    public void The_JSON_layer_takes_5000_single_mutations_without_any_other_exception()
    {
        var random = new Random(907);
        var columns = Files.ToDictionary(f => f, f => CsvTable.Parse(f, Encoding.UTF8.GetString(Corpus.Value[f]).TrimStart('\uFEFF'), new ProblemLog())[0].Fields);
        var json = Files.ToDictionary(f => f, f =>
        {
            var log = new ProblemLog();
            var records = CsvTable.Parse(f, Encoding.UTF8.GetString(Corpus.Value[f]).TrimStart('\uFEFF'), log);
            var header = records[0].Fields;
            var objects = records.Skip(1).Take(40).Select(r => header.Zip(r.Fields).ToDictionary(x => x.First, x => x.Second));
            return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(objects);
        });
        for (int id = 0; id < 5_000; id++)
        {
            string file = Files[random.Next(Files.Length)];
            var log = new List<string>();
            byte[] mutated = Mutate(json[file], random, log);
            try
            {
                var (csv, lineToObject, problem) = JsonRows.ToCsv(JsonRows.JsonName(file), mutated);
                if (problem is not null)
                {
                    (problem.Field.Length > 0 && problem.Row >= 0 && problem.Value.Length <= 200).Should().BeTrue($"case {id}: {problem}");
                    continue;
                }

                var problems = new ProblemLog();
                CsvTable.Read(file, csv, columns[file], problems);
                problems.Problems.Select(p => JsonRows.MapProblem(p, JsonRows.JsonName(file), lineToObject))
                    .Where(p => p.Row < 0 || p.Row > 40).Should().BeEmpty($"case {id} ({file}: {string.Join(", ", log)}): problems name one of the 40 objects");
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"case {id} ({file}: {string.Join(", ", log)}): {e.GetType().Name}: {e.Message}", e);
            }
        }
    }

    /// <summary>The header plus a run of up to 40 rows of a large file, so that a case parses in well under a millisecond.</summary>
    private static byte[] Window(byte[] bytes, string[] lines, Random random)
    {
        if (bytes.Length < 8_000)
        {
            return bytes;
        }

        int start = random.Next(1, Math.Max(2, lines.Length - 40));
        return Encoding.Latin1.GetBytes(string.Join('\n', lines.Take(1).Concat(lines.Skip(start).Take(random.Next(1, 41)))));
    }

    /// <summary>Why a list of problems breaks the loader's contract, or <see langword="null"/> if it keeps it.</summary>
    private static string? Malformed(IReadOnlyList<DataProblem> problems, string mutatedFile, byte[] mutated, bool fromException = true)
    {
        if (fromException && problems.Count == 0)
        {
            return "a DatasetException without problems";
        }

        // Line ends as the parser counts them: CRLF, a lone LF or a lone CR.
        int lines = 1;
        for (int k = 0; k < mutated.Length; k++)
        {
            if (mutated[k] == (byte)'\n' || (mutated[k] == (byte)'\r' && (k + 1 >= mutated.Length || mutated[k + 1] != (byte)'\n')))
            {
                lines++;
            }
        }

        foreach (var p in problems)
        {
            if (!Files.Contains(p.File, StringComparer.Ordinal) && !Busch2025Files.All.Contains(p.File, StringComparer.Ordinal))
            {
                return $"problem names file '{p.File}': {p}";
            }

            if (string.IsNullOrWhiteSpace(p.Field))
            {
                return $"problem has no field: {p}";
            }

            bool wholeFile = p.Row == 0 && (p.Field == "(file)" || (p.Field == "source_edition" && p.File == DefaultFiles.Usgs));
            if (p.Row < 1 && !wholeFile)
            {
                return $"problem has row {p.Row}: {p}";
            }

            if (p.File == mutatedFile && p.Row > lines)
            {
                return $"problem has row {p.Row} of a file with {lines} lines: {p}";
            }
        }

        return null;
    }

    /// <summary>One random mutation, described in <paramref name="log"/>. Works on bytes (Latin-1 maps them one to one).</summary>
    internal static byte[] Mutate(byte[] bytes, Random r, List<string> log)
    {
        string text = Encoding.Latin1.GetString(bytes);
        int At(int length) => length == 0 ? 0 : r.Next(length);
        string[] lines = text.Split('\n');
        int line = At(lines.Length);
        string[] cells = lines[line].Split(',');
        int cell = At(cells.Length);
        string WithCells(string[] newCells)
        {
            lines[line] = string.Join(',', newCells);
            return string.Join('\n', lines);
        }

        static string Utf8(string s) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(s));

        int kind = r.Next(20);
        string result;
        switch (kind)
        {
            case 0 when text.Length > 0:
                int del = At(text.Length);
                result = text.Remove(del, 1);
                log.Add($"delete char {del}");
                break;
            case 1 when text.Length > 0:
                int dup = At(text.Length);
                result = text.Insert(dup, text[dup].ToString());
                log.Add($"duplicate char {dup}");
                break;
            case 2 when text.Length > 1:
                int a = r.Next(text.Length - 1);
                var chars = text.ToCharArray();
                (chars[a], chars[a + 1]) = (chars[a + 1], chars[a]);
                result = new string(chars);
                log.Add($"swap chars {a}");
                break;
            case 3:
                result = WithCells([.. cells.Where((_, i) => i != cell)]);
                log.Add($"delete cell {line}:{cell}");
                break;
            case 4:
                result = WithCells([.. cells.Take(cell + 1), .. cells.Skip(cell)]);
                log.Add($"duplicate cell {line}:{cell}");
                break;
            case 5:
                int other = At(cells.Length);
                (cells[cell], cells[other]) = (cells[other], cells[cell]);
                result = WithCells(cells);
                log.Add($"swap cells {line}:{cell},{other}");
                break;
            case 6:
                result = string.Join('\n', lines.Where((_, i) => i != line));
                log.Add($"delete row {line}");
                break;
            case 7:
                result = string.Join('\n', lines.Take(line + 1).Concat(lines.Skip(line)));
                log.Add($"duplicate row {line}");
                break;
            case 8:
                int otherLine = At(lines.Length);
                (lines[line], lines[otherLine]) = (lines[otherLine], lines[line]);
                result = string.Join('\n', lines);
                log.Add($"swap rows {line},{otherLine}");
                break;
            case 9 or 10:
                // Prefer a numeric cell of the line, if it has one.
                int numeric = Array.FindIndex(cells, c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
                int target = numeric >= 0 && kind == 9 ? numeric : cell;
                string value = Numbers[At(Numbers.Length)];
                cells[target] = Utf8(value);
                result = WithCells(cells);
                log.Add($"cell {line}:{target} = '{value}'");
                break;
            case 11:
                int q = At(text.Length + 1);
                result = text.Insert(q, "\"");
                log.Add($"quote at {q}");
                break;
            case 12:
                string delimiter = r.Next(2) == 0 ? ";" : "\t";
                if (r.Next(2) == 0)
                {
                    result = text.Replace(",", delimiter, StringComparison.Ordinal);
                    log.Add($"delimiter '{delimiter}' everywhere");
                }
                else
                {
                    lines[line] = lines[line].Replace(",", delimiter, StringComparison.Ordinal);
                    result = string.Join('\n', lines);
                    log.Add($"delimiter '{delimiter}' on row {line}");
                }

                break;
            case 13:
                int cut = At(text.Length + 1);
                result = text[..cut];
                log.Add($"truncate at {cut}");
                break;
            case 14:
                int bom = r.Next(2) == 0 ? 0 : At(text.Length + 1);
                result = text.Insert(bom, "\u00EF\u00BB\u00BF");
                log.Add($"BOM at {bom}");
                break;
            case 15:
                int nul = At(text.Length + 1);
                result = text.Insert(nul, "\0");
                log.Add($"NUL at {nul}");
                break;
            case 16:
                string[] invalid = ["\u00FF", "\u00C3\u0028", "\u00ED\u00A0\u0080", "\u0080", "\u00F0\u0028\u008C\u0028"];
                int bad = At(text.Length + 1);
                result = text.Insert(bad, invalid[At(invalid.Length)]);
                log.Add($"invalid UTF-8 at {bad}");
                break;
            case 17:
                bool crOnly = r.Next(2) == 0;
                result = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", crOnly ? "\r" : "\r\n", StringComparison.Ordinal);
                log.Add(crOnly ? "CR line endings" : "CRLF line endings");
                break;
            case 18:
                result = r.Next(2) == 0 ? string.Empty : " \n\n  \n";
                log.Add("empty file");
                break;
            default:
                cells[cell] = cells[cell] + "x";
                result = WithCells(cells);
                log.Add($"rename cell {line}:{cell}");
                break;
        }

        return Encoding.Latin1.GetBytes(result);
    }
}
