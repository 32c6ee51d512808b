using NearDup.Internal;
using NearDup.Persistence;

namespace NearDup.Clustering;

/// <summary>Saving and loading the sketches: the persistent index (format in docs/index-format.md).</summary>
public sealed partial class DuplicateDetector
{
    /// <summary>Name of the index file that <see cref="Save(string)"/> writes inside its folder.</summary>
    public const string IndexFileName = IndexFormat.FileName;

    /// <summary>The index format version this library writes, and the newest it reads.</summary>
    public const int IndexFormatVersion = IndexFormat.Version;

    /// <summary>The index is read and written section by section, front to back: one system call per MiB.</summary>
    private const int IndexFileBuffer = 1 << 20;

    /// <summary>
    /// Saves the documents' sketches and the options to <c>index.ndup</c> in <paramref name="directory"/> (created if missing).
    /// The file is written under a temporary name in the same folder, flushed to disk and renamed over the old one, so a
    /// crash or a full disk leaves the previous index intact; the temporary file is deleted on failure, and one left by
    /// a killed save is deleted by the next. An index file that is a symbolic link keeps the link: its target is replaced.
    /// </summary>
    /// <remarks>
    /// Takes a snapshot under the lock (the list of present documents; stored sketches never change), then writes without it: adds,
    /// removes and queries on other threads go on meanwhile, and the file holds exactly the documents present at
    /// the instant of the snapshot. The same set of documents always gives the same bytes.
    /// </remarks>
    /// <exception cref="IOException">The file cannot be written (the old index, if any, is left as it was).</exception>
    public void Save(string directory) => Save(directory, wrap: null, codecs: null);

    /// <summary>Writes the index to a stream (see <see cref="Save(string)"/> for what is written and when).</summary>
    public void Save(Stream stream) => Save(stream, codecs: null);

    /// <summary>Loads the index in <paramref name="directory"/> with the options it was saved with.</summary>
    /// <exception cref="FileNotFoundException">The folder holds no index file.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is truncated or corrupt (the message names the section), not an index, or of a newer format version
    /// (the message names both versions). Nothing is loaded unless every checksum matches.
    /// </exception>
    public static DuplicateDetector Load(string directory) => Load(directory, options: null);

    /// <summary>
    /// Loads the index in <paramref name="directory"/> with other clustering thresholds than it was saved with. Options
    /// that shape a sketch (<see cref="NearDupOptions.Shingles"/>, <see cref="NearDupOptions.MinHash"/>,
    /// <see cref="NearDupOptions.LshThreshold"/>, <see cref="NearDupOptions.SampleRate"/>) must equal the saved ones.
    /// </summary>
    /// <exception cref="ArgumentException">An option that shapes sketches differs from the index's; the message names it.</exception>
    /// <inheritdoc cref="Load(string)"/>
    public static DuplicateDetector Load(string directory, NearDupOptions? options)
    {
        // A large index not in the page cache is read past it (a load reads it once).
        using var stream = Internal.DirectFileStream.InPlaceOf(OpenIndexFile(directory, bufferSize: IndexFileBuffer));
        return LoadFrom(stream, options);
    }

    /// <summary>Loads an index written by <see cref="Save(Stream)"/>; the stream must hold the index and nothing after it.</summary>
    /// <inheritdoc cref="Load(string, NearDupOptions?)"/>
    public static DuplicateDetector Load(Stream stream, NearDupOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return LoadFrom(stream, options);
    }

    private static DuplicateDetector LoadFrom(Stream stream, NearDupOptions? options)
    {
        // The saved options never name a spill folder (it is not saved): only given options do.
        options?.Validate();
        var spill = options?.SpillDirectory is { } directory ? new FingerprintSpill(directory, options.SpillDirectFromBytes ?? FingerprintSpill.DirectWritesFrom()) : null;
        try
        {
            return FromContents(IndexReader.Read(stream, spill: spill), options, spill);
        }
        catch
        {
            spill?.Dispose();
            throw;
        }
    }

    /// <summary>Path of the index file in an index folder.</summary>
    public static string IndexPath(string directory) => Path.Combine(directory, IndexFileName);

    internal void Save(Stream stream, IndexCodecs? codecs)
    {
        ArgumentNullException.ThrowIfNull(stream);
        IndexWriter.Write(stream, Snapshot(), codecs);
    }

