using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace NearDup.Clustering;

/// <summary>
/// Batches read on a thread of their own, up to a bounded number ahead of their consumer, so that reading (and, for the
/// library's documents, the caller's parsing) overlaps the consumer's work on the batches before; memory stays at a few
/// batches. Disposing stops the reading thread and gives back the buffers of batches read but never taken.
/// </summary>
internal sealed class BatchReadAhead : IDisposable
{
    private readonly BlockingCollection<DocumentBatch> _queue;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationToken _cancellationToken;
    private readonly Task _reader;
    private ExceptionDispatchInfo? _readError;
    private bool _stopped;

    /// <summary>Starts reading <paramref name="batches"/>, at most <paramref name="ahead"/> of them before the consumer takes one.</summary>
    public BatchReadAhead(IEnumerable<DocumentBatch> batches, int ahead, CancellationToken cancellationToken)
    {
        _queue = new BlockingCollection<DocumentBatch>(boundedCapacity: ahead);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _cancellationToken = cancellationToken;
        _reader = Task.Factory.StartNew(() => Read(batches), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The batches in the order read; ends when the reading does (its error, if any, is <see cref="Finish"/>'s).</summary>
    public IEnumerable<DocumentBatch> Batches => _queue.GetConsumingEnumerable(_cancellationToken);

    /// <summary>Stops the reading; throws what ended it early, if anything: after the batches read before it were consumed, as a sequential reader would.</summary>
    public void Finish()
    {
        Stop();
        _readError?.Throw();
    }

    /// <summary>Stops the reading (a consumer that stopped first: its error is the one to report).</summary>
    public void Dispose()
    {
        Stop();
        _queue.Dispose();
        _stop.Dispose();
    }

    private void Read(IEnumerable<DocumentBatch> batches)
    {
        try
        {
            foreach (var batch in batches)
            {
                _queue.Add(batch, _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The consumer stopped first; its error is the one to report.
        }
        catch (Exception e)
        {
            _readError = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            _queue.CompleteAdding();
        }
    }

    private void Stop()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        _stop.Cancel();
        _reader.Wait(CancellationToken.None);
        // Batches read ahead of a consumer that stopped early give their buffers back.
        while (_queue.TryTake(out var left))
        {
            left.Sketched();
        }
    }
}
