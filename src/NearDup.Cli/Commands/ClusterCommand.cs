using System.CommandLine;
using System.Diagnostics;
using NearDup.Cli.Input;
using NearDup.Cli.Output;
using NearDup.Clustering;

namespace NearDup.Cli.Commands;

/// <summary><c>neardup cluster INPUT</c>: groups each story with its copies.</summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var input = new Argument<string?>("INPUT") { Description = $"Documents: {InputHelp.Inputs}", Arity = ArgumentArity.ZeroOrOne };
        var index = new Option<string?>("--index", "-i") { Description = "Cluster the documents of this index folder (neardup index build) instead of reading INPUT" };
        var output = new Option<string?>("--out", "-o") { Description = "Write the clusters here (default: stdout); written to a temporary name, then renamed" };
        var format = new Option<string>("--format", "-f") { Description = "jsonl (one object per cluster), csv or parquet (one row per member), or text (a summary for people)", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv", "parquet", "text");
        var pairs = new Option<bool>("--pairs") { Description = "Write every verified pair with its scores instead of clusters" };
        var html = new Option<string?>("--html") { Description = "Also write the HTML report of the clusters here (see neardup report)" };
        var kinds = new Option<string>("--kinds")
        {
            Description = "Roles a copy may have and stay in its cluster (comma-separated: exact, syndicated, rewritten, excerpt); a copy of another role becomes a singleton",
            DefaultValueFactory = _ => "exact,syndicated,rewritten,excerpt",
        };
        var command = new Command("cluster", "Group each story with its copies (exact, syndicated, rewritten, excerpt); every document lands in one cluster. "
            + "What makes a copy: --min-containment, --min-shared, --passage-shingles; what is reported: --min-jaccard, a given --min-containment, --kinds; "
            + "--lsh-threshold only tunes the candidate index.")
        {
            input, index, output, format, pairs, html, kinds,
        };
        common.AddInputOptions(command);
        common.AddEngineOptions(command);
        common.AddBoundOptions(command);
        common.AddOutputOptions(command);
        command.SetAction(parseResult => IndexCommand.Run(parseResult.GetValue(index), () =>
        {
            using var cancel = CommandRunner.CancelOnCtrlC();
            string? htmlPath = parseResult.GetValue(html);
            if (htmlPath is not null && (parseResult.GetValue(input) is null or "-" || parseResult.GetValue(pairs)))
            {
                throw new InputException("--html needs the documents again to draw them: give INPUT as a file or folder (not - or --index), and no --pairs.");
            }
            var outputFormat = Enum.Parse<OutputFormat>(parseResult.GetValue(format)!, ignoreCase: true);
            if (outputFormat == OutputFormat.Parquet && parseResult.GetValue(pairs))
            {
                throw new InputException("--format parquet writes clusters, one row per member; --pairs is written as jsonl, csv or text.");
            }
            bool quiet = parseResult.GetValue(common.Quiet);
            bool verbose = parseResult.GetValue(common.Verbose) && !quiet;
            string? indexDirectory = parseResult.GetValue(index);
            if ((indexDirectory is null) == (parseResult.GetValue(input) is null))
            {
                throw new InputException("give either INPUT (a folder, a .jsonl file or -) or --index DIR (a saved index), not both or neither.");
            }
            if (parseResult.GetValue(pairs) && parseResult.GetResult(kinds) is { Implicit: false })
            {
                throw new InputException("--kinds restricts the roles of cluster members; --pairs lists pairs, which have no role: give one or the other.");
            }
            var filter = common.GetOutputFilter(parseResult, CommonOptions.ParseKinds(parseResult.GetValue(kinds)!, allowTemplate: false));
            OutputFile.Check("--out", parseResult.GetValue(output));
            if (htmlPath is not null)
            {
                OutputFile.Check("--html", htmlPath);
            }
            DocumentReader? reader = null;
            var clock = Stopwatch.StartNew();
            var result = indexDirectory is not null
                ? ClusterSavedIndex(indexDirectory, parseResult, common, parseResult.GetValue(pairs), quiet, verbose, cancel.Token)
                : Run(parseResult.GetValue(input)!, common.GetInputOptions(parseResult),
                    common.GetEngineOptions(parseResult), parseResult.GetValue(pairs) || htmlPath is not null, quiet, verbose, cancel.Token, out reader, out clock);
            result = result.Filter(filter);
            string? outPath = parseResult.GetValue(output);
            var described = parseResult.GetValue(pairs) ? DescribePairs(parseResult.GetValue(input), common.GetInputOptions(parseResult), result.Pairs) : null;
            Action<Stream> write = parseResult.GetValue(pairs)
                ? stream => ClusterWriter.WritePairs(stream, result.Pairs, outputFormat, described)
                : stream => ClusterWriter.WriteClusters(stream, result.Clusters, outputFormat);
            cancel.Token.ThrowIfCancellationRequested();
            OutputFile.Write("--out", outPath, write);
            if (htmlPath is not null)
            {
                WriteHtml(parseResult.GetValue(input)!, common.GetInputOptions(parseResult), result, outPath, outputFormat, htmlPath, quiet);
            }
            if (!quiet)
            {
                int copies = result.Clusters.Sum(c => c.Members.Count - 1);
                Console.Error.WriteLine($"{result.Statistics.Documents:N0} documents, {result.Clusters.Count:N0} clusters, {copies:N0} copies; {clock.Elapsed.TotalSeconds:0.00} s"
                    + (OutputFile.IsStdout(outPath) ? "" : $"; wrote {outPath}"));
                if (reader is not null)
                {
                    ReportSkipped(reader);
                }
            }
            return 0;
        }));
        return command;
    }

    private static ClusteringResult ClusterSavedIndex(string directory, ParseResult parseResult, CommonOptions common, bool includePairs, bool quiet, bool verbose,
        CancellationToken cancellationToken)
    {
        using var detector = IndexCommand.Load(directory, parseResult, common);
        using var line = new ConsoleProgress("clustering", quiet, () => 0, () => 0);
        return detector.Cluster(includePairs, new ClusteringStageProgress(line, verbose), cancellationToken);
    }

    /// <summary>
    /// Passages and kinds of the pairs, from the texts read again; null when the input cannot be read twice
    /// (stdin, or a saved index, which keeps no texts).
    /// </summary>
    internal static PairDescription?[]? DescribePairs(string? input, InputOptions options, IReadOnlyList<VerifiedPair> pairs)
    {
        if (input is null or "-" || pairs.Count == 0)
        {
            return null;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            ids.Add(pair.First);
            ids.Add(pair.Second);
        }
        return PairDescriber.Describe(pairs, DocumentTexts.Load(input, options, ids));
    }

    /// <summary>Reads, sketches and clusters a corpus: the shared core of cluster, eval and bench.</summary>
    public static ClusteringResult Run(string inputPath, InputOptions inputOptions, NearDupOptions engineOptions, bool includePairs, bool quiet, bool verbose,
        CancellationToken cancellationToken, out DocumentReader reader, out Stopwatch clock)
    {
        clock = Stopwatch.StartNew();
        using var detector = new DuplicateDetector(engineOptions);
        var documents = new DocumentReader(inputPath, inputOptions);
        reader = documents;
        using (var progress = new ConsoleProgress("reading", quiet, () => documents.BytesRead, () => documents.TotalBytes))
        {
            detector.AddRange(documents.Read(), new Progress(progress), cancellationToken);
            progress.Stage("clustering ...");
            double readSeconds = clock.Elapsed.TotalSeconds;
            var result = detector.Cluster(includePairs, new ClusteringStageProgress(progress, verbose), cancellationToken);
            if (verbose)
            {
                var s = result.Statistics;
                Console.Error.WriteLine();
                Console.Error.WriteLine($"read+sketch {readSeconds:0.00} s ({documents.BytesRead / 1e6 / Math.Max(readSeconds, 1e-6):0.0} MB/s); "
                    + $"candidates+verify {s.CandidateSeconds:0.00} s (strong {s.StrongSeconds:0.00}, boilerplate {s.BoilerplateSeconds:0.00}, "
                    + $"weak {s.CandidateSeconds - s.StrongSeconds - s.BoilerplateSeconds:0.00}); cluster {s.ClusterSeconds:0.00} s");
                Console.Error.WriteLine($"LSH b={detector.LshParameters.Bands} r={detector.LshParameters.Rows}; {s.StrongGroups:N0} groups; "
                    + $"{s.StrongCandidates:N0} LSH/SimHash and {s.AnchorCandidates:N0} anchor candidates; {s.VerifiedPairs:N0} verified pairs and {s.ReuseLinks:N0} reuse links; "
                    + $"{s.CommonFingerprints:N0} boilerplate slots; index {s.IndexBytes / 1e6:0.0} MB ({(double)s.IndexBytes / Math.Max(1, s.Documents):0} B/doc)"
                    + (s.SpilledBytes > 0 ? $"; spilled {s.SpilledBytes / 1e6:0.0} MB" : ""));
            }
            return result;
        }
    }

    /// <summary>The reuse links the report lists, each with its kind read from the texts.</summary>
    private static IReadOnlyList<Report.ReportLink> ReuseLinks(string input, InputOptions options, VerifiedPair[] reuse, IReadOnlyList<Report.ReportCluster> clusters)
    {
        var described = DescribePairs(input, options, reuse);
        return Report.ReportLink.FromPairs(
            reuse.Select((p, k) => (p.First, p.Second, "reuse", described?[k]?.Kind, p.SharedShingles, p.Containment)), clusters);
    }

    /// <summary>The report reads clusters JSONL: use the output when it is that in a regular file (a FIFO or /dev/null cannot be read back), else a temporary copy.</summary>
    private static void WriteHtml(string input, InputOptions inputOptions, ClusteringResult result, string? outPath, OutputFormat format, string htmlPath, bool quiet)
    {
        string? temp = null;
        try
        {
            string clustersPath;
            if (!OutputFile.IsStdout(outPath) && format == OutputFormat.Jsonl && NearDup.Internal.FileProbe.Kind(outPath) == NearDup.Internal.FileKind.Regular)
            {
                clustersPath = outPath;
            }
            else
            {
                clustersPath = temp = Path.GetTempFileName();
                using var stream = File.Create(temp);
                ClusterWriter.WriteClusters(stream, result.Clusters, OutputFormat.Jsonl);
            }
            var reuse = result.Pairs.Where(p => p.Relation == PairRelation.Reuse).ToArray();
            var model = Report.ReportWriter.Write(input, needed => DocumentTexts.Load(input, inputOptions, needed), clustersPath, htmlPath,
                Report.ReportOptions.Default, Report.ReportClock.Now(), temp is null ? null : "(computed by neardup cluster)",
                clusters => ReuseLinks(input, inputOptions, reuse, clusters));
            if (!quiet)
            {
                Console.Error.WriteLine($"wrote {htmlPath}: {model.Groups.Count:N0} clusters of 2+ documents");
            }
        }
        catch (Report.ReportInputException e)
        {
            throw new InputException(e.Message);
        }
        finally
        {
            if (temp is not null)
            {
                File.Delete(temp);
            }
        }
    }

    public static void ReportSkipped(DocumentReader reader)
    {
        if (reader.Skipped > 0)
        {
            Console.Error.WriteLine($"skipped {reader.Skipped:N0} invalid documents; first reasons:");
            foreach (string reason in reader.SkipReasons)
            {
                Console.Error.WriteLine("  " + reason);
            }
        }
    }

    internal sealed class Progress(ConsoleProgress progress) : IProgress<long>
    {
        public void Report(long value) => progress.Report(value);
    }
}