    /// <summary>Save to a folder; <paramref name="wrap"/> lets tests put a failing stream in front of the file (a full disk).</summary>
    internal void Save(string directory, Func<Stream, Stream>? wrap, IndexCodecs? codecs)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var snapshot = Snapshot();
        Directory.CreateDirectory(directory);
        AtomicFile.Write(IndexPath(directory), file =>
        {
            var target = wrap?.Invoke(file) ?? file;
            IndexWriter.Write(target, snapshot, codecs);
            target.Flush();
        }, bufferSize: IndexFileBuffer);
    }

    /// <summary>
    /// The options and the sketches present now (stored sketches never change, so the list of them is a snapshot), with
    /// the query state of the last clustering when it was made over exactly these documents: an add or remove since then
    /// leaves it out, so a saved index never holds a state of other documents.
    /// </summary>
    internal IndexSnapshot Snapshot()
    {
        ClusterIndex? index;
        lock (_lock)
        {
            index = _index;
        }
        var docs = Documents();
        return new(Options, LshParameters, docs, index is not null && index.Covers(docs) ? index.ToSavedState() : null);
    }

    internal static FileStream OpenIndexFile(string directory, int bufferSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{directory}: no such index folder.");
        }
        string path = IndexPath(directory);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{directory}: not a NearDup index folder ({IndexFileName} is missing).", path);
        }
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, FileOptions.SequentialScan);
    }

    private static DuplicateDetector FromContents(IndexContents contents, NearDupOptions? options, FingerprintSpill? spill)
    {
        var saved = contents.Options;
        if (options is not null)
        {
            CheckSame(options.Shingles, saved.Shingles, nameof(NearDupOptions.Shingles));
            CheckSame(options.MinHash, saved.MinHash, nameof(NearDupOptions.MinHash));
            CheckSame(options.LshThreshold, saved.LshThreshold, nameof(NearDupOptions.LshThreshold));
            CheckSame(options.SampleRate, saved.SampleRate, nameof(NearDupOptions.SampleRate));
        }
        var detector = new DuplicateDetector(options ?? saved, spill, createSpill: false);
        if (detector.LshParameters.Bands != contents.Bands || detector.LshParameters.Rows != contents.Rows)
        {
            throw new InvalidDataException($"NearDup index was written with LSH b={contents.Bands} r={contents.Rows}, but this library derives "
                + $"b={detector.LshParameters.Bands} r={detector.LshParameters.Rows} from its options; rebuild the index with this version.");
        }
        var store = contents.Documents!;
        var index = StartQueryState(contents, detector.Options, saved);
        lock (detector._lock)
        {
            detector._store = store;
            detector._documents.EnsureCapacity(store.Count);
            for (int slot = 0; slot < store.Count; slot++)
            {
                detector._documents.Add(store.Id(slot), slot);
            }
        }
        if (index is not null)
        {
            var built = index.GetAwaiter().GetResult();
            lock (detector._lock)
            {
                detector._index = built;
            }
        }
        return detector;
    }

    /// <summary>
    /// Starts building the saved query state on a thread-pool thread, or returns null when there is none to use (the
    /// saved state is that of a clustering with the saved options: other thresholds cluster again). It is built over
    /// the store's documents in slot order, the order the loader enters them in, so it runs while the ids are entered.
    /// </summary>
    private static Task<ClusterIndex>? StartQueryState(IndexContents contents, NearDupOptions options, NearDupOptions saved)
    {
        if (contents.QueryState is not { } state || !SameThresholds(options, saved))
        {
            return null;
        }
        var store = contents.Documents!;
        var docs = new DocumentTable(store, [.. Enumerable.Range(0, store.Count)]);
        return Task.Run(() => ClusterIndex.FromSaved(docs, options, state));
    }

    /// <summary>Whether two options cluster alike: equal but for the machine's (threads, spill folder), which results never depend on.</summary>
    private static bool SameThresholds(NearDupOptions options, NearDupOptions saved) =>
        options with { MaxDegreeOfParallelism = saved.MaxDegreeOfParallelism, SpillDirectory = saved.SpillDirectory } == saved;

    private static void CheckSame<T>(T given, T saved, string name)
    {
        if (!EqualityComparer<T>.Default.Equals(given, saved))
        {
            throw new ArgumentException($"NearDupOptions.{name} is {given} but the index was built with {saved}; options that shape sketches "
                + "must match the index (only clustering thresholds may differ). Rebuild the index to change them.", "options");
        }
    }
}
