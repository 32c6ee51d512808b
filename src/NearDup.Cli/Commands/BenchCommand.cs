using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using NearDup.Cli.Input;
using NearDup.Cli.Pipeline;
using NearDup.Clustering;
using NearDup.Corpus;
using NearDup.Evaluation;
using NearDup.Indexing;
using NearDup.Signatures;
using NearDup.Text;

namespace NearDup.Cli.Commands;

/// <summary>
/// <c>neardup bench [INPUT]</c>: runs the whole pipeline on a corpus (or on a generated, labelled one) for one or
/// more configurations and reports seconds, MB/s, documents/s and memory per stage, plus quality against labels,
/// side by side as a table and optionally as JSON.
/// </summary>
/// <remarks>
/// Two kinds of figures, both labelled in the output:
/// <list type="bullet">
/// <item><b>End to end</b>: exactly what <c>neardup cluster</c> runs, a <see cref="DuplicateDetector"/> fed by the
/// streaming <see cref="DocumentReader"/> on all threads. <see cref="DuplicateDetector.AddRange"/> is read+parse+sketch;
/// <see cref="DuplicateDetector.Cluster(bool, CancellationToken)"/> is split by <see cref="ClusteringStatistics.CandidateSeconds"/> (indexes,
/// candidates and verification) and <see cref="ClusteringStatistics.ClusterSeconds"/> (grouping and roles).</item>
/// <item><b>Stages</b>: a second, single-threaded streaming pass over the same input through the public stage APIs,
/// each timed on its own: read+parse (<see cref="DocumentReader"/>), normalize+shingle (<see cref="Shingler"/>),
/// signatures (<see cref="MinHasher"/> and <see cref="SimHasher"/>), index (<see cref="LshIndexBuilder"/> Add and
/// Build plus a <see cref="SimHashIndex"/>). Verification and clustering have no public stage API; their figures are
/// the end-to-end ones. The "full sketch" line is a third pass: the detector's add on one thread, nothing else in it.</item>
/// </list>
/// Peak working set is the process's (<see cref="Process.PeakWorkingSet64"/>), so for the second and later
/// configurations it is the peak of everything run so far; the first configuration's end-to-end run comes first.
/// </remarks>
internal static class BenchCommand
{
    /// <summary>Named configurations: engine options as they would be given to <c>neardup cluster</c>.</summary>
    public static IReadOnlyDictionary<string, string> Presets { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["default"] = "",
        ["minhash64"] = "--permutations 64",
        ["minhash256"] = "--permutations 256",
        ["shingle3"] = "--shingle-size 3",
        ["shingle7"] = "--shingle-size 7",
        ["sample-quarter"] = "--sample-rate 0.25",
    };

