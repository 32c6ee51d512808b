using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NearDup.Cli.Input;
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
        common.AddOutputOptions(command);
        command.SetAction(parseResult =>
        {
            string directory = parseResult.GetValue(index)!;
            return Run(directory, () =>
            {
                using var cancel = CommandRunner.CancelOnCtrlC();
                CheckWritable("--index", directory);
                DocumentReader.CheckExists(parseResult.GetValue(input)!);
                using var writing = IndexLock.Acquire(directory, TimeSpan.FromSeconds(parseResult.GetValue(lockWait)));
                bool quiet = parseResult.GetValue(common.Quiet);
                var clock = Stopwatch.StartNew();
                using var detector = new DuplicateDetector(common.GetEngineOptions(parseResult));
                var reader = new DocumentReader(parseResult.GetValue(input)!, common.GetInputOptions(parseResult));
                long added = AddDocuments(detector, reader, parseResult.GetValue(input)!, directory, parseResult.GetValue(common.SkipInvalid), quiet, cancel.Token);
                cancel.Token.ThrowIfCancellationRequested();
                double saved = Save(detector, directory, parseResult.GetValue(compression)!);
                if (!quiet)
                {
                    Console.Error.WriteLine($"indexed {added:N0} documents in {clock.Elapsed.TotalSeconds:0.00} s (saved in {saved:0.00} s); {Describe(directory)}");
                    ClusterCommand.ReportSkipped(reader);
                }
                return 0;
            });
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
        common.AddOutputOptions(command);
        command.SetAction(parseResult =>
        {
            string dir = parseResult.GetValue(directory)!;
            return Run(dir, () =>
            {
                using var cancel = CommandRunner.CancelOnCtrlC();
                CheckWritable("DIR", dir);
                using var writing = LockIndex(dir, parseResult.GetValue(lockWait));
                bool quiet = parseResult.GetValue(common.Quiet);
                var clock = Stopwatch.StartNew();
                using var detector = Load(dir, parseResult, common);
                long before = detector.Count;
                var reader = new DocumentReader(parseResult.GetValue(input)!, common.GetInputOptions(parseResult));
                long added = AddDocuments(detector, reader, parseResult.GetValue(input)!, dir, parseResult.GetValue(common.SkipInvalid), quiet, cancel.Token);
                cancel.Token.ThrowIfCancellationRequested();
                double saved = Save(detector, dir, parseResult.GetValue(compression)!);
                if (!quiet)
                {
                    Console.Error.WriteLine($"added {added:N0} documents to {before:N0} in {clock.Elapsed.TotalSeconds:0.00} s (saved in {saved:0.00} s); {Describe(dir)}");
                    ClusterCommand.ReportSkipped(reader);
                }
                return 0;
            });
        });
        return command;
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
            return Run(dir, () =>
            {
                bool quiet = parseResult.GetValue(common.Quiet);
                bool skipInvalid = parseResult.GetValue(common.SkipInvalid);
                string idsPath = parseResult.GetValue(ids)!;
                CheckWritable("DIR", dir);
                using var writing = LockIndex(dir, parseResult.GetValue(lockWait));
                using var detector = Load(dir, parseResult, common);
                int removed = 0, unknown = 0;
                var reasons = new List<string>();
                foreach (var (line, id) in ReadIds(idsPath))
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
                double saved = Save(detector, dir, parseResult.GetValue(compression)!);
                if (!quiet)
                {
                    Console.Error.WriteLine($"removed {removed:N0} documents, {detector.Count:N0} left (saved in {saved:0.00} s); {Describe(dir)}");
                    if (unknown > 0)
                    {
                        Console.Error.WriteLine($"skipped {unknown:N0} unknown ids; first reasons:");
                        reasons.ForEach(r => Console.Error.WriteLine("  " + r));
                    }
                }
                return 0;
            });
        });
        return command;
    }

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
            return Run(dir, () =>
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
                    + $"min anchors {o.MinSharedAnchors}, common docs {o.CommonShingleDocuments}"));
                if (parseResult.GetValue(verify))
                {
                    var clock = Stopwatch.StartNew();
                    using var detector = DuplicateDetector.Load(dir);
                    output.WriteLine(string.Create(inv, $"verified       every checksum matches; loaded {detector.Count:N0} documents in {clock.Elapsed.TotalSeconds:0.00} s"));
                }
                return 0;
            });
        });
        return command;
    }

    /// <summary>
    /// Runs a command body that reads an index: a corrupt or missing index becomes a clear error (exit 2) naming the
    /// file and the section, like any other bad input (<see cref="CliError"/>).
    /// </summary>
    public static int Run(string? directory, Func<int> body) => CommandRunner.Run(body, directory);

    /// <summary>
    /// Loads an index with its own options, except the engine options given explicitly on the command line: clustering
    /// thresholds override the saved ones for this run; an option that shapes sketches must equal the saved one.
    /// </summary>
    public static DuplicateDetector Load(string directory, ParseResult parseResult, CommonOptions common)
    {
        var saved = IndexInfo.Read(directory).Options;
        var given = common.ReadEngineOptions(parseResult);
        bool Explicit(Option option) => parseResult.GetResult(option) is { Implicit: false };
        var options = saved with
        {
            Shingles = Explicit(common.ShingleSize) ? saved.Shingles with { Size = given.Shingles.Size } : saved.Shingles,
            MinHash = Explicit(common.Permutations) ? saved.MinHash with { Permutations = given.MinHash.Permutations } : saved.MinHash,
            LshThreshold = Explicit(common.LshThreshold) ? given.LshThreshold : saved.LshThreshold,
            SampleRate = Explicit(common.SampleRate) ? given.SampleRate : saved.SampleRate,
            MinContainment = Explicit(common.MinContainment) ? given.MinContainment : saved.MinContainment,
            MinSharedShingles = Explicit(common.MinShared) ? given.MinSharedShingles : saved.MinSharedShingles,
            PassageShingles = Explicit(common.PassageShingles) ? given.PassageShingles
                : Explicit(common.MinShared) ? Math.Max(saved.PassageShingles, given.MinSharedShingles) : saved.PassageShingles,
            CommonShingleDocuments = Explicit(common.CommonDocuments) ? given.CommonShingleDocuments : saved.CommonShingleDocuments,
            MaxDegreeOfParallelism = parseResult.GetResult(common.Threads) is null ? -1 : parseResult.GetValue(common.Threads),
            SpillDirectory = parseResult.GetResult(common.SpillDir) is null ? null : parseResult.GetValue(common.SpillDir),
        };
        common.CheckInCliTerms(parseResult, options);
        return DuplicateDetector.Load(directory, options);
    }

    /// <summary>
    /// Adds what <paramref name="reader"/> yields; an id already in the index is bad input like any other (stops the
    /// run, or with --skip-invalid is counted and skipped). The reader checks ids within the input itself.
    /// </summary>
    public static long AddDocuments(DuplicateDetector detector, DocumentReader reader, string inputPath, string indexDirectory, bool skipInvalid, bool quiet,
        CancellationToken cancellationToken)
    {
        var known = new List<string>();
        int alreadyIndexed = 0;
        IEnumerable<DocumentInput> Fresh()
        {
            foreach (var document in reader.Read())
            {
                if (detector.Contains(document.Id))
                {
                    string reason = $"{inputPath}: document '{document.Id}' is already in the index {indexDirectory} (ids must be unique; remove it first with neardup index remove)";
                    if (!skipInvalid)
                    {
                        throw new InputException(reason + ". Fix the input, or pass --skip-invalid to skip bad documents.");
                    }
                    alreadyIndexed++;
                    if (known.Count < 5)
                    {
                        known.Add(reason);
                    }
                    continue;
                }
                yield return document;
            }
        }
        long added;
        using (var progress = new ConsoleProgress("reading", quiet, () => reader.BytesRead, () => reader.TotalBytes))
        {
            added = detector.AddRange(Fresh(), new SyncProgress(progress.Report), cancellationToken);
        }
        if (alreadyIndexed > 0 && !quiet)
        {
            Console.Error.WriteLine($"skipped {alreadyIndexed:N0} documents already in the index; first reasons:");
            known.ForEach(r => Console.Error.WriteLine("  " + r));
        }
        return added;
    }

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

    internal static IEnumerable<(long Line, string Id)> ReadIds(string path)
    {
        TextReader reader;
        if (path == "-")
        {
            reader = Console.In;
        }
        else
        {
            if (!File.Exists(path))
            {
                throw new InputException($"{path}: no such file (give a file of ids, one per line, or - for stdin).");
            }
            try
            {
                reader = new StreamReader(path, System.Text.Encoding.UTF8);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"{path}: cannot be read ({e.Message}).");
            }
        }
        try
        {
            long line = 0;
            while (reader.ReadLine() is { } id)
            {
                line++;
                // The id is the whole line (ids may hold spaces); blank lines are skipped.
                if (!string.IsNullOrWhiteSpace(id))
                {
                    yield return (line, id);
                }
            }
        }
        finally
        {
            if (path != "-")
            {
                reader.Dispose();
            }
        }
    }

    /// <summary>Reports on the calling thread (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
