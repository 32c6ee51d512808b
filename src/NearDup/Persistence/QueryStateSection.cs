using NearDup.Clustering;

namespace NearDup.Persistence;

/// <summary>
/// The query state section (format 6 on, docs/index-format.md): a <see cref="SavedQueryState"/>, or a flag saying
/// the index was saved without one. The reader checks every structural rule (groups and clusters numbered densely,
/// representatives in their own group, sizes within the document's fingerprints, increasing fingerprint lists,
/// anchor postings ascending, in range and only where the anchor mask allows), so that a file whose checksums match
/// cannot give a query an index out of range.
/// <code>
/// u32 flags (bit 0: a state follows; bit 1: anchors packed as fingerprints are, <see cref="FingerprintPacking"/>)
/// u32 n | u32 groups G | u32 clusters C
/// u32 group of each document[n] | u32 representative of each group[G] | u32 cluster of each document[n]
/// u32 size without boilerplate of each document[n]
/// u32 B | u32 boilerplate fingerprint[B]                       (strictly increasing)
/// the anchor table, <see cref="SavedAnchorTable"/>              (format 10 on; format 6 to 9 saved each group's anchors, refused)
/// </code>
/// </summary>
internal static class QueryStateSection
{
    /// <summary>Flag: a state follows.</summary>
    public const uint PresentFlag = 1;

    /// <summary>Flag: each group's anchors are packed gaps.</summary>
    public const uint PackedFlag = 2;

    public static void Write(PayloadWriter w, SavedQueryState? state, bool packed)
    {
        if (state is null)
        {
            w.WriteUInt32(0);
            return;
        }
        w.WriteUInt32(PresentFlag | (packed ? PackedFlag : 0));
        int groups = state.Rep.Length;
        w.WriteUInt32((uint)state.GroupOf.Length);
        w.WriteUInt32((uint)groups);
        w.WriteUInt32((uint)state.Clusters);
        w.Write<int>(state.GroupOf);
        w.Write<int>(state.Rep);
        w.Write<int>(state.ClusterOf);
        w.Write<int>(state.Sizes);
        w.WriteUInt32((uint)state.Boilerplate.Length);
        w.Write<uint>(state.Boilerplate);
        SavedAnchorTable.Write(w, state.AnchorPostings, packed);
    }

    /// <summary>
    /// Reads the section of an index of format <paramref name="version"/> and <paramref name="n"/> documents held in
    /// <paramref name="store"/> (slot i is document i); a state saved before <see cref="IndexFormat.SortedAnchorsVersion"/>
    /// is refused.
    /// </summary>
    public static SavedQueryState? Read(PayloadReader r, int version, int n, SketchStore store, NearDupOptions options)
    {
        uint flags = r.ReadUInt32();
        if ((flags & ~(PresentFlag | PackedFlag)) != 0)
        {
            r.Throw($"has flags {flags}, which no NearDup writes");
        }
        if ((flags & PresentFlag) == 0)
        {
            return null;
        }
        CheckAnchorsReadable(version);
        if (r.ReadUInt32() != n)
        {
            r.Throw($"does not hold the {n:N0} documents the header declares");
        }
        int groups = r.CheckCount(r.ReadUInt32(), 4, "groups");
        uint declaredClusters = r.ReadUInt32();
        if (groups > n || declaredClusters > (uint)n || (n > 0 && (groups == 0 || declaredClusters == 0)))
        {
            r.Throw($"declares {groups:N0} groups and {declaredClusters:N0} clusters for {n:N0} documents, which cannot be");
        }
        int clusters = (int)declaredClusters;
        r.CheckCount(3L * n + groups, 4, "document and group numbers");
        var groupOf = ReadNumbers(r, n, groups, "a document's group");
        var rep = ReadNumbers(r, groups, n, "a group's representative");
        var clusterOf = ReadNumbers(r, n, clusters, "a document's cluster");
        CheckDense(r, groupOf, groups, "group");
        CheckDense(r, clusterOf, clusters, "cluster");
        for (int g = 0; g < groups; g++)
        {
            if (groupOf[rep[g]] != g)
            {
                r.Throw($"names document {rep[g]} the representative of group {g}, which it is not in");
            }
        }
        var sizes = ReadSizes(r, n, store);
        var boilerplate = ReadIncreasing(r, r.CheckCount(r.ReadUInt32(), 4, "boilerplate fingerprints"), "boilerplate fingerprints");
        var anchors = SavedAnchorTable.Read(r, groups, AnchorTable.MaskOf(options), (flags & PackedFlag) != 0);
        return new SavedQueryState(groupOf, rep, clusterOf, clusters, sizes, boilerplate, anchors);
    }

    /// <summary>
    /// Refuses a query state of format 6 to 9, which saved each group's anchors for the load to gather into a table:
    /// this library reads only the table itself, saved ready to look up.
    /// </summary>
    private static void CheckAnchorsReadable(int version)
    {
        if (version < IndexFormat.SortedAnchorsVersion)
        {
            throw new InvalidDataException($"NearDup index format version {version} saves its query state's anchors group by group, which version "
                + $"{IndexFormat.SortedAnchorsVersion} replaced by the anchor table ready to look up. Rebuild the index with this version "
                + $"(NearDup {IndexWriter.LibraryVersion}, format {IndexFormat.Version}): neardup index build.");
        }
    }

    /// <summary>Reads <paramref name="count"/> numbers, each below <paramref name="bound"/>.</summary>
    private static int[] ReadNumbers(PayloadReader r, int count, int bound, string what)
    {
        var values = new int[count];
        r.Read<int>(values);
        foreach (int value in values)
        {
            if ((uint)value >= (uint)bound)
            {
                r.Throw($"gives {what} as {(uint)value:N0}, out of range (below {bound:N0})");
            }
        }
        return values;
    }

    /// <summary>Every number from 0 to <paramref name="count"/> − 1 has a document: no empty group or cluster.</summary>
    private static void CheckDense(PayloadReader r, int[] numberOf, int count, string what)
    {
        var seen = new bool[count];
        foreach (int k in numberOf)
        {
            seen[k] = true;
        }
        int empty = Array.IndexOf(seen, false);
        if (empty >= 0)
        {
            r.Throw($"has no document in {what} {empty}");
        }
    }

    private static int[] ReadSizes(PayloadReader r, int n, SketchStore store)
    {
        var sizes = new int[n];
        r.Read<int>(sizes);
        for (int i = 0; i < n; i++)
        {
            if ((uint)sizes[i] > (uint)store.FingerprintCount(i))
            {
                r.Throw($"gives document '{store.Id(i)}' {(uint)sizes[i]:N0} fingerprints without boilerplate but it has {store.FingerprintCount(i):N0}");
            }
        }
        return sizes;
    }

    private static uint[] ReadIncreasing(PayloadReader r, int count, string what)
    {
        var values = new uint[count];
        r.Read<uint>(values);
        for (int k = 1; k < values.Length; k++)
        {
            if (values[k] <= values[k - 1])
            {
                r.Throw($"lists {what} out of order at {k:N0}");
            }
        }
        return values;
    }
}
