namespace NearDup.Clustering;

/// <summary>
/// A run of consecutive groups' cores (<see cref="GroupCores.CoreOf"/>) computed by one worker into one reused buffer,
/// end to end, to be appended in group order afterwards.
/// </summary>
internal sealed class CoreBlock
{
    private uint[] _values = new uint[1 << 14];
    private int[] _ends = [];

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
        }
        int length = 0;
        for (int k = 0; k < Groups; k++)
        {
            if (groups.Size(first + k) == 1)
            {
                _ends[k] = -1 - length;
                continue;
            }
            var core = GroupCores.CoreOf(docs, groups, first + k);
            if (_values.Length < length + core.Length)
            {
                Array.Resize(ref _values, Math.Max(length + core.Length, _values.Length * 2));
            }
            core.CopyTo(_values.AsSpan(length));
            length += core.Length;
            _ends[k] = length;
        }
    }

    /// <summary>Whether group <c>First + k</c> has one member (its core is that member's fingerprints).</summary>
    public bool IsSingle(int k) => _ends[k] < 0;

    /// <summary>Group <c>First + k</c>'s core; empty for a group of one.</summary>
    public ReadOnlySpan<uint> Core(int k)
    {
        int start = k == 0 ? 0 : End(k - 1);
        return IsSingle(k) ? [] : _values.AsSpan(start, _ends[k] - start);
    }

    private int End(int k) => _ends[k] < 0 ? -1 - _ends[k] : _ends[k];
}
