using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Runtime.InteropServices;
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
            // Before the benchmark runs, not after minutes of it.
            Output.OutputFile.Check("--json", parseResult.GetValue(json));
            using var cancel = CommandRunner.CancelOnCtrlC();
            var report = Run(new BenchRequest(
                parseResult.GetValue(input), common.GetInputOptions(parseResult) with { MaxDegreeOfParallelism = threads }, parseResult.GetValue(docs), parseResult.GetValue(seed),
                parseResult.GetValue(labels), parsed!, !parseResult.GetValue(noStages), threads),
                parseResult.GetValue(common.Quiet) ? TextWriter.Null : error, cancel.Token);
            BenchReportWriter.WriteTable(output, report);
            if (parseResult.GetValue(json) is { } jsonPath)
            {
                Output.OutputFile.Write("--json", jsonPath, stream => BenchReportWriter.WriteJson(stream, report));
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
}
