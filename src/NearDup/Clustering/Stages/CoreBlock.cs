namespace NearDup.Clustering;

/// <summary>
/// A run of groups' cores (<see cref="GroupCores.CoreOf"/>) computed by one worker into one reused buffer, end to end,
/// to be appended in the run's order afterwards.
/// </summary>
internal sealed class CoreBlock
{
    private uint[] _values = new uint[1 << 14];
    private int[] _ends = [];
    private int[] _sameAs = [];

    private int[] _groups = [];

    /// <summary>Groups in the block.</summary>
    public int Groups { get; private set; }

    /// <summary>The block's <paramref name="k"/>th group.</summary>
    public int Group(int k) => _groups[k];

    /// <summary>Computes the cores of <paramref name="which"/> groups.</summary>
    public void Compute(DocumentTable docs, GroupLayout groups, ReadOnlySpan<int> which)
    {
        Groups = which.Length;
        if (_ends.Length < Groups)
        {
            _ends = new int[Groups];
            _sameAs = new int[Groups];
            _groups = new int[Groups];
        }
        which.CopyTo(_groups);
        int length = 0;
        for (int k = 0; k < Groups; k++)
        {
            int g = which[k];
            if (groups.Size(g) == 1)
            {
                _ends[k] = -1 - length;
                _sameAs[k] = groups.Rep[g];
                continue;
            }
            var core = GroupCores.CoreOf(docs, groups, g);
            _sameAs[k] = MemberHolding(docs, groups, g, core);
            if (_sameAs[k] >= 0)
            {
                _ends[k] = -1 - length;
                continue;
            }
            if (_values.Length < length + core.Length)
            {
                Array.Resize(ref _values, Math.Max(length + core.Length, _values.Length * 2));
            }
            core.CopyTo(_values.AsSpan(length));
            length += core.Length;
            _ends[k] = length;
        }
    }

    /// <summary>
    /// The member of group <see cref="Group"/>(k) whose fingerprints are exactly its core (the one member of a group of one),
    /// or −1: then <see cref="Core"/> holds it.
    /// </summary>
    public int SameAs(int k) => _ends[k] < 0 ? _sameAs[k] : -1;

    /// <summary>Group <see cref="Group"/>(k)'s core; empty when a member's fingerprints are the core (<see cref="SameAs"/>).</summary>
    public ReadOnlySpan<uint> Core(int k)
    {
        int start = k == 0 ? 0 : End(k - 1);
        return _ends[k] < 0 ? [] : _values.AsSpan(start, _ends[k] - start);
    }

    /// <summary>
    /// The first member whose fingerprints equal <paramref name="core"/>, or −1. A syndicated copy holds the whole story
    /// its group's quorum keeps, and a pair's union is the longer text when it holds the shorter: such a core need not be
    /// stored again (measured in bench/results/amd-epyc/mem-1m-dec03.md).
    /// </summary>
    private static int MemberHolding(DocumentTable docs, GroupLayout groups, int g, ReadOnlySpan<uint> core)
    {
        int start = groups.Starts[g], size = groups.Size(g);
        for (int r = 0; r < size; r++)
        {
            int member = groups.Members[start + r];
            if (docs.FingerprintCount(member) == core.Length && docs.Fingerprints(member).SequenceEqual(core))
            {
                return member;
            }
        }
        return -1;
    }

    private int End(int k) => _ends[k] < 0 ? -1 - _ends[k] : _ends[k];
}
