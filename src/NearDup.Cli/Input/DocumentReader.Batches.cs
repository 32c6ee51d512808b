using System.Runtime.ExceptionServices;
using NearDup.Clustering;

namespace NearDup.Cli.Input;

/// <summary>
/// The parallel path: lines (or files) are read in order into batches, each batch is parsed on up to
/// <see cref="InputOptions.MaxDegreeOfParallelism"/> threads, and the consumer commits the results in input order while
/// the next batch is read and parsed. At most two batches are alive: the one being yielded and the one being built.
/// </summary>
internal sealed partial class DocumentReader
{
    /// <summary>Lines per batch: enough to spread over the cores, few enough that the first documents come quickly.</summary>
    private const int MaxBatchLines = 512;

    /// <summary>Bytes per batch before the next line starts a new one (a single longer line makes a batch of its own).</summary>
    private const int MaxBatchBytes = 4 << 20;

    /// <summary>
    /// What one line or file parsed to, before <see cref="Commit(in Parsed)"/>: a document, a problem (the message after
    /// <c>file:line: </c>), an exception to rethrow in the line's place, or none of them for a blank line.
    /// </summary>
    private readonly record struct Parsed(string Source, long Line, DocumentInput? Document = null, string? Problem = null, ExceptionDispatchInfo? Error = null);

    /// <summary>A batch of parsed lines or files in input order; <see cref="End"/> is a read error after the last of them.</summary>
    private sealed class Batch(int capacity)
    {
        public Parsed[] Items { get; } = new Parsed[capacity];

        public int Count { get; set; }

        public bool IsLast { get; set; }

        public ExceptionDispatchInfo? End { get; set; }
    }

    /// <summary>
    /// Yields the documents of the batches <paramref name="next"/> reads, in order, reading and parsing the next batch on
    /// the thread pool while this one is consumed. Disposing the enumerator early (the consumer stopped, or failed)
    /// cancels that work and waits for it, so no thread outlives the enumerator and no exception goes unobserved.
    /// </summary>
    private IEnumerable<DocumentInput> ReadBatches(Func<CancellationToken, Batch> next)
    {
        using var stop = new CancellationTokenSource();
        Task<Batch>? pending = Task.Run(() => next(stop.Token));
        try
        {
            while (pending is not null)
            {
                var batch = pending.GetAwaiter().GetResult();
                // The reader is single-threaded: the next batch starts only once this one is read and parsed.
                pending = batch.IsLast ? null : Task.Run(() => next(stop.Token));
                for (int i = 0; i < batch.Count; i++)
                {
                    var document = Commit(batch.Items[i]);
                    batch.Items[i] = default;
                    if (document is not null)
                    {
                        yield return document.Value;
                    }
                }
                batch.End?.Throw();
            }
        }
        finally
        {
            if (pending is not null)
            {
                stop.Cancel();
                try
                {
                    pending.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // Cancelled, or failed reading ahead of a consumer that has stopped: nothing to report.
                }
            }
        }
    }