    public static Command Create()
    {
        var common = new CommonOptions();
        var input = new Argument<string?>("INPUT")
        {
            Description = $"Corpus as for neardup cluster: {InputHelp.Inputs}; omit to generate one with --docs and --seed",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var docs = new Option<int>("--docs") { Description = "Documents to generate when no INPUT is given", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the generated corpus", DefaultValueFactory = _ => 1UL };
        var labels = new Option<string?>("--labels", "-l") { Description = "Labels JSONL (id, cluster, role) to score quality against; a generated corpus brings its own" };
        var configs = new Option<string[]>("--config", "-c")
        {
            Description = "A configuration to run (repeatable): a preset (" + string.Join(", ", Presets.Keys) + ") or NAME=\"ENGINE OPTIONS\", e.g. k64=\"--permutations 64 --sample-rate 0.5\"; default: default",
        };
        var json = new Option<string?>("--json") { Description = "Also write the results as JSON to this file" };
        var noStages = new Option<bool>("--no-stages") { Description = "Skip the single-threaded per-stage pass (end-to-end figures only)" };
        var command = new Command("bench", "Benchmark the pipeline end to end and per stage (seconds, MB/s, docs/s, memory) and score it against labels, for one or more configurations side by side.")
        {
            input, docs, seed, labels, configs, json, noStages,
        };
        common.AddInputOptions(command);
        command.Options.Add(common.Threads);
        command.Options.Add(common.Quiet);
        command.SetAction(parseResult => CommandRunner.Run(() =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            int threads = parseResult.GetValue(common.Threads);
            string? problem = Validate(parseResult.GetValue(input), parseResult.GetValue(docs), threads, parseResult.GetValue(labels));
            List<BenchConfig>? parsed = null;
            if (problem is null)
            {
                TryParseConfigs(parseResult.GetValue(configs) ?? [], threads, out parsed, out problem);
            }
            if (problem is not null)
            {
                error.WriteLine($"error: {problem}");
                return CommandRunner.BadInput;
            }
            using var cancel = CommandRunner.CancelOnCtrlC();
            var report = Run(new BenchRequest(
                parseResult.GetValue(input), common.GetInputOptions(parseResult) with { MaxDegreeOfParallelism = threads }, parseResult.GetValue(docs), parseResult.GetValue(seed),
                parseResult.GetValue(labels), parsed!, !parseResult.GetValue(noStages), threads),
                parseResult.GetValue(common.Quiet) ? TextWriter.Null : error, cancel.Token);
            WriteTable(output, report);
            if (parseResult.GetValue(json) is { } jsonPath)
            {
                Output.OutputFile.Write("--json", jsonPath, stream => WriteJson(stream, report));
                if (!parseResult.GetValue(common.Quiet))
                {
                    error.WriteLine($"wrote {jsonPath}");
                }
            }
            return 0;
        }));
        return command;
    }

    /// <summary>Checks the arguments that the parser cannot; returns the problem, or null.</summary>
    internal static string? Validate(string? input, int documents, int threads, string? labels)
    {
        if (documents < 1)
        {
            return $"--docs must be at least 1; got {documents}.";
        }
        if (threads is 0 or < -1)
        {
            return $"--threads must be -1 (all cores) or positive; got {threads}.";
        }
        if (labels is not null && !File.Exists(labels))
        {
            return $"{labels}: no such labels file.";
        }
        if (input == "-")
        {
            return "bench reads its input twice (end to end, then per stage), so it cannot read stdin; give a file or folder.";
        }
        if (input is not null && !File.Exists(input) && !Directory.Exists(input))
        {
            return $"{input}: no such file or folder. Give a folder of text files or a .jsonl or .jsonl.gz file, or omit INPUT to generate a corpus.";
        }
        return null;
    }

    /// <summary>Parses <c>NAME</c> (a preset) or <c>NAME=OPTIONS</c> (engine options of <c>neardup cluster</c>).</summary>
    internal static bool TryParseConfigs(IReadOnlyList<string> specs, int threads, out List<BenchConfig> configs, out string? problem)
    {
        configs = [];
        problem = null;
        if (specs.Count == 0)
        {
            specs = ["default"];
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string spec in specs)
        {
            int eq = spec.IndexOf('=', StringComparison.Ordinal);
            string name = (eq < 0 ? spec : spec[..eq]).Trim();
            string text;
            if (eq >= 0)
            {
                text = spec[(eq + 1)..].Trim();
            }
            else if (!Presets.TryGetValue(name, out text!))
            {
                problem = $"--config '{spec}': not a preset ({string.Join(", ", Presets.Keys)}); give NAME=\"OPTIONS\" for your own, e.g. k64=\"--permutations 64\".";
                return false;
            }
            if (name.Length == 0)
            {
                problem = $"--config '{spec}': the name before '=' is empty.";
                return false;
            }
            if (!names.Add(name))
            {
                problem = $"--config '{name}' is given twice; names must be unique.";
                return false;
            }
            var engine = new CommonOptions();
            var parser = new Command(name);
            engine.AddEngineOptions(parser);
            var result = parser.Parse([.. CommandLineParser.SplitCommandLine(text)]);
            if (result.Errors.Count > 0)
            {
                problem = $"--config {name}=\"{text}\": {string.Join("; ", result.Errors.Select(e => e.Message))}";
                return false;
            }
            NearDupOptions options;
            try
            {
                options = engine.GetEngineOptions(result); // validates every option, with a message naming its flag
            }
            catch (ArgumentException e)
            {
                problem = $"--config {name}=\"{text}\": {e.Message}";
                return false;
            }
            if (threads != -1)
            {
                options = options with { MaxDegreeOfParallelism = threads };
            }
            configs.Add(new BenchConfig(name, text, options));
        }
        return true;
    }

    internal static BenchReport Run(BenchRequest request, TextWriter log, CancellationToken cancellationToken)
    {
        string? temp = null;
        try
        {
            string input;
            string? labelPath = request.LabelsPath;
            double generateSeconds = 0;
            if (request.Input is null)
            {
                temp = Directory.CreateTempSubdirectory("neardup-bench-").FullName;
                log.WriteLine($"generating {request.Documents:N0} documents (seed {request.Seed}) in {temp} ...");
                var clock = Stopwatch.StartNew();
                new CorpusGenerator(CorpusOptions.Default with { Documents = request.Documents, Seed = request.Seed, MaxDegreeOfParallelism = request.Threads }).Write(temp);
                generateSeconds = clock.Elapsed.TotalSeconds;
                input = Path.Combine(temp, CorpusGenerator.DocsFileName);
                labelPath ??= Path.Combine(temp, CorpusGenerator.LabelsFileName);
            }
            else
            {
                input = request.Input;
            }
            var labels = labelPath is null ? null : EvalFiles.ReadLabels(labelPath);
            var results = new List<ConfigResult>();
            foreach (var config in request.Configs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                log.WriteLine($"[{config.Name}] end to end ...");
                var endToEnd = RunEndToEnd(input, request.InputOptions, config.Engine, labels, cancellationToken, out var quality);
                StageResult[] stages = [];
                if (request.Stages)
                {
                    log.WriteLine($"[{config.Name}] stages (one thread) ...");
                    stages = RunStages(input, request.InputOptions, config.Engine, cancellationToken);
                }
                results.Add(new ConfigResult(config, endToEnd, stages, quality));
            }
            var first = results[0].EndToEnd;
            return new BenchReport(
                new CorpusInfo(request.Input ?? "(generated)", request.Input is null ? request.Seed : null, first.Documents, first.Bytes, generateSeconds, labelPath is not null),
                MachineInfo.Current(), results);
        }
        finally
        {
            if (temp is not null)
            {
                try
                {
                    Directory.Delete(temp, recursive: true);
                }
                catch (IOException)
                {
                    // Left for the OS to clean; the results are complete.
                }
            }
        }
    }

    /// <summary>The pipeline <c>neardup cluster</c> runs, quiet, with the process's memory figures around it.</summary>
    private static EndToEndResult RunEndToEnd(string input, InputOptions inputOptions, NearDupOptions options, Dictionary<string, Label>? labels,
        CancellationToken cancellationToken, out QualityReport? quality)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var run = new CorpusPipeline(inputOptions, options, quiet: true, verbose: false).Run(input, includePairs: false, cancellationToken);
        long heapAfter = GC.GetGCMemoryInfo().HeapSizeBytes;
        long allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long peak = process.PeakWorkingSet64;
        var read = run.Read!;
        SkippedDocuments.Report(read.Reader);
        var (result, s) = (run.Result, run.Result.Statistics);
        quality = labels is null ? null : QualityEvaluator.Evaluate(labels, Predictions(result), maxErrors: 0);
        return new EndToEndResult(
            Documents: read.Documents, Bytes: read.Reader.BytesRead, AddRangeSeconds: read.Seconds, ClusterCallSeconds: run.ClusterSeconds,
            CandidateSeconds: s.CandidateSeconds, ClusterSeconds: s.ClusterSeconds, PeakWorkingSetBytes: peak, HeapAfterBytes: heapAfter,
            AllocatedBytes: allocated, IndexBytes: s.IndexBytes, Clusters: result.Clusters.Count, Copies: result.Clusters.Sum(c => c.Members.Count - 1),
            Bands: run.Lsh.Bands, Rows: run.Lsh.Rows, StrongGroups: s.StrongGroups, StrongCandidates: s.StrongCandidates,
            AnchorCandidates: s.AnchorCandidates, VerifiedPairs: s.VerifiedPairs, Threads: options.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : options.MaxDegreeOfParallelism);
    }

