namespace NearDup.Cli.Commands;

/// <summary>One configuration's end-to-end run, as <c>neardup cluster</c> runs it: the read+sketch and clustering times, memory, and the run's counts.</summary>
internal sealed record EndToEndResult(long Documents, long Bytes, double AddRangeSeconds, double ClusterCallSeconds, double CandidateSeconds,
    double ClusterSeconds, long PeakWorkingSetBytes, long HeapAfterBytes, long AllocatedBytes, long IndexBytes, int Clusters, int Copies,
    int Bands, int Rows, int StrongGroups, long StrongCandidates, long AnchorCandidates, long VerifiedPairs, int Threads)
{
    public double TotalSeconds => AddRangeSeconds + ClusterCallSeconds;
}
