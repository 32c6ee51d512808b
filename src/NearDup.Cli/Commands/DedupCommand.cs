using System.CommandLine;
using System.Diagnostics;
using NearDup.Cli.Dedup;
using NearDup.Cli.Input;
using NearDup.Cli.Output;
using NearDup.Cli.Pipeline;
using NearDup.Clustering;

namespace NearDup.Cli.Commands;

/// <summary>
/// <c>neardup dedup INPUT --out KEPT</c>: the input's records minus the copies. The first pass reads and sketches the
/// documents on the batched ingest <c>cluster</c> uses and notes where each was read (<see cref="FirstPass"/>); the second
/// reads the input again and copies the kept records as they are.
/// </summary>
internal static class DedupCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var input = new Argument<string>("INPUT")
        {
            Description = "A file of documents: jsonl (plain, .gz, .zst, .lz4; kept lines are copied byte for byte), json, csv, tsv or parquet (kept records "
                + "copied as they are), or a folder of text files (kept files are copied into the --out folder); read twice, so not - (stdin)",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Where the kept records go: for a file INPUT a file (gzip if the name ends in .gz, zstd if .zst; not for parquet), for a folder an empty or new folder",
            Required = true,
        };
        var keep = new Option<string>("--keep")
        {
            Description = "Which document of each set of copies is kept: canonical (the original), earliest (by --date-field), longest or first (in input order)",
            DefaultValueFactory = _ => "canonical",
        };
        keep.AcceptOnlyFromAmong("canonical", "earliest", "longest", "first");
        var kinds = new Option<string>("--kinds")
        {
            Description = "Kinds of copy removed (comma-separated: exact, syndicated, rewritten, excerpt, template); the default removes only copies of the same text",
            DefaultValueFactory = _ => "exact,syndicated",
        };
        var outputFormat = new Option<string?>("--output-format")
        {
            HelpName = "jsonl|json|csv|tsv|parquet",
            Description = "What --out holds: jsonl, json (an array), csv, tsv or parquet; default the input's format. Records keep every field: "
                + "csv and tsv into each other or into jsonl, json or parquet (values as strings); jsonl and json into each other; parquet into jsonl/json (typed, flat schemas)",
        };
        var removed = new Option<string?>("--removed") { Description = "Also write the removed ids here, one JSON object each: id, cluster, kept id, kind, role and scores" };
        var command = new Command("dedup", "Write the input's records minus the copies: one document is kept of each story (and of each set of templates with --kinds template). "
            + "What makes a copy: --min-containment, --min-shared, --passage-shingles; what is removed: --kinds, bounded by --min-jaccard and a given --min-containment.")
        {
            input, output, outputFormat, keep, kinds, removed,
        };
        common.AddInputOptions(command);
        common.AddEngineOptions(command);
        common.AddSpillChoice(command);
        common.AddBoundOptions(command);
        common.AddOutputOptions(command);
        command.SetAction(parseResult => CommandRunner.Run(() =>
        {
            var dedupOptions = new DedupOptions
            {
                Kinds = CommonOptions.ParseKinds(parseResult.GetValue(kinds)!, allowTemplate: true),
                Keep = Enum.Parse<KeepRule>(parseResult.GetValue(keep)!, ignoreCase: true),
                Bounds = common.GetOutputFilter(parseResult, CopyKinds.Roles),
            };
            var request = new DedupRequest(parseResult.GetValue(input)!, parseResult.GetValue(output)!, parseResult.GetValue(removed),
                common.GetInputOptions(parseResult), common.GetEngineOptions(parseResult, input: parseResult.GetValue(input)), dedupOptions,
                parseResult.GetValue(outputFormat) is { } format ? KeptStream.Parse(format) : null);
            bool quiet = parseResult.GetValue(common.Quiet);
            return Run(request, quiet, parseResult.GetValue(common.Verbose) && !quiet);
        }));
        return command;
    }

    private static int Run(DedupRequest request, bool quiet, bool verbose)
    {
        bool folder = CheckPaths(request);
        using var cancel = CommandRunner.CancelOnCtrlC();
        var clock = Stopwatch.StartNew();
        using var dedup = new Deduplicator(request.Engine, request.Dedup);
        var pass = new FirstPass(request.Input, request.InputOptions, folder, format => _ = Copier(request, format));
        var reader = pass.Reader;
        DedupResult result;
        using (var progress = new ConsoleProgress("reading", quiet, () => reader.BytesRead, () => reader.TotalBytes))
        {
            // Batches: a JSONL file's lines are parsed and sketched by the worker threads, straight from the reader's buffers.
            dedup.AddBatches(reader.ReadBatches(), new ReadProgress(progress, MemoryWatch.For(request.Engine, quiet)), cancel.Token);
            progress.Stage("clustering ...");
            using (var stages = new ClusteringStageProgress(progress, verbose))
            {
                result = dedup.Decide(reuse => Templates(request, reuse), stages, cancel.Token);
                stages.Done();
            }
            progress.Stage("writing the kept records ...");
            double decided = clock.Elapsed.TotalSeconds;
            IRecordCopier copier = folder ? new TextFilesCopier(request.Input) : Copier(request, reader.ReadAs);
            var count = copier.Copy(pass.Positions, result, request.Output, cancel.Token);
            if (verbose)
            {
                Console.Error.WriteLine($"read, sketch and decide {decided:0.00} s; second pass (copy {count.Written:N0} kept records) {clock.Elapsed.TotalSeconds - decided:0.00} s");
            }
            if (request.Removed is not null)
            {
                OutputFile.Write("--removed", request.Removed, stream => RemovedWriter.Write(stream, result.Removed));
            }
            progress.Stage("");
            if (!quiet)
            {
                PrintSummary(result, count, clock.Elapsed, request);
                SkippedDocuments.Report(reader);
            }
        }
        return 0;
    }

    /// <summary>Checks INPUT and every output before any work; returns whether INPUT is a folder.</summary>
    private static bool CheckPaths(DedupRequest request)
    {
        if (request.Input == OutputFile.Stdout)
        {
            throw new InputException("dedup reads INPUT twice (once to find the copies, once to copy the kept records): give a file or folder, not - (stdin).");
        }
        DocumentReader.CheckExists(request.Input);
        bool folder = Directory.Exists(request.Input);
        if (folder)
        {
            if (request.OutputFormat is { } format)
            {
                throw new InputException($"--output-format {KeptStream.Name(format)}: INPUT is a folder, whose kept files are copied as they are; --output-format is for a file INPUT.");
            }
            CheckOutputFolder(request.Input, request.Output);
        }
        else
        {
            if (Path.GetFullPath(request.Output) == Path.GetFullPath(request.Input))
            {
                throw new InputException($"--out {request.Output}: that is INPUT; write the kept records to another file.");
            }
            OutputFile.Check("--out", request.Output);
        }
        if (request.Removed is not null)
        {
            if (Path.GetFullPath(request.Removed) == Path.GetFullPath(request.Output) || Path.GetFullPath(request.Removed) == Path.GetFullPath(request.Input))
            {
                throw new InputException($"--removed {request.Removed}: that is --out or INPUT; give the list of removed ids a file of its own.");
            }
            OutputFile.Check("--removed", request.Removed);
        }
        return folder;
    }

    /// <summary>A folder's kept files go into a folder of their own: new or empty, and outside INPUT (a later run would read them).</summary>
    private static void CheckOutputFolder(string input, string output)
    {
        string full = Path.GetFullPath(output).TrimEnd('/') + "/";
        string inputFull = Path.GetFullPath(input).TrimEnd('/') + "/";
        if (full.StartsWith(inputFull, StringComparison.Ordinal) || inputFull.StartsWith(full, StringComparison.Ordinal))
        {
            throw new InputException($"--out {output}: INPUT is a folder, so --out is the folder its kept files go to, and it must lie outside INPUT (and not hold it).");
        }
        if (File.Exists(output))
        {
            throw new InputException($"--out {output}: INPUT is a folder, so --out must be a folder for its kept files, not a file.");
        }
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            throw new InputException($"--out {output}: the folder is not empty; dedup writes the kept files of a folder into a new or empty one, so that none of another run's are mixed in.");
        }
        OutputFile.CheckFolder("--out", output);
    }

    /// <summary>The second pass for a file read as <paramref name="inputFormat"/> and written as --output-format asks; refuses what it cannot write faithfully.</summary>
    private static IRecordCopier Copier(DedupRequest request, InputFormat inputFormat)
    {
        var output = request.OutputFormat ?? inputFormat switch
        {
            InputFormat.JsonArray => DedupFormat.Json,
            InputFormat.Csv => DedupFormat.Csv,
            InputFormat.Tsv => DedupFormat.Tsv,
            InputFormat.Parquet => DedupFormat.Parquet,
            _ => DedupFormat.Jsonl,
        };
        if (output == DedupFormat.Parquet && KeptStream.IsCompressed(request.Output))
        {
            throw new InputException($"--out {request.Output}: Parquet compresses its own pages; give --out a name without .gz or .zst.");
        }
        var (input, options) = (request.Input, request.InputOptions);
        return (inputFormat, output) switch
        {
            (InputFormat.Jsonl, DedupFormat.Jsonl or DedupFormat.Json) => new JsonLinesCopier(input, options, output),
            (InputFormat.JsonArray, DedupFormat.Json or DedupFormat.Jsonl) => new JsonArrayCopier(input, options, output),
            (InputFormat.Csv or InputFormat.Tsv, _) => new CsvCopier(input, options, inputFormat == InputFormat.Tsv ? '\t' : ',', output),
            (InputFormat.Parquet, DedupFormat.Parquet or DedupFormat.Jsonl or DedupFormat.Json) => ParquetCopier.Checked(input, options, output),
            (InputFormat.Txt, _) => throw new InputException($"{input}: read as one text document; dedup copies the kept records of a jsonl, json, csv, tsv or parquet file "
                + "or the kept files of a folder of text files."),
            _ => throw new InputException($"--output-format {KeptStream.Name(output)}: INPUT is {Describe(inputFormat)}, which dedup writes as {Writable(inputFormat)} only: "
                + $"{Why(inputFormat)}. Convert the kept records afterwards."),
        };
    }

    private static string Describe(InputFormat format) => format switch
    {
        InputFormat.JsonArray => "a JSON array",
        InputFormat.Jsonl => "JSONL",
        InputFormat.Csv => "CSV",
        InputFormat.Tsv => "TSV",
        _ => format.ToString(),
    };

    private static string Writable(InputFormat format) => format switch
    {
        InputFormat.Jsonl or InputFormat.JsonArray => "jsonl or json",
        _ => "parquet, jsonl or json",
    };

    private static string Why(InputFormat format) => format switch
    {
        InputFormat.Jsonl or InputFormat.JsonArray => "its records may differ in fields and nest objects, so there is no one header or schema for them",
        _ => "in csv or tsv a null and an empty string would both become an empty field",
    };

    /// <summary>The reuse links whose texts, read again, make a template (<see cref="PairDescriber.KindOf"/>).</summary>
    private static VerifiedPair[] Templates(DedupRequest request, IReadOnlyList<VerifiedPair> reuse)
    {
        var described = PairTexts.Describe(request.Input, request.InputOptions, reuse);
        return reuse.Where((_, k) => described?[k]?.Kind == "template").ToArray();
    }

    private static void PrintSummary(DedupResult result, CopyCount count, TimeSpan elapsed, DedupRequest request)
    {
        var byKind = new[] { CopyKinds.Exact, CopyKinds.Syndicated, CopyKinds.Rewritten, CopyKinds.Excerpt, CopyKinds.Template }
            .Where(k => (request.Dedup.Kinds & k) != 0)
            .Select(k => $"{RemovedWriter.KindName(k)} {result.RemovedCount(k):N0}");
        long total = count.WrittenBytes + count.RemovedBytes;
        Console.Error.WriteLine($"{result.Documents:N0} documents in, {result.Kept:N0} kept, {result.Removed.Count:N0} removed ({string.Join(", ", byKind)}); "
            + $"{Size(count.RemovedBytes)} of {Size(total)} saved; {elapsed.TotalSeconds:0.00} s; wrote {request.Output}"
            + (request.Removed is null ? "" : $" and {request.Removed}"));
    }

    private static string Size(long bytes) => bytes >= 1_000_000 ? $"{bytes / 1e6:N1} MB" : $"{bytes:N0} bytes";
}
