using System.Globalization;
using System.Text.Json;
using NearDup.Evaluation;

namespace NearDup.Cli.Commands;

/// <summary>Writes a <see cref="BenchReport"/>: as the Markdown table <c>neardup bench</c> prints, and as its <c>--json</c> file.</summary>
internal static class BenchReportWriter
{
    private static string Mb(double bytes) => (bytes / 1e6).ToString("N1", CultureInfo.InvariantCulture);

    private static string F(double value, string format = "N2") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Rate(double amount, double seconds, string format = "N1") => seconds <= 0 ? "-" : F(amount / seconds, format);

    internal static void WriteTable(TextWriter w, BenchReport report)
    {
        var c = report.Corpus;
        w.WriteLine($"corpus: {c.Input}{(c.Seed is { } s ? $", seed {s}, generated in {F(c.GenerateSeconds)} s" : "")}; {c.Documents:N0} documents, {Mb(c.Bytes)} MB");
        w.WriteLine($"machine: {report.Machine.Cpu}, {report.Machine.LogicalCores} logical cores, widest vectors {report.Machine.Vectors}; {report.Machine.Runtime}; {report.Machine.Os}; GC {report.Machine.Gc}");
        w.WriteLine();
        var rows = new List<(string Label, Func<ConfigResult, string> Value)>
        {
            ("options", r => r.Config.Options.Length == 0 ? "(defaults)" : r.Config.Options),
            ("== end to end: DuplicateDetector, streamed, all threads ==", _ => ""),
            ("threads", r => r.EndToEnd.Threads.ToString(CultureInfo.InvariantCulture)),
            ("read+parse+sketch s (AddRange)", r => F(r.EndToEnd.AddRangeSeconds)),
            ("  MB/s", r => Rate(r.EndToEnd.Bytes / 1e6, r.EndToEnd.AddRangeSeconds)),
            ("  docs/s", r => Rate(r.EndToEnd.Documents, r.EndToEnd.AddRangeSeconds, "N0")),
            ("candidates+verify s (Cluster: CandidateSeconds)", r => F(r.EndToEnd.CandidateSeconds)),
            ("cluster s (Cluster: ClusterSeconds)", r => F(r.EndToEnd.ClusterSeconds)),
            ("Cluster() call s (incl. sort, results)", r => F(r.EndToEnd.ClusterCallSeconds)),
            ("total s", r => F(r.EndToEnd.TotalSeconds)),
            ("  MB/s", r => Rate(r.EndToEnd.Bytes / 1e6, r.EndToEnd.TotalSeconds)),
            ("  docs/s", r => Rate(r.EndToEnd.Documents, r.EndToEnd.TotalSeconds, "N0")),
            ("peak working set MB (process so far)", r => Mb(r.EndToEnd.PeakWorkingSetBytes)),
            ("GC heap after Cluster MB", r => Mb(r.EndToEnd.HeapAfterBytes)),
            ("allocated GB", r => F(r.EndToEnd.AllocatedBytes / 1e9)),
            ("index MB (sketches + indexes)", r => Mb(r.EndToEnd.IndexBytes)),
            ("LSH bands x rows", r => $"{r.EndToEnd.Bands}x{r.EndToEnd.Rows}"),
            ("candidates LSH+SimHash / anchor", r => $"{r.EndToEnd.StrongCandidates:N0} / {r.EndToEnd.AnchorCandidates:N0}"),
            ("verified pairs", r => r.EndToEnd.VerifiedPairs.ToString("N0", CultureInfo.InvariantCulture)),
            ("clusters / copies", r => $"{r.EndToEnd.Clusters:N0} / {r.EndToEnd.Copies:N0}"),
        };
        if (report.Configs.Any(r => r.Stages.Length > 0))
        {
            rows.Add(("== stages: public APIs, streamed, one thread ==", _ => ""));
            foreach (string stage in report.Configs.First(r => r.Stages.Length > 0).Stages.Select(x => x.Name))
            {
                rows.Add(($"{stage} s", r => r.Stages.FirstOrDefault(x => x.Name == stage) is { } x ? F(x.Seconds) : "-"));
                rows.Add(("  MB/s", r => r.Stages.FirstOrDefault(x => x.Name == stage) is { } x ? Rate(x.Bytes / 1e6, x.Seconds) : "-"));
                rows.Add(("  docs/s", r => r.Stages.FirstOrDefault(x => x.Name == stage) is { } x ? Rate(x.Documents, x.Seconds, "N0") : "-"));
            }
        }
        if (report.Configs.Any(r => r.Quality is not null))
        {
            rows.Add(("== quality against labels ==", _ => ""));
            rows.Add(("pairwise precision", r => r.Quality is { } q ? F(q.Precision, "0.0000") : "-"));
            rows.Add(("pairwise recall", r => r.Quality is { } q ? F(q.Recall, "0.0000") : "-"));
            rows.Add(("pairwise F1", r => r.Quality is { } q ? F(q.F1, "0.0000") : "-"));
            rows.Add(("adjusted Rand index", r => r.Quality is { } q ? F(q.AdjustedRandIndex, "0.0000") : "-"));
            var roles = report.Configs.Where(r => r.Quality is not null).SelectMany(r => r.Quality!.RoleRecalls.Select(x => x.Role)).Distinct().Order(StringComparer.Ordinal);
            foreach (string role in roles)
            {
                rows.Add(($"recall {role}", r => r.Quality?.RoleRecalls.FirstOrDefault(x => x.Role == role) is { Documents: > 0 } x ? $"{F(x.Recall, "0.0000")} ({x.Found:N0}/{x.Documents:N0})" : "-"));
            }
        }
        var cells = rows.Select(row => (row.Label, Values: report.Configs.Select(row.Value).ToArray())).ToList();
        int labelWidth = cells.Max(x => x.Values.All(v => v.Length == 0) ? 0 : x.Label.Length);
        var widths = report.Configs.Select((r, i) => Math.Max(r.Config.Name.Length, cells.Max(x => x.Values[i].Length))).ToArray();
        w.WriteLine("| " + "metric".PadRight(labelWidth) + " | " + string.Join(" | ", report.Configs.Select((r, i) => r.Config.Name.PadLeft(widths[i]))) + " |");
        w.WriteLine("|:" + new string('-', labelWidth + 1) + "|" + string.Join("|", widths.Select(x => new string('-', x + 1) + ":")) + "|");
        foreach (var (label, values) in cells)
        {
            if (values.All(v => v.Length == 0))
            {
                w.WriteLine("| " + ("**" + label.Trim('=', ' ') + "**").PadRight(labelWidth) + " | " + string.Join(" | ", widths.Select(x => new string(' ', x))) + " |");
                continue;
            }
            w.WriteLine("| " + label.PadRight(labelWidth) + " | " + string.Join(" | ", values.Select((v, i) => v.PadLeft(widths[i]))) + " |");
        }
        w.WriteLine();
        w.WriteLine("End to end = neardup cluster's path (AddRange, then Cluster); stages = a separate single-threaded pass timing each public API;");
        w.WriteLine("verification and clustering come from ClusteringStatistics of the end-to-end run. MB = 10^6 bytes of input.");
    }

