using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

/// <summary>
/// A range of one batch run's boilerplate count (<see cref="IFingerprintCountGrain"/>), in memory: the tallies as sent,
/// packed (<see cref="PackedFingerprints.PackTally"/>, about 2 bytes per (group, fingerprint)), and counted in that form
/// when the run asks (<see cref="PackedTallyCount"/>) by the boilerplate stage's own counter, which counts every
/// occurrence: a request's tally is several groups' unions end to end, and a fingerprint occurs in it once per group holding it.
/// </summary>
[Hosting.PartitionPlacement]
public sealed class FingerprintCountGrain : Grain, IFingerprintCountGrain, IRunStateProbe
{
    private readonly Dictionary<int, byte[]> _sent = [];

    /// <inheritdoc/>
    public Task Tally(int chunk, byte[] packed)
    {
        _sent[chunk] = packed;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<uint[]> Common(int threshold)
    {
        var common = PackedTallyCount.Common([.. _sent.Values], threshold);
        Forget();
        return Task.FromResult(common);
    }

    /// <inheritdoc/>
    public Task Drop()
    {
        Forget();
        return Task.CompletedTask;
    }

    private void Forget()
    {
        _sent.Clear();
        DeactivateOnIdle(); // the run is over for this range
    }

    Task<int> IRunStateProbe.HeldRunState() => Task.FromResult(_sent.Count);
}
