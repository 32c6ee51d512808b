using System.CommandLine;
using NearDup.Cli.Input;
using NearDup.Cli.Output;
using NearDup.Cli.Pipeline;
using NearDup.Clustering;
using NearDup.Persistence;

namespace NearDup.Cli.Commands;

/// <summary><c>neardup cluster INPUT</c>: groups each story with its copies.</summary>
internal sealed class ClusterCommand
{
    private readonly CommonOptions _common = new();
    private readonly Argument<string?> _input = new("INPUT") { Description = $"Documents: {InputHelp.Inputs}", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> _index = new("--index", "-i") { Description = "Cluster the documents of this index folder (neardup index build) instead of reading INPUT" };
    private readonly Option<string?> _output = new("--out", "-o") { Description = "Write the clusters here (default: stdout); written to a temporary name, then renamed" };
    private readonly Option<string> _format = new("--format", "-f") { Description = "jsonl (one object per cluster), csv or parquet (one row per member), or text (a summary for people)", DefaultValueFactory = _ => "jsonl" };
    private readonly Option<bool> _pairs = new("--pairs") { Description = "Write every verified pair with its scores instead of clusters" };
    private readonly Option<string?> _html = new("--html") { Description = "Also write the HTML report of the clusters here (see neardup report)" };
    private readonly Option<string> _kinds = new("--kinds")
    {
        Description = "Roles a copy may have and stay in its cluster (comma-separated: exact, syndicated, rewritten, excerpt); a copy of another role becomes a singleton",
        DefaultValueFactory = _ => "exact,syndicated,rewritten,excerpt",
    };

    public static Command Create() => new ClusterCommand().Build();

    private Command Build()
    {
        _format.AcceptOnlyFromAmong("jsonl", "csv", "parquet", "text");
        var command = new Command("cluster", "Group each story with its copies (exact, syndicated, rewritten, excerpt); every document lands in one cluster. "
            + "What makes a copy: --min-containment, --min-shared, --passage-shingles; what is reported: --min-jaccard, a given --min-containment, --kinds; "
            + "--lsh-threshold only tunes the candidate index.")
        {
            _input, _index, _output, _format, _pairs, _html, _kinds,
        };
        _common.AddInputOptions(command);
        _common.AddEngineOptions(command);
        _common.AddSpillChoice(command);
        _common.AddBoundOptions(command);
        _common.AddOutputOptions(command);
        command.SetAction(parseResult => CommandRunner.Run(() => Execute(parseResult), parseResult.GetValue(_index)));
        return command;
    }

    private int Execute(ParseResult parseResult)
    {
        using var cancel = CommandRunner.CancelOnCtrlC();
        var (outputFormat, filter) = Check(parseResult);
        string? input = parseResult.GetValue(_input), indexDirectory = parseResult.GetValue(_index), htmlPath = parseResult.GetValue(_html);
        bool pairs = parseResult.GetValue(_pairs), quiet = parseResult.GetValue(_common.Quiet);
        var inputOptions = _common.GetInputOptions(parseResult);
        var saved = indexDirectory is null ? null : IndexInfo.Read(indexDirectory).Options;
        var pipeline = new CorpusPipeline(inputOptions, _common.GetEngineOptions(parseResult, saved, input), quiet, parseResult.GetValue(_common.Verbose) && !quiet);
        var run = indexDirectory is not null
            ? pipeline.RunIndex(indexDirectory, pairs, cancel.Token)
            : pipeline.Run(input!, pairs || htmlPath is not null, cancel.Token);
        var result = run.Result.Filter(filter);
        string? outPath = parseResult.GetValue(_output);
        var described = pairs ? PairTexts.Describe(input, inputOptions, result.Pairs) : null;
        Action<Stream> write = pairs
            ? stream => ClusterWriter.WritePairs(stream, result.Pairs, outputFormat, described)
            : stream => ClusterWriter.WriteClusters(stream, result.Clusters, outputFormat);
        cancel.Token.ThrowIfCancellationRequested();
        OutputFile.Write("--out", outPath, write);
        if (htmlPath is not null)
        {
            WriteHtml(input!, inputOptions, result, outPath, outputFormat, htmlPath, quiet);
        }
        if (!quiet)
        {
            int copies = result.Clusters.Sum(c => c.Members.Count - 1);
            Console.Error.WriteLine($"{result.Statistics.Documents:N0} documents, {result.Clusters.Count:N0} clusters, {copies:N0} copies; {run.Seconds:0.00} s"
                + (OutputFile.IsStdout(outPath) ? "" : $"; wrote {outPath}"));
            if (run.Read is not null)
            {
                SkippedDocuments.Report(run.Read.Reader);
            }
        }
        return 0;
    }

    /// <summary>Checks the flags against each other and the output paths before any work; returns the output format and bounds.</summary>
    private (OutputFormat Format, OutputFilter Filter) Check(ParseResult parseResult)
    {
        string? htmlPath = parseResult.GetValue(_html);
        bool pairs = parseResult.GetValue(_pairs);
        if (htmlPath is not null && (parseResult.GetValue(_input) is null or "-" || pairs))
        {
            throw new InputException("--html needs the documents again to draw them: give INPUT as a file or folder (not - or --index), and no --pairs.");
        }
        var outputFormat = Enum.Parse<OutputFormat>(parseResult.GetValue(_format)!, ignoreCase: true);
        if (outputFormat == OutputFormat.Parquet && pairs)
        {
            throw new InputException("--format parquet writes clusters, one row per member; --pairs is written as jsonl, csv or text.");
        }
        if ((parseResult.GetValue(_index) is null) == (parseResult.GetValue(_input) is null))
        {
            throw new InputException("give either INPUT (a folder, a .jsonl file or -) or --index DIR (a saved index), not both or neither.");
        }
        if (pairs && parseResult.GetResult(_kinds) is { Implicit: false })
        {
            throw new InputException("--kinds restricts the roles of cluster members; --pairs lists pairs, which have no role: give one or the other.");
        }
        var filter = _common.GetOutputFilter(parseResult, CommonOptions.ParseKinds(parseResult.GetValue(_kinds)!, allowTemplate: false));
        OutputFile.Check("--out", parseResult.GetValue(_output));
        if (htmlPath is not null)
        {
            OutputFile.Check("--html", htmlPath);
        }
        return (outputFormat, filter);
    }

    /// <summary>
    /// The links between clusters the report lists: the reuse links, each with its kind read from the texts, and the
    /// copy links (<see cref="Report.ReportLink.FromPairs"/> keeps those whose documents sit in different clusters).
    /// </summary>
    private static IReadOnlyList<Report.ReportLink> LinksBetween(string input, InputOptions options, IReadOnlyList<VerifiedPair> pairs, IReadOnlyList<Report.ReportCluster> clusters)
    {
        var reuse = pairs.Where(p => p.Relation == PairRelation.Reuse).ToArray();
        var described = PairTexts.Describe(input, options, reuse);
        var copies = pairs.Where(p => p.Relation == PairRelation.Copy).Select(p => (p.First, p.Second, "copy", (string?)null, p.SharedShingles, p.Containment));
        return Report.ReportLink.FromPairs(
            reuse.Select((p, k) => (p.First, p.Second, "reuse", described?[k]?.Kind, p.SharedShingles, p.Containment)).Concat(copies), clusters);
    }

    /// <summary>The report of the result in memory; it names the clusters file when the output is one a reader can open again.</summary>
    private static void WriteHtml(string input, InputOptions inputOptions, ClusteringResult result, string? outPath, OutputFormat format, string htmlPath, bool quiet)
    {
        try
        {
            bool namesFile = !OutputFile.IsStdout(outPath) && format == OutputFormat.Jsonl && NearDup.Internal.FileProbe.Kind(outPath) == NearDup.Internal.FileKind.Regular;
            var reportClusters = result.Clusters.Select(Report.ReportCluster.From).ToArray();
            var model = Report.ReportWriter.Write(input, needed => DocumentTexts.Load(input, inputOptions, needed), reportClusters,
                namesFile ? outPath! : "(computed by neardup cluster)", htmlPath, Report.ReportOptions.Default, Report.ReportClock.Now(),
                clusters => LinksBetween(input, inputOptions, result.Pairs, clusters));
            if (!quiet)
            {
                Console.Error.WriteLine($"wrote {htmlPath}: {model.Groups.Count:N0} clusters of 2+ documents");
            }
        }
        catch (Report.ReportInputException e)
        {
            throw new InputException(e.Message);
        }
    }
}