    internal static void WriteJson(Stream stream, BenchReport report)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        WriteMachine(w, report.Machine);
        WriteCorpus(w, report.Corpus);
        w.WriteStartArray("configs");
        foreach (var r in report.Configs)
        {
            w.WriteStartObject();
            w.WriteString("name", r.Config.Name);
            w.WriteString("options", r.Config.Options);
            WriteEndToEnd(w, r.EndToEnd);
            WriteStages(w, r.Stages);
            WriteQuality(w, r.Quality);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteMachine(Utf8JsonWriter w, MachineInfo machine)
    {
        w.WriteStartObject("machine");
        w.WriteString("cpu", machine.Cpu);
        w.WriteNumber("logicalCores", machine.LogicalCores);
        w.WriteString("vectors", machine.Vectors);
        w.WriteString("runtime", machine.Runtime);
        w.WriteString("os", machine.Os);
        w.WriteString("gc", machine.Gc);
        w.WriteEndObject();
    }

    private static void WriteCorpus(Utf8JsonWriter w, CorpusInfo corpus)
    {
        w.WriteStartObject("corpus");
        w.WriteString("input", corpus.Input);
        if (corpus.Seed is { } seed)
        {
            w.WriteNumber("seed", seed);
            w.WriteNumber("generateSeconds", Round(corpus.GenerateSeconds));
        }
        w.WriteNumber("documents", corpus.Documents);
        w.WriteNumber("bytes", corpus.Bytes);
        w.WriteBoolean("labelled", corpus.Labelled);
        w.WriteEndObject();
    }

    private static void WriteEndToEnd(Utf8JsonWriter w, EndToEndResult e)
    {
        w.WriteStartObject("endToEnd");
        w.WriteNumber("threads", e.Threads);
        w.WriteNumber("documents", e.Documents);
        w.WriteNumber("bytes", e.Bytes);
        WriteTiming(w, "readSketch", e.AddRangeSeconds, e.Bytes, e.Documents);
        w.WriteNumber("candidateVerifySeconds", Round(e.CandidateSeconds));
        w.WriteNumber("clusterSeconds", Round(e.ClusterSeconds));
        w.WriteNumber("clusterCallSeconds", Round(e.ClusterCallSeconds));
        WriteTiming(w, "total", e.TotalSeconds, e.Bytes, e.Documents);
        w.WriteNumber("peakWorkingSetBytes", e.PeakWorkingSetBytes);
        w.WriteNumber("gcHeapAfterBytes", e.HeapAfterBytes);
        w.WriteNumber("allocatedBytes", e.AllocatedBytes);
        w.WriteNumber("indexBytes", e.IndexBytes);
        w.WriteNumber("lshBands", e.Bands);
        w.WriteNumber("lshRows", e.Rows);
        w.WriteNumber("strongGroups", e.StrongGroups);
        w.WriteNumber("strongCandidates", e.StrongCandidates);
        w.WriteNumber("anchorCandidates", e.AnchorCandidates);
        w.WriteNumber("verifiedPairs", e.VerifiedPairs);
        w.WriteNumber("clusters", e.Clusters);
        w.WriteNumber("copies", e.Copies);
        w.WriteEndObject();
    }

    private static void WriteStages(Utf8JsonWriter w, StageResult[] stages)
    {
        w.WriteStartArray("stages");
        foreach (var stage in stages)
        {
            w.WriteStartObject();
            w.WriteString("name", stage.Name);
            w.WriteString("what", stage.What);
            w.WriteNumber("seconds", Round(stage.Seconds));
            w.WriteNumber("mbPerSecond", Round(stage.Seconds > 0 ? stage.Bytes / 1e6 / stage.Seconds : 0));
            w.WriteNumber("docsPerSecond", Round(stage.Seconds > 0 ? stage.Documents / stage.Seconds : 0));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteQuality(Utf8JsonWriter w, QualityReport? quality)
    {
        if (quality is not { } q)
        {
            w.WriteNull("quality");
            return;
        }
        w.WriteStartObject("quality");
        w.WriteNumber("precision", Round(q.Precision));
        w.WriteNumber("recall", Round(q.Recall));
        w.WriteNumber("f1", Round(q.F1));
        w.WriteNumber("adjustedRandIndex", Round(q.AdjustedRandIndex));
        w.WriteStartObject("roleRecall");
        foreach (var role in q.RoleRecalls)
        {
            w.WriteStartObject(role.Role);
            w.WriteNumber("recall", Round(role.Recall));
            w.WriteNumber("documents", role.Documents);
            w.WriteNumber("found", role.Found);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteTiming(Utf8JsonWriter w, string name, double seconds, long bytes, long documents)
    {
        w.WriteStartObject(name);
        w.WriteNumber("seconds", Round(seconds));
        w.WriteNumber("mbPerSecond", Round(seconds > 0 ? bytes / 1e6 / seconds : 0));
        w.WriteNumber("docsPerSecond", Round(seconds > 0 ? documents / seconds : 0));
        w.WriteEndObject();
    }

    private static double Round(double x) => Math.Round(x, 4, MidpointRounding.ToEven);
}