    private static Dictionary<string, Prediction> Predictions(ClusteringResult result)
    {
        var predicted = new Dictionary<string, Prediction>(StringComparer.Ordinal);
        foreach (var cluster in result.Clusters)
        {
            foreach (var member in cluster.Members)
            {
                predicted[member.Id] = new Prediction(cluster.Id, member.Jaccard, member.Containment);
            }
        }
        return predicted;
    }

    /// <summary>One thread, streaming: each document goes through every stage, each stage on its own clock; then the full sketch pass.</summary>
    private static StageResult[] RunStages(string input, InputOptions inputOptions, NearDupOptions options, CancellationToken cancellationToken)
    {
        var shingler = new Shingler(options.Shingles);
        var minHasher = new MinHasher(options.MinHash);
        var simHasher = new SimHasher();
        var lsh = LshParameters.Optimal(options.LshThreshold, minHasher.SignatureLength);
        var builder = new LshIndexBuilder(lsh);
        var simHashes = new List<ulong>();
        var signature = new ulong[minHasher.SignatureLength];
        var shingles = new ulong[4096];
        long read = 0, shingle = 0, sign = 0, insert = 0, shingleCount = 0;
        // The stage pass is single-threaded, parsing included.
        var reader = new DocumentReader(input, inputOptions with { MaxDegreeOfParallelism = 1 });
        int documents = 0;
        using (var enumerator = reader.Read().GetEnumerator())
        {
            while (true)
            {
                long t0 = Stopwatch.GetTimestamp();
                if (!enumerator.MoveNext())
                {
                    read += Stopwatch.GetTimestamp() - t0;
                    break;
                }
                var utf8 = enumerator.Current.Utf8Text.Span;
                if ((documents & 1023) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                int max = shingler.GetMaxShingleCount(utf8.Length);
                if (shingles.Length < max)
                {
                    shingles = new ulong[Math.Max(max, shingles.Length * 2)];
                }
                long t1 = Stopwatch.GetTimestamp();
                int count = shingler.Compute(utf8, shingles);
                long t2 = Stopwatch.GetTimestamp();
                var span = shingles.AsSpan(0, count);
                minHasher.Compute(span, signature);
                simHashes.Add(simHasher.Compute(span));
                long t3 = Stopwatch.GetTimestamp();
                builder.Add(documents, signature);
                long t4 = Stopwatch.GetTimestamp();
                read += t1 - t0;
                shingle += t2 - t1;
                sign += t3 - t2;
                insert += t4 - t3;
                shingleCount += count;
                documents++;
            }
        }
        long t5 = Stopwatch.GetTimestamp();
        var index = builder.Build(maxDegreeOfParallelism: 1);
        var simIndex = new SimHashIndex(CollectionsMarshal.AsSpan(simHashes), [.. Enumerable.Range(0, simHashes.Count)], options.SimHashMaxDistance);
        insert += Stopwatch.GetTimestamp() - t5;
        GC.KeepAlive(index);
        GC.KeepAlive(simIndex);
        long bytes = reader.BytesRead;
        var (sketchSeconds, sketchBytes, sketched) = FullSketch(input, inputOptions, options, cancellationToken);
        static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
        return
        [
            new StageResult("read+parse", "DocumentReader (JSON or files to UTF-8 text)", Seconds(read), bytes, documents),
            new StageResult("normalize+shingle", $"Shingler.Compute, {options.Shingles.Scheme.ToString().ToLowerInvariant()} {options.Shingles.Size}-grams ({shingleCount:N0} shingles)", Seconds(shingle), bytes, documents),
            new StageResult("signatures", $"MinHasher k={minHasher.SignatureLength} {options.MinHash.Scheme} + SimHasher 64-bit", Seconds(sign), bytes, documents),
            new StageResult("index", $"LshIndexBuilder.Add+Build b={lsh.Bands} r={lsh.Rows} + SimHashIndex d={options.SimHashMaxDistance}", Seconds(insert), bytes, documents),
            new StageResult("full sketch", $"DuplicateDetector.AddBatches with one thread, as neardup cluster --threads 1 reads and sketches (lines read ahead on their own thread; parsed, sketched and stored on one), a pass of its own: MinHash k={minHasher.SignatureLength} band keys, SimHash, fingerprints with positions, facts",
                sketchSeconds, sketchBytes, sketched),
        ];
    }

    /// <summary>
    /// The path a document takes into a clustering run or an index, on one thread and in a pass of its own: exactly the
    /// detector's add as the pipeline feeds it (the reader's batches of JSONL lines, each record parsed by the thread that
    /// sketches it into reused room, then copied into the store). A pass of its own because, timed per document between
    /// the stage calls above, the sketch would share their caches and the sequential reader (a copy of each text), which
    /// no add goes through.
    /// </summary>
    private static (double Seconds, long Bytes, long Documents) FullSketch(string input, InputOptions inputOptions, NearDupOptions options, CancellationToken cancellationToken)
    {
        var detector = new DuplicateDetector(options with { MaxDegreeOfParallelism = 1 });
        var reader = new DocumentReader(input, inputOptions with { MaxDegreeOfParallelism = 1 });
        long start = Stopwatch.GetTimestamp();
        long documents = detector.AddBatches(reader.ReadBatches(), cancellationToken: cancellationToken);
        return (Stopwatch.GetElapsedTime(start).TotalSeconds, reader.BytesRead, documents);
    }

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
        w.WriteStartObject("machine");
        w.WriteString("cpu", report.Machine.Cpu);
        w.WriteNumber("logicalCores", report.Machine.LogicalCores);
        w.WriteString("vectors", report.Machine.Vectors);
        w.WriteString("runtime", report.Machine.Runtime);
        w.WriteString("os", report.Machine.Os);
        w.WriteString("gc", report.Machine.Gc);
        w.WriteEndObject();
        w.WriteStartObject("corpus");
        w.WriteString("input", report.Corpus.Input);
        if (report.Corpus.Seed is { } seed)
        {
            w.WriteNumber("seed", seed);
            w.WriteNumber("generateSeconds", Round(report.Corpus.GenerateSeconds));
        }
        w.WriteNumber("documents", report.Corpus.Documents);
        w.WriteNumber("bytes", report.Corpus.Bytes);
        w.WriteBoolean("labelled", report.Corpus.Labelled);
        w.WriteEndObject();
        w.WriteStartArray("configs");
        foreach (var r in report.Configs)
        {
            var e = r.EndToEnd;
            w.WriteStartObject();
            w.WriteString("name", r.Config.Name);
            w.WriteString("options", r.Config.Options);
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
            w.WriteStartArray("stages");
            foreach (var stage in r.Stages)
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
            if (r.Quality is { } q)
            {
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
            else
            {
                w.WriteNull("quality");
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
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

    internal sealed record BenchConfig(string Name, string Options, NearDupOptions Engine);

    internal sealed record BenchRequest(string? Input, InputOptions InputOptions, int Documents, ulong Seed, string? LabelsPath,
        IReadOnlyList<BenchConfig> Configs, bool Stages, int Threads);

    internal sealed record EndToEndResult(long Documents, long Bytes, double AddRangeSeconds, double ClusterCallSeconds, double CandidateSeconds,
        double ClusterSeconds, long PeakWorkingSetBytes, long HeapAfterBytes, long AllocatedBytes, long IndexBytes, int Clusters, int Copies,
        int Bands, int Rows, int StrongGroups, long StrongCandidates, long AnchorCandidates, long VerifiedPairs, int Threads)
    {
        public double TotalSeconds => AddRangeSeconds + ClusterCallSeconds;
    }

    internal sealed record StageResult(string Name, string What, double Seconds, long Bytes, long Documents);

    internal sealed record ConfigResult(BenchConfig Config, EndToEndResult EndToEnd, StageResult[] Stages, QualityReport? Quality);

    internal sealed record BenchReport(CorpusInfo Corpus, MachineInfo Machine, IReadOnlyList<ConfigResult> Configs);

    internal sealed record CorpusInfo(string Input, ulong? Seed, long Documents, long Bytes, double GenerateSeconds, bool Labelled);

    /// <summary>What a report's figures were taken on; <c>Vectors</c> is the widest vectors the JIT accelerates, which picks the kernels' tier (figures of one tier are not another's).</summary>
    internal sealed record MachineInfo(string Cpu, int LogicalCores, string Vectors, string Runtime, string Os, string Gc)
    {
        public static MachineInfo Current() => new(CpuName(), Environment.ProcessorCount, WidestVectors(), RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription, (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Batch ? ", non-concurrent" : ", concurrent"));

        private static string WidestVectors() =>
            Vector512.IsHardwareAccelerated ? "512-bit (AVX-512)"
            : Vector256.IsHardwareAccelerated ? "256-bit (AVX2)"
            : Vector128.IsHardwareAccelerated ? "128-bit"
            : "none";

        private static string CpuName()
        {
            try
            {
                if (File.Exists("/proc/cpuinfo"))
                {
                    string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                    if (line is not null)
                    {
                        return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                    }
                }
            }
            catch (IOException)
            {
                // Fall through to the architecture.
            }
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
