namespace NearDup.Distributed.Hosting;

/// <summary>Orleans messages a process sent and received over its connections (<see cref="MessageTraffic"/>).</summary>
/// <param name="SentMessages">Messages written to a connection.</param>
/// <param name="SentBytes">Their bytes, header and body.</param>
/// <param name="ReceivedMessages">Messages read from a connection.</param>
/// <param name="ReceivedBytes">Their bytes, header and body.</param>
public readonly record struct TrafficCounts(long SentMessages, long SentBytes, long ReceivedMessages, long ReceivedBytes)
{
    /// <summary>These counts beyond those of <paramref name="earlier"/>: the traffic between two readings.</summary>
    public TrafficCounts Since(TrafficCounts earlier) =>
        new(SentMessages - earlier.SentMessages, SentBytes - earlier.SentBytes,
            ReceivedMessages - earlier.ReceivedMessages, ReceivedBytes - earlier.ReceivedBytes);

    /// <summary>One line for people: messages and bytes each way.</summary>
    public override string ToString() =>
        $"sent {SentMessages:N0} messages, {SentBytes:N0} B; received {ReceivedMessages:N0} messages, {ReceivedBytes:N0} B";
}
