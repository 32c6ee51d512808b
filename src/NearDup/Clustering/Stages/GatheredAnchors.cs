using System.Runtime.InteropServices;

namespace NearDup.Clustering;

/// <summary>
/// A range of groups' core anchors, gathered by the anchor table's first read (<see cref="AnchorTable"/>) so that its
/// passes read these instead of the cores: in a list in memory, each group's end kept, when they fit the block budget;
/// else in pages of a spill file of their own (a list that size would be over the budget), each group's place and count.
/// Groups are added in the order they are read, each with <see cref="AddRange"/> calls then <see cref="EndGroup"/>.
/// </summary>
internal sealed class GatheredAnchors
{
    private readonly List<uint> _list;
    private readonly int[] _ends;
    private readonly FingerprintPages? _pages;
    private readonly long[] _at;
    private readonly int[] _counts;
    private int _groups;

    private GatheredAnchors(List<uint> list, int groups, FingerprintPages? pages)
    {
        _list = list;
        _pages = pages;
        _ends = pages is null ? new int[groups] : [];
        _at = pages is null ? [] : new long[groups];
        _counts = pages is null ? [] : new int[groups];
    }

    /// <summary>For <paramref name="groups"/> groups, in memory, in a list of <paramref name="expected"/> anchors to start with.</summary>
    public static GatheredAnchors InMemory(int groups, int expected) => new(new List<uint>(expected), groups, pages: null);

    /// <summary>For <paramref name="groups"/> groups, in <paramref name="file"/> (the list then holds one group's anchors at a time).</summary>
    public static GatheredAnchors InFile(int groups, FingerprintSpill file) => new([], groups, new FingerprintPages(file));

    /// <summary>Adds anchors of the group being read.</summary>
    public void AddRange(ReadOnlySpan<uint> anchors) => _list.AddRange(anchors);

    /// <summary>Ends the group being read: its anchors are the ones added since the last call.</summary>
    public void EndGroup()
    {
        if (_pages is null)
        {
            _ends[_groups++] = _list.Count;
            return;
        }
        _at[_groups] = _pages.Append(CollectionsMarshal.AsSpan(_list));
        _counts[_groups++] = _list.Count;
        _list.Clear();
    }

    /// <summary>Writes the last page to the file, if any; call once every group is added.</summary>
    public void Seal() => _pages?.Seal();

    /// <summary>The anchors of the <paramref name="k"/>-th group added.</summary>
    public ReadOnlySpan<uint> this[int k]
    {
        get
        {
            if (_pages is not null)
            {
                return _pages.Get(_at[k], _counts[k]);
            }
            int start = k == 0 ? 0 : _ends[k - 1];
            return CollectionsMarshal.AsSpan(_list).Slice(start, _ends[k] - start);
        }
    }
}
