namespace NearDup.Distributed.Grains;

/// <summary>
/// A range of one batch run's boilerplate count (<see cref="IFingerprintCountGrain"/>), in memory: the fingerprints as
/// sent, 4 bytes per (group, fingerprint), sorted once when the run asks, so that a count is the length of a run of
/// equal values. That is <see cref="Clustering.BoilerplateFilter"/>'s rule (held by at least the threshold number of
/// groups), over this range's share of the group unions.
/// </summary>
public sealed class FingerprintCountGrain : Grain, IFingerprintCountGrain
{
    private readonly Dictionary<int, uint[]> _sent = [];

    /// <inheritdoc/>
    public Task Tally(int chunk, uint[] fingerprints)
    {
        _sent[chunk] = fingerprints;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<uint[]> Common(int threshold)
    {
        var all = new uint[_sent.Values.Sum(f => (long)f.Length)];
        int at = 0;
        foreach (var part in _sent.Values)
        {
            part.CopyTo(all, at);
            at += part.Length;
        }
        _sent.Clear();
        Array.Sort(all);
        var common = new List<uint>();
        for (int start = 0, end; start < all.Length; start = end)
        {
            for (end = start + 1; end < all.Length && all[end] == all[start]; end++)
            {
            }
            if (end - start >= threshold)
            {
                common.Add(all[start]);
            }
        }
        DeactivateOnIdle(); // the run is over for this range
        return Task.FromResult(common.ToArray());
    }
}
