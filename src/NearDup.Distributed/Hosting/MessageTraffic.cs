using System.Diagnostics.Metrics;

namespace NearDup.Distributed.Hosting;

/// <summary>
/// Counts the Orleans messages this process sends and receives over its connections, and their bytes (header and body),
/// from Orleans' own instruments (meter <c>Microsoft.Orleans</c>, histograms <c>orleans-messaging-sent-messages-size</c>
/// and <c>orleans-messaging-received-messages-size</c>, recorded once per message written to or read from a socket).
/// Calls between grains of one silo do not cross a connection and are not counted. This is what "bytes sent per
/// document" is measured with (docs/scale-out.md): the sum over the client and every silo, divided by the documents.
/// </summary>
public sealed class MessageTraffic : IDisposable
{
    /// <summary>The meter Orleans records its messaging instruments on.</summary>
    public const string MeterName = "Microsoft.Orleans";

    private const string SentInstrument = "orleans-messaging-sent-messages-size";
    private const string ReceivedInstrument = "orleans-messaging-received-messages-size";

    private readonly MeterListener _listener = new();
    private long _sentMessages, _sentBytes, _receivedMessages, _receivedBytes;

    private MessageTraffic()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name is SentInstrument or ReceivedInstrument)
            {
                listener.EnableMeasurementEvents(instrument, instrument.Name == SentInstrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, bytes, _, state) => Record(state is true, bytes));
        _listener.SetMeasurementEventCallback<long>((_, bytes, _, state) => Record(state is true, bytes));
        _listener.Start();
    }

    /// <summary>Starts counting; every Orleans runtime in the process (silo or client) is counted until disposed.</summary>
    public static MessageTraffic Start() => new();

    /// <summary>The counts so far.</summary>
    public TrafficCounts Counts => new(Interlocked.Read(ref _sentMessages), Interlocked.Read(ref _sentBytes),
        Interlocked.Read(ref _receivedMessages), Interlocked.Read(ref _receivedBytes));

    private void Record(bool sent, long bytes)
    {
        if (sent)
        {
            Interlocked.Increment(ref _sentMessages);
            Interlocked.Add(ref _sentBytes, bytes);
        }
        else
        {
            Interlocked.Increment(ref _receivedMessages);
            Interlocked.Add(ref _receivedBytes, bytes);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _listener.Dispose();
}
