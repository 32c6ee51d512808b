namespace NearDup.Clustering;

/// <summary>
/// Each group's core: its representative's fingerprints for a group of one, else the set the clusterer's quorum gives,
/// in pages that go to a spill file of their own when a spill folder is given (deleted on <see cref="Dispose"/>).
/// </summary>
internal sealed class GroupCores : IDisposable
{
    private readonly DocumentTable _docs;
    private readonly int[] _groupRep;
    private readonly FingerprintSpill? _spill;
    private readonly FingerprintPages _pages;
    private readonly long[] _locations;
    private readonly int[] _counts;

    public GroupCores(DocumentTable docs, int[] groupRep, string? spillDirectory)
    {
        _docs = docs;
        _groupRep = groupRep;
        _spill = spillDirectory is null ? null : new FingerprintSpill(spillDirectory);
        _pages = new FingerprintPages(_spill);
        _locations = new long[groupRep.Length];
        _counts = new int[groupRep.Length];
    }

    public ReadOnlySpan<uint> this[int g] => _counts[g] < 0 ? _docs.Fingerprints(_groupRep[g]) : _pages.Get(_locations[g], _counts[g]);

    /// <summary>Sets group <paramref name="g"/>'s core (null: the group has one member, whose fingerprints are its core).</summary>
    public void Set(int g, uint[]? core)
    {
        if (core is null)
        {
            _counts[g] = -1;
            return;
        }
        _locations[g] = _pages.Append(core);
        _counts[g] = core.Length;
    }

    public void Seal() => _pages.Seal();

    public void Dispose() => _spill?.Dispose();
}
