using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NearDup.Cli.Input;
using NearDup.Cli.Pipeline;
using NearDup.Clustering;
using NearDup.Persistence;

namespace NearDup.Cli.Commands;

/// <summary>
/// <c>neardup index build|add|remove|info</c>: a persistent index of sketches in a folder, so that a corpus is read
/// and sketched once, then grown, shrunk, clustered (<c>cluster --index</c>) and queried (<c>query</c>) without re-reading it.
/// </summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var command = new Command("index", "Build and maintain a persistent index of sketches in a folder (see docs/index-format.md).");
        command.Subcommands.Add(CreateBuild());
        command.Subcommands.Add(CreateAdd());
        command.Subcommands.Add(CreateRemove());
        command.Subcommands.Add(CreateInfo());
        return command;
    }

    private static Command CreateBuild()
    {
        var common = new CommonOptions();
        var input = new Argument<string>("INPUT") { Description = $"Documents: {InputHelp.Inputs}" };
        var index = new Option<string>("--index", "-i") { Description = "The index folder (created if missing; an index already there is replaced atomically)", Required = true };
        var lockWait = LockWaitOption();
        var compression = CompressionOption();
        var command = new Command("build", "Read and sketch a corpus and save it as an index.") { input, index, lockWait, compression };
        common.AddInputOptions(command);
        common.AddEngineOptions(command);
        common.AddSpillChoice(command);
        common.AddOutputOptions(command);
        command.SetAction(parseResult =>
        {
            string directory = parseResult.GetValue(index)!;
            return CommandRunner.Run(() =>
            {
                using var cancel = CommandRunner.CancelOnCtrlC();
                CheckWritable("--index", directory);
                DocumentReader.CheckExists(parseResult.GetValue(input)!);
                using var writing = IndexLock.Acquire(directory, TimeSpan.FromSeconds(parseResult.GetValue(lockWait)));
                return Grow(parseResult, common, directory, parseResult.GetValue(input)!, parseResult.GetValue(compression)!, existing: false, cancel.Token);
            }, directory);
        });
        return command;
    }

    private static Command CreateAdd()
    {
        var common = new CommonOptions();
        var directory = new Argument<string>("DIR") { Description = "The index folder" };
        var input = new Argument<string>("INPUT") { Description = $"Documents to add: {InputHelp.Inputs}" };
        var lockWait = LockWaitOption();
        var compression = CompressionOption();
        var command = new Command("add", "Add documents to an index (sketched with the index's options); ids must be new.") { directory, input, lockWait, compression };
        common.AddInputOptions(command);
        command.Options.Add(common.Threads);
        command.Options.Add(common.SpillDir);
        common.AddSpillChoice(command);
        common.AddOutputOptions(command);
        command.SetAction(parseResult =>
        {
            string dir = parseResult.GetValue(directory)!;
            return CommandRunner.Run(() =>
            {
                using var cancel = CommandRunner.CancelOnCtrlC();
                CheckWritable("DIR", dir);
                using var writing = LockIndex(dir, parseResult.GetValue(lockWait));
                return Grow(parseResult, common, dir, parseResult.GetValue(input)!, parseResult.GetValue(compression)!, existing: true, cancel.Token,
                    saveUnchanged: IsGiven(parseResult, compression));
            }, dir);
        });
        return command;
    }

    /// <summary>
    /// The pipeline of an index command: its input and engine options, over <paramref name="saved"/> when the index
    /// exists, with the spill folder chosen by the size of <paramref name="inputPath"/> when it reads one.
    /// </summary>
    private static CorpusPipeline Pipeline(ParseResult parseResult, CommonOptions common, NearDupOptions? saved, string? inputPath = null) =>
        new(common.GetInputOptions(parseResult), common.GetEngineOptions(parseResult, saved, inputPath), parseResult.GetValue(common.Quiet), verbose: false);

    /// <summary>
    /// Reads INPUT into a new index (build) or into the one in <paramref name="directory"/> (add), and saves it; the
    /// caller holds the index's lock.
    /// </summary>
    /// <remarks>
    /// An index that gains nothing (every document's id already held, skipped with --skip-invalid) is left as it is, not
    /// written again, unless <paramref name="saveUnchanged"/> (--index-compression given: the file is to be re-stored).
    /// </remarks>
    private static int Grow(ParseResult parseResult, CommonOptions common, string directory, string inputPath, string compression, bool existing,
        CancellationToken cancellationToken, bool saveUnchanged = true)
    {
        var clock = Stopwatch.StartNew();
        var pipeline = Pipeline(parseResult, common, existing ? IndexInfo.Read(directory).Options : null, inputPath);
        using var detector = existing ? pipeline.OpenIndex(directory) : new DuplicateDetector(pipeline.Engine);
        long before = detector.Count;
        var read = AddDocuments(pipeline, detector, inputPath, directory, existing, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (existing && read.Documents == 0 && !saveUnchanged)
        {
            if (!pipeline.Quiet)
            {
                ReportUnchanged($"added 0 documents to {before:N0}", directory);
                SkippedDocuments.Report(read.Reader);
            }
            return 0;
        }
        double prepared = PrepareQueries(detector, cancellationToken);
        double saved = Save(detector, directory, compression);
        if (!pipeline.Quiet)
        {
            Console.Error.WriteLine((existing ? $"added {read.Documents:N0} documents to {before:N0}" : $"indexed {read.Documents:N0} documents")
                + $" in {clock.Elapsed.TotalSeconds:0.00} s (saved in {saved:0.00} s; query state {prepared:0.00} s); {Describe(directory)}");
            SkippedDocuments.Report(read.Reader);
        }
        return 0;
    }

    private static Command CreateRemove()
    {
        var common = new CommonOptions();
        var directory = new Argument<string>("DIR") { Description = "The index folder" };
        var ids = new Option<string>("--ids") { Description = "A file of ids to remove, one per line (- for stdin)", Required = true };
        var lockWait = LockWaitOption();
        var compression = CompressionOption();
        var command = new Command("remove", "Remove documents from an index by id.") { directory, ids, lockWait, compression };
        command.Options.Add(common.SkipInvalid);
        common.AddOutputOptions(command);
        command.SetAction(parseResult =>
        {
            string dir = parseResult.GetValue(directory)!;
            return CommandRunner.Run(() =>
            {
                bool quiet = parseResult.GetValue(common.Quiet);
                bool skipInvalid = parseResult.GetValue(common.SkipInvalid);
                string idsPath = parseResult.GetValue(ids)!;
                CheckWritable("DIR", dir);
                using var writing = LockIndex(dir, parseResult.GetValue(lockWait));
                using var detector = Pipeline(parseResult, common, IndexInfo.Read(dir).Options).OpenIndex(dir);
                int removed = 0, unknown = 0;
                var reasons = new List<string>();
                foreach (var (line, id) in IdList.Read(idsPath))
                {
                    if (detector.Remove(id))
                    {
                        removed++;
                        continue;
                    }
                    string reason = $"{idsPath}:{line}: id '{id}' is not in the index";
                    if (!skipInvalid)
                    {
                        throw new InputException(reason + "; nothing was removed. Fix the list, or pass --skip-invalid to skip unknown ids.");
                    }
                    unknown++;
                    if (reasons.Count < 5)
                    {
                        reasons.Add(reason);
                    }
                }
                using var cancel = CommandRunner.CancelOnCtrlC();
                if (removed == 0 && !IsGiven(parseResult, compression))
                {
                    if (!quiet)
                    {
                        ReportUnchanged($"removed 0 documents, {detector.Count:N0} left", dir);
                    }
                }
                else
                {
                    double prepared = PrepareQueries(detector, cancel.Token);
                    double saved = Save(detector, dir, parseResult.GetValue(compression)!);
                    if (!quiet)
                    {
                        Console.Error.WriteLine($"removed {removed:N0} documents, {detector.Count:N0} left (saved in {saved:0.00} s; query state {prepared:0.00} s); {Describe(dir)}");
                    }
                }
                if (!quiet && unknown > 0)
                {
                    Console.Error.WriteLine($"skipped {unknown:N0} unknown ids; first reasons:");
                    reasons.ForEach(r => Console.Error.WriteLine("  " + r));
                }
                return 0;
            }, dir);
        });
        return command;
    }

    /// <summary>Whether <paramref name="option"/> was given on the command line, not left to its default.</summary>
    private static bool IsGiven(ParseResult parseResult, Option option) => parseResult.GetResult(option) is { Implicit: false };

    /// <summary>Reports an add or a remove that changed nothing: the index is not written again.</summary>
    private static void ReportUnchanged(string what, string directory) =>
        Console.Error.WriteLine($"{what}; the index is unchanged and was not written again; {Describe(directory)}");

    private static Option<string> CompressionOption()
    {
        var option = new Option<string>("--index-compression")
        {
            Description = "How the index file is stored: lz4 (fingerprints bit-packed, sections in LZ4 blocks) or none (format 3's raw payloads, for comparison)",
            DefaultValueFactory = _ => "lz4",
        };
        option.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string>();
            if (value is null || IndexCodecs.FromName(value) is null)
            {
                result.AddError($"--index-compression must be lz4 or none; got '{value}'.");
            }
        });
        option.CompletionSources.Add("lz4", "none");
        return option;
    }

    /// <summary>
    /// Clusters the documents and builds the query indexes, so that the save holds the query state and a query needs no
    /// clustering of its own (docs/index-format.md, "Query state"); returns the seconds it took.
    /// </summary>
    private static double PrepareQueries(DuplicateDetector detector, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        detector.PrepareQueries(cancellationToken);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Saves with the <c>--index-compression</c> codecs; returns the seconds the save took (printed, for measurement).</summary>
    private static double Save(DuplicateDetector detector, string directory, string compression)
    {
        var clock = Stopwatch.StartNew();
        detector.Save(directory, wrap: null, IndexCodecs.FromName(compression)!);
        return clock.Elapsed.TotalSeconds;
    }

    private static Command CreateInfo()
    {
        var directory = new Argument<string>("DIR") { Description = "The index folder" };
        var verify = new Option<bool>("--verify") { Description = "Also load the whole index and check every checksum" };
        var command = new Command("info", "Show what an index holds: documents, format version, options, bytes per document, file size.") { directory, verify };
        command.SetAction(parseResult =>
        {
            string dir = parseResult.GetValue(directory)!;
            return CommandRunner.Run(() =>
            {
                var info = IndexInfo.Read(dir);
                var o = info.Options;
                var lsh = Indexing.LshParameters.Optimal(o.LshThreshold, o.MinHash.Permutations);
                var inv = CultureInfo.InvariantCulture;
                var output = Console.Out;
                output.WriteLine(string.Create(inv, $"index          {DuplicateDetector.IndexPath(dir)}"));
                output.WriteLine(string.Create(inv, $"format         version {info.FormatVersion} (written by NearDup {info.LibraryVersion}; this NearDup reads up to {DuplicateDetector.IndexFormatVersion})"));
                output.WriteLine(string.Create(inv, $"documents      {info.Documents:N0}"));
                output.WriteLine(string.Create(inv, $"file size      {info.FileBytes:N0} bytes ({info.FileBytes / 1e6:0.0} MB), {info.BytesPerDocument:N0} bytes per document"));
                foreach (var s in info.Sections)
                {
                    output.WriteLine(string.Create(inv, $"section        {s.Name,-13} {s.Codec,-6} {s.StoredBytes,15:N0} bytes stored, {s.RawBytes:N0} raw"));
                }
                output.WriteLine(string.Create(inv, $"shingles       {o.Shingles.Scheme.ToString().ToLowerInvariant()} {o.Shingles.Size}-grams, seed {o.Shingles.Seed}, "
                    + $"diacritics {(o.Shingles.Normalization.RemoveDiacritics ? "removed" : "kept")}, digits {(o.Shingles.Normalization.RemoveDigits ? "removed" : "kept")}"));
                output.WriteLine(string.Create(inv, $"minhash        {o.MinHash.Scheme}, {o.MinHash.Permutations} permutations, seed 0x{o.MinHash.Seed:X}"));
                output.WriteLine(string.Create(inv, $"lsh            threshold {o.LshThreshold} (b={lsh.Bands} r={lsh.Rows}); sample rate {o.SampleRate}; anchor rate {o.AnchorRate}"));
                output.WriteLine(string.Create(inv, $"thresholds     min containment {o.MinContainment}, min shared {o.MinSharedShingles}, passage {o.PassageShingles}, "
                    + $"syndicated J≥{o.SyndicatedJaccard} C≥{o.SyndicatedContainment}, excerpt ratio {o.ExcerptLengthRatio}, simhash distance {o.SimHashMaxDistance}, "
                    + $"min anchors {o.MinSharedAnchors}, boilerplate threshold {o.CommonShingleDocuments} (--common-docs)"));
                if (parseResult.GetValue(verify))
                {
                    var clock = Stopwatch.StartNew();
                    using var detector = DuplicateDetector.Load(dir);
                    output.WriteLine(string.Create(inv, $"verified       every checksum matches; loaded {detector.Count:N0} documents in {clock.Elapsed.TotalSeconds:0.00} s"));
                }
                return 0;
            }, dir);
        });
        return command;
    }

    /// <summary>
    /// Reads <paramref name="inputPath"/> into the index's detector on the batched ingest <c>cluster</c> uses; an id
    /// already in the index is bad input like any other (stops the run, or with --skip-invalid is counted and skipped).
    /// The reader checks ids within the input itself.
    /// </summary>
    private static CorpusRead AddDocuments(CorpusPipeline pipeline, DuplicateDetector detector, string inputPath, string indexDirectory, bool existing,
        CancellationToken cancellationToken)
    {
        // A new index holds only what this input added, whose repeated ids the reader refuses: nothing to check.
        var known = existing ? new IndexKnownIds(detector, inputPath, indexDirectory, pipeline.Input.SkipInvalid) : null;
        var read = pipeline.Read(detector, inputPath, batches => Fresh(batches, known), cancellationToken);
        if (known is { Skipped: > 0 } && !pipeline.Quiet)
        {
            Console.Error.WriteLine($"skipped {known.Skipped:N0} documents already in the index; first reasons:");
            foreach (string reason in known.Reasons)
            {
                Console.Error.WriteLine("  " + reason);
            }
        }
        return read;
    }

    /// <summary>The batches with each record checked against the ids <paramref name="known"/> holds, or as they are without it.</summary>
    internal static IEnumerable<DocumentBatch> Fresh(IEnumerable<DocumentBatch> batches, IndexKnownIds? known) =>
        known is null ? batches : batches.Select(batch => (DocumentBatch)new IndexFreshBatch(batch, known));

    /// <summary>
    /// Checks before any work that the index in <paramref name="directory"/> can be saved: the folder can be made or
    /// written in, and an index file already there can be replaced. A missing index is left to the loader's message.
    /// </summary>
    private static void CheckWritable(string option, string directory)
    {
        Output.OutputFile.CheckFolder(option, directory);
        if (File.Exists(DuplicateDetector.IndexPath(directory)))
        {
            Output.OutputFile.Check(option, DuplicateDetector.IndexPath(directory));
        }
    }

    /// <summary>How long a writer waits for another to finish before it gives up (exit 75, try again).</summary>
    private static Option<double> LockWaitOption() => new("--lock-wait")
    {
        Description = "Seconds to wait while another neardup writes this index (index.ndup.lock) before giving up",
        DefaultValueFactory = _ => 10,
    };

    /// <summary>Locks an existing index against other writers; a missing index gets the loader's message, and no folder is made.</summary>
    private static IndexLock LockIndex(string directory, double waitSeconds)
    {
        DuplicateDetector.OpenIndexFile(directory, bufferSize: 1).Dispose();
        return IndexLock.Acquire(directory, TimeSpan.FromSeconds(waitSeconds));
    }

    /// <summary>One line of the index's size, for the end-of-command summary.</summary>
    public static string Describe(string directory)
    {
        var info = IndexInfo.Read(directory);
        return $"{DuplicateDetector.IndexPath(directory)}: {info.Documents:N0} documents, {info.FileBytes / 1e6:0.0} MB ({info.BytesPerDocument:N0} B/doc)";
    }
}
