namespace NearDup.Clustering;

/// <summary>
/// A run of consecutive groups' cores (<see cref="GroupCores.CoreOf"/>) computed by one worker into one reused buffer,
/// end to end, to be appended in group order afterwards.
/// </summary>
internal sealed class CoreBlock
{
    private uint[] _values = new uint[1 << 14];
    private int[] _ends = [];
    private int[] _sameAs = [];

    /// <summary>The block's first group.</summary>
    public int First { get; private set; }

    /// <summary>Groups in the block (0 past the last group).</summary>
    public int Groups { get; private set; }

    /// <summary>Computes the cores of groups [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>), those that exist.</summary>
    public void Compute(DocumentTable docs, GroupLayout groups, int first, int count)
    {
        First = first;
        Groups = Math.Clamp(groups.Count - first, 0, count);
        if (_ends.Length < Groups)
        {
            _ends = new int[count];
            _sameAs = new int[count];
        }
        int length = 0;
        for (int k = 0; k < Groups; k++)
        {
            if (groups.Size(first + k) == 1)
            {
                _ends[k] = -1 - length;
                _sameAs[k] = groups.Rep[first + k];
                continue;
            }
            var core = GroupCores.CoreOf(docs, groups, first + k);
            _sameAs[k] = MemberHolding(docs, groups, first + k, core);
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
    /// The member of group <c>First + k</c> whose fingerprints are exactly its core (the one member of a group of one),
    /// or −1: then <see cref="Core"/> holds it.
    /// </summary>
    public int SameAs(int k) => _ends[k] < 0 ? _sameAs[k] : -1;

    /// <summary>Group <c>First + k</c>'s core; empty when a member's fingerprints are the core (<see cref="SameAs"/>).</summary>
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
