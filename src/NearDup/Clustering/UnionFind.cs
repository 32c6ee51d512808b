namespace NearDup.Clustering;

/// <summary>Disjoint sets over 0..n−1 with path halving; the smaller index is always the root, so roots are deterministic.</summary>
internal sealed class UnionFind
{
    private readonly int[] _parent;

    public UnionFind(int count)
    {
        _parent = new int[count];
        for (int i = 0; i < count; i++)
        {
            _parent[i] = i;
        }
    }

    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }
        return x;
    }

    public bool Union(int a, int b)
    {
        int ra = Find(a), rb = Find(b);
        if (ra == rb)
        {
            return false;
        }
        if (ra < rb)
        {
            _parent[rb] = ra;
        }
        else
        {
            _parent[ra] = rb;
        }
        return true;
    }
}
