using System.Diagnostics;
using NearDup.Cli.Input;
using NearDup.Clustering;

namespace NearDup.Cli.Pipeline;

/// <summary>
/// The one path from documents to clusters that <c>cluster</c>, <c>index</c>, <c>query</c> and <c>bench</c> share: read a
/// corpus into a <see cref="DuplicateDetector"/> (or open a saved index), cluster it with progress on stderr, and hand
/// back a <see cref="CorpusRun"/>. The options arrive already mapped from the flags, in one place
/// (<see cref="Commands.CommonOptions.GetEngineOptions"/>); a command adds only what it writes.
/// </summary>
/// <param name="input">How documents are read (formats, fields, globs).</param>
/// <param name="engine">The engine options, index overlay included.</param>
/// <param name="quiet">Nothing on stderr but errors.</param>
/// <param name="verbose">Counts and timings of every stage on stderr.</param>
internal sealed class CorpusPipeline(InputOptions input, NearDupOptions engine, bool quiet, bool verbose)
{
    /// <summary>How documents are read.</summary>
    public InputOptions Input => input;

    /// <summary>The engine options of the run.</summary>
    public NearDupOptions Engine => engine;

    /// <summary>Nothing on stderr but errors.</summary>
    public bool Quiet => quiet;

    /// <summary>Reads, sketches and clusters the corpus at <paramref name="inputPath"/>.</summary>
    public CorpusRun Run(string inputPath, bool includePairs, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var detector = new DuplicateDetector(engine);
        var reader = new DocumentReader(inputPath, input);
        using var line = new ConsoleProgress("reading", quiet, () => reader.BytesRead, () => reader.TotalBytes);
        // Batches: a JSONL file's lines are parsed by the sketching threads, straight from the reader's buffers.
        var clockRead = Stopwatch.StartNew();
        long added = detector.AddBatches(reader.ReadBatches(), new ReadProgress(line, MemoryWatch.For(engine, quiet)), cancellationToken);
        var read = new CorpusRead(reader, added, clockRead.Elapsed.TotalSeconds);
        line.Stage("clustering ...");
        var run = Cluster(detector, read, includePairs, line, clock, cancellationToken);
        if (verbose)
        {
            WriteStatistics(run);
        }
        return run;
    }

    /// <summary>Clusters the documents of the index in <paramref name="directory"/>, loaded with this pipeline's options.</summary>
    public CorpusRun RunIndex(string directory, bool includePairs, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var detector = OpenIndex(directory);
        using var line = new ConsoleProgress("clustering", quiet, () => 0, () => 0);
        return Cluster(detector, read: null, includePairs, line, clock, cancellationToken);
    }

    /// <summary>
    /// Loads the index in <paramref name="directory"/> with this pipeline's options (the saved ones with the flags given
    /// laid over them); the library refuses an option that shapes sketches if it differs from the index's.
    /// </summary>
    public DuplicateDetector OpenIndex(string directory) => DuplicateDetector.Load(directory, engine);

    /// <summary>
    /// Reads <paramref name="inputPath"/> into <paramref name="detector"/> with a progress line, as <see cref="Run"/> does
    /// (a JSONL file's lines parsed by the sketching threads), passing the batches through <paramref name="select"/>
    /// first (index add leaves out ids the index holds).
    /// </summary>
    public CorpusRead Read(DuplicateDetector detector, string inputPath, Func<IEnumerable<DocumentBatch>, IEnumerable<DocumentBatch>> select,
        CancellationToken cancellationToken)
    {
        var reader = new DocumentReader(inputPath, input);
        using var line = new ConsoleProgress("reading", quiet, () => reader.BytesRead, () => reader.TotalBytes);
        var clock = Stopwatch.StartNew();
        long added = detector.AddBatches(select(reader.ReadBatches()), new ReadProgress(line, MemoryWatch.For(engine, quiet)), cancellationToken);
        return new CorpusRead(reader, added, clock.Elapsed.TotalSeconds);
    }

    private CorpusRun Cluster(DuplicateDetector detector, CorpusRead? read, bool includePairs, ConsoleProgress line, Stopwatch clock,
        CancellationToken cancellationToken)
    {
        var clusterClock = Stopwatch.StartNew();
        using var stages = new ClusteringStageProgress(line, verbose);
        var result = detector.Cluster(includePairs, stages, cancellationToken);
        stages.Done();
        return new CorpusRun(result, read, clusterClock.Elapsed.TotalSeconds, clock.Elapsed.TotalSeconds, detector.LshParameters);
    }

    private static void WriteStatistics(CorpusRun run)
    {
        var s = run.Result.Statistics;
        double readSeconds = run.Read!.Seconds;
        Console.Error.WriteLine();
        Console.Error.WriteLine($"read+sketch {readSeconds:0.00} s ({run.Read.Reader.BytesRead / 1e6 / Math.Max(readSeconds, 1e-6):0.0} MB/s); "
            + $"candidates+verify {s.CandidateSeconds:0.00} s (strong {s.StrongSeconds:0.00}, boilerplate {s.BoilerplateSeconds:0.00}, "
            + $"weak {s.CandidateSeconds - s.StrongSeconds - s.BoilerplateSeconds:0.00}); cluster {s.ClusterSeconds:0.00} s");
        Console.Error.WriteLine($"LSH b={run.Lsh.Bands} r={run.Lsh.Rows}; {s.StrongGroups:N0} groups; "
            + $"{s.StrongCandidates:N0} LSH/SimHash and {s.AnchorCandidates:N0} anchor candidates; {s.VerifiedPairs:N0} verified pairs and {s.ReuseLinks:N0} reuse links; "
            + $"{s.CommonFingerprints:N0} boilerplate fingerprints; index {s.IndexBytes / 1e6:0.0} MB ({(double)s.IndexBytes / Math.Max(1, s.Documents):0} B/doc)"
            + (s.SpilledBytes > 0 ? $"; spilled {s.SpilledBytes / 1e6:0.0} MB" : ""));
    }
}
