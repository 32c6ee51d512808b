using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using NearDup.Cli.Input;
using NearDup.Cli.Output;
using NearDup.Cli.Pipeline;
using NearDup.Clustering;
using NearDup.Persistence;

namespace NearDup.Cli.Commands;

/// <summary>
/// <c>neardup query DIR INPUT</c>: for each document of INPUT, the documents of the index it copies or that copy it,
/// as JSONL: <c>{"id":…,"matches":[{"id":…,"cluster":…,"role":…,"jaccard":…,"containment":…}]}</c>, in input order.
/// The index is not changed.
/// </summary>
internal static class QueryCommand
{
    /// <summary>Lines written at a time: what a run stopped by a bad record has written before it is whole chunks of these.</summary>
    private const int WriteSize = 1024;

    private static readonly JsonWriterOptions s_jsonOptions = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var common = new CommonOptions();
        var directory = new Argument<string>("DIR") { Description = "The index folder" };
        var input = new Argument<string>("INPUT") { Description = $"Documents to look up: {InputHelp.Inputs}" };
        var output = new Option<string?>("--out", "-o") { Description = "Write the matches here (default: stdout); written to a temporary name, then renamed" };
        var command = new Command("query", "Find the copies of each input document in an index (the index is not changed); JSONL, one line per input document. "
            + "Shingle size, permutations, LSH threshold and sample rate are the index's; the clustering thresholds may be given.")
        {
            directory, input, output,
        };
        common.AddInputOptions(command);
        common.AddThresholdOptions(command);
        common.AddOutputOptions(command);
        command.SetAction(parseResult =>
        {
            string dir = parseResult.GetValue(directory)!;
            return CommandRunner.Run(() =>
            {
                using var cancel = CommandRunner.CancelOnCtrlC();
                bool quiet = parseResult.GetValue(common.Quiet);
                bool verbose = parseResult.GetValue(common.Verbose) && !quiet;
                OutputFile.Check("--out", parseResult.GetValue(output));
                var clock = Stopwatch.StartNew();
                var engine = common.GetEngineOptions(parseResult, IndexInfo.Read(dir).Options);
                using var detector = new CorpusPipeline(common.GetInputOptions(parseResult), engine, quiet, verbose).OpenIndex(dir);
                double loadSeconds = clock.Elapsed.TotalSeconds;
                // Queries use what a clustering run leaves (saved in the index from format 6 on, else clustered here) and
                // the query indexes; both are built once, up front, so the timing below is the queries'.
                bool saved = detector.HasQueryState;
                detector.PrepareQueries(cancel.Token);
                double clusterSeconds = clock.Elapsed.TotalSeconds - loadSeconds;
                var reader = new DocumentReader(parseResult.GetValue(input)!, common.GetInputOptions(parseResult));
                long queried = 0, matched = 0;
                var queryClock = new Stopwatch();
                void Write(Stream stream)
                {
                    queryClock.Start();
                    (queried, matched) = Run(detector, reader.ReadBatches(), stream, engine.MaxDegreeOfParallelism, cancel.Token);
                    queryClock.Stop();
                }
                string? outPath = parseResult.GetValue(output);
                OutputFile.Write("--out", outPath, Write);
                if (!quiet)
                {
                    double seconds = queryClock.Elapsed.TotalSeconds;
                    Console.Error.WriteLine($"queried {queried:N0} documents against {detector.Count:N0}: {matched:N0} have copies in the index; "
                        + $"{seconds:0.00} s ({queried / Math.Max(seconds, 1e-9):N0} docs/s read+sketch+query)"
                        + (verbose ? $"; load {loadSeconds:0.00} s, index build {clusterSeconds:0.00} s ({(saved ? "query state saved in the index" : "clustered")})" : "")
                        + (OutputFile.IsStdout(outPath) ? "" : $"; wrote {outPath}"));
                    SkippedDocuments.Report(reader);
                }
                return 0;
            }, dir);
        });
        return command;
    }

    /// <summary>
    /// Queries the input's batches on all cores, each record parsed, sketched and queried by one thread
    /// (<see cref="QueryBatch"/>), and writes the lines in input order, <see cref="WriteSize"/> documents at a time, on a
    /// task of its own while the next batch is queried (on the querying thread, the writing would leave the other core
    /// idle); returns (queried, with matches). A bad record stops the run after the whole chunks of lines before it.
    /// </summary>
    public static (long Queried, long Matched) Run(DuplicateDetector detector, IEnumerable<DocumentBatch> batches, Stream stream, int threads, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        var querying = new QueryBatch();
        var lines = new List<QueryLine>();
        long queried = 0, matched = 0;
        // Console streams are unbuffered: one write per line would cost a system call each.
        var buffered = new BufferedStream(stream, 1 << 16);
        using var json = new Utf8JsonWriter(buffered, s_jsonOptions);
        var written = Task.CompletedTask;
        try
        {
            foreach (var batch in batches)
            {
                querying.Query(detector, batch, parallel);
                try
                {
                    querying.Commit(batch, lines);
                }
                finally
                {
                    // On an error too: the lines before the bad record go out in whole chunks, as they would have had it not come.
                    written.GetAwaiter().GetResult();
                    var chunk = TakeWholeChunks(lines);
                    queried += chunk.Count;
                    written = Task.Run(() => matched += Write(json, buffered, chunk));
                }
            }
            written.GetAwaiter().GetResult();
            queried += lines.Count;
            matched += Write(json, buffered, lines);
        }
        finally
        {
            // Leave no task writing to the stream once this returns; its failure, if any, was thrown above or loses to
            // the exception already on its way.
            written.ContinueWith(static _ => { }, TaskScheduler.Default).Wait(CancellationToken.None);
        }
        buffered.Flush();
        return (queried, matched);
    }

    /// <summary>Takes the first lines of <paramref name="lines"/>, as many as make whole chunks of <see cref="WriteSize"/>.</summary>
    private static List<QueryLine> TakeWholeChunks(List<QueryLine> lines)
    {
        int whole = lines.Count - lines.Count % WriteSize;
        var chunk = lines.GetRange(0, whole);
        lines.RemoveRange(0, whole);
        return chunk;
    }

    /// <summary>Writes <paramref name="lines"/> in order; returns how many of their documents have matches.</summary>
    private static int Write(Utf8JsonWriter json, Stream stream, List<QueryLine> lines)
    {
        int matched = 0;
        foreach (var line in lines)
        {
            QueryLineWriter.Write(json, stream, line.Id, line.Matches, withCluster: true);
            matched += line.Matches.Count > 0 ? 1 : 0;
        }
        return matched;
    }
}