    /// <summary>Parses the items of a batch on up to MaxDegreeOfParallelism threads; an exception thrown becomes the item's, rethrown in order.</summary>
    private void ParseParallel(Batch batch, Func<int, Parsed> parse, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, batch.Count, parallel, i =>
        {
            try
            {
                batch.Items[i] = parse(i);
            }
            catch (Exception e)
            {
                batch.Items[i] = batch.Items[i] with { Error = ExceptionDispatchInfo.Capture(e) };
            }
        });
    }

    /// <summary>The lines of a JSONL stream, one at a time (the sequential path) or as parsed batches.</summary>
    private sealed class JsonLines(DocumentReader reader, Stream stream, string name)
    {
        private readonly LineReader _lines = new(stream, reader.MaxLineBytes);
        private readonly int[] _starts = new int[MaxBatchLines];
        private readonly int[] _lengths = new int[MaxBatchLines];
        private byte[] _buffer = [];

        /// <summary>Number of the line last read, from 1 (plus the reader's <see cref="LineOffset"/>).</summary>
        public long LineNumber { get; private set; } = reader.LineOffset;

        /// <summary>
        /// Reads the next line of the reader's (valid until the next call), past those of other stripes; a truncated or
        /// corrupt gzip file is an <see cref="InputException"/>.
        /// </summary>
        public bool TryReadLine(out ReadOnlyMemory<byte> line, out bool tooLong)
        {
            do
            {
                try
                {
                    if (!_lines.TryReadLine(out line, out tooLong))
                    {
                        return false;
                    }
                }
                catch (InvalidDataException e)
                {
                    throw new InputException($"{name}: {e.Message}");
                }
                LineNumber++;
            }
            while (!reader.ReadsLine(LineNumber));
            return true;
        }

        /// <summary>
        /// Reads up to <see cref="MaxBatchLines"/> lines or <see cref="MaxBatchBytes"/> bytes, copied into a buffer of the
        /// reader's own (the line reader reuses its memory), then parses them in parallel. A read error ends the batch.
        /// </summary>
        public Batch ReadBatch(CancellationToken cancellationToken)
        {
            if (_buffer.Length > 2 * MaxBatchBytes)
            {
                // Let go of the room a huge line needed; a batch's documents hold copies, never this buffer.
                _buffer = [];
            }
            var batch = new Batch(MaxBatchLines);
            int used = 0;
            try
            {
                while (batch.Count < MaxBatchLines && used < MaxBatchBytes)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!TryReadLine(out var line, out bool tooLong))
                    {
                        batch.IsLast = true;
                        break;
                    }
                    int i = batch.Count++;
                    if (tooLong)
                    {
                        batch.Items[i] = reader.TooLong(name, LineNumber);
                        _starts[i] = -1;
                        continue;
                    }
                    if (_buffer.Length - used < line.Length)
                    {
                        // Room for this line; at first, for a whole batch of ordinary lines (the batch ends after MaxBatchBytes).
                        long size = Math.Max((long)used + line.Length, Math.Max(2L * _buffer.Length, MaxBatchBytes + (MaxBatchBytes >> 2)));
                        Array.Resize(ref _buffer, (int)Math.Min(size, Array.MaxLength));
                    }
                    line.Span.CopyTo(_buffer.AsSpan(used));
                    batch.Items[i] = new Parsed(name, LineNumber);
                    _starts[i] = used;
                    _lengths[i] = line.Length;
                    used += line.Length;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Reported after the lines before it, as the sequential path would.
                batch.End = ExceptionDispatchInfo.Capture(e);
                batch.IsLast = true;
            }
            reader.ParseParallel(batch, i => _starts[i] < 0 ? batch.Items[i] : reader.ParseLine(_buffer.AsSpan(_starts[i], _lengths[i]), name, batch.Items[i].Line), cancellationToken);
            return batch;
        }
    }

    /// <summary>The files of a folder as batches, read and checked in parallel.</summary>
    private sealed class TextFiles(DocumentReader reader, List<(string Path, string Id, long Length)> files)
    {
        private int _next;

        /// <summary>Reads up to <see cref="MaxBatchLines"/> files or about <see cref="MaxBatchBytes"/> bytes (by their listed sizes).</summary>
        public Batch ReadBatch(CancellationToken cancellationToken)
        {
            int first = _next;
            long bytes = 0;
            while (_next < files.Count && _next - first < MaxBatchLines && bytes < MaxBatchBytes)
            {
                bytes += files[_next].Length;
                _next++;
            }
            var batch = new Batch(_next - first) { Count = _next - first, IsLast = _next == files.Count };
            reader.ParseParallel(batch, i => reader.ReadTextFile(files[first + i].Path, files[first + i].Id), cancellationToken);
            return batch;
        }
    }
}
