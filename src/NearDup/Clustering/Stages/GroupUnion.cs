namespace NearDup.Clustering;

/// <summary>
/// The distinct fingerprints of a group's members, merged again whenever the boilerplate counters ask for them rather
/// than kept: at ten million documents the unions would be gigabytes, and merging a few sorted runs costs less than
/// the counting itself.
/// </summary>
internal static class GroupUnion
{
    /// <summary>First size of each thread's two merge buffers; they double when a union outgrows them.</summary>
    private const int InitialBuffer = 1024;

    [ThreadStatic]
    private static uint[]? t_union;

    [ThreadStatic]
    private static uint[]? t_unionScratch;

    [ThreadStatic]
    private static uint[]? t_member;

    /// <summary>
    /// The distinct fingerprints of a group's members (each sorted), merged run by run into a buffer of the calling
    /// thread: valid until the thread's next call.
    /// </summary>
    public static ReadOnlySpan<uint> Of(DocumentTable docs, ReadOnlySpan<int> members)
    {
        var first = docs.Fingerprints(members[0]);
        if (members.Length == 1)
        {
            return first;
        }
        var union = t_union ?? new uint[InitialBuffer];
        var scratch = t_unionScratch ?? new uint[InitialBuffer];
        // The first two members merge straight into the buffer: no member is copied in before it is merged.
        var second = docs.Fingerprints(members[1]);
        if (union.Length < first.Length + second.Length)
        {
            union = new uint[Math.Max(first.Length + second.Length, union.Length * 2)];
        }
        int length = MergeDistinct(first, second, union);
        for (int k = 2; k < members.Length; k++)
        {
            var next = docs.Fingerprints(members[k]);
            if (scratch.Length < length + next.Length)
            {
                scratch = new uint[Math.Max(length + next.Length, scratch.Length * 2)];
            }
            length = MergeDistinct(union.AsSpan(0, length), next, scratch);
            (union, scratch) = (scratch, union);
        }
        t_union = union;
        t_unionScratch = scratch;
        return union.AsSpan(0, length);
    }

    /// <summary>
    /// The fingerprints of the group's union whose products <paramref name="keep"/> lets through, ascending, as
    /// <see cref="Of"/> filtered by <see cref="BoilerplateFilter.KeepPassing(ReadOnlySpan{uint}, PassingFilter, Span{uint})"/>
    /// gives them: each member is filtered first, so that only the few it keeps are merged (boilerplate pass 2). Valid
    /// until the thread's next call.
    /// </summary>
    public static ReadOnlySpan<uint> OfKept(DocumentTable docs, ReadOnlySpan<int> members, PassingFilter keep)
    {
        var union = t_union ?? new uint[InitialBuffer];
        var scratch = t_unionScratch ?? new uint[InitialBuffer];
        var member = t_member ?? new uint[InitialBuffer];
        var first = docs.Fingerprints(members[0]);
        Fit(ref union, first.Length);
        int length = BoilerplateFilter.KeepPassing(first, keep, union);
        for (int k = 1; k < members.Length; k++)
        {
            var next = docs.Fingerprints(members[k]);
            Fit(ref member, next.Length);
            int kept = BoilerplateFilter.KeepPassing(next, keep, member);
            Fit(ref scratch, length + kept);
            length = MergeDistinct(union.AsSpan(0, length), member.AsSpan(0, kept), scratch);
            (union, scratch) = (scratch, union);
        }
        (t_union, t_unionScratch, t_member) = (union, scratch, member);
        return union.AsSpan(0, length);
    }

    /// <summary>Makes <paramref name="buffer"/> hold at least <paramref name="length"/> values (doubling, its contents not kept).</summary>
    private static void Fit(ref uint[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new uint[Math.Max(length, buffer.Length * 2)];
        }
    }

    /// <summary>
    /// Merges two sorted sets of distinct values into <paramref name="output"/>; returns the count written. A group's
    /// members are copies of one text: often the same set (exact copies, copied whole in one vectorized compare), else
    /// one set and a few values more (a syndicated copy's header and footer). So the loop branches, equal values first:
    /// those branches are predicted for all but the few values one set holds alone, where a branchless merge waited on
    /// each step's loads to choose the next (bench/results/amd-epyc/group-union-merge.md).
    /// </summary>
    public static int MergeDistinct(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, Span<uint> output)
    {
        if (a.SequenceEqual(b))
        {
            a.CopyTo(output);
            return a.Length;
        }
        int i = 0, j = 0, w = 0;
        while (i < a.Length && j < b.Length)
        {
            uint x = a[i], y = b[j];
            if (x == y)
            {
                output[w++] = x;
                i++;
                j++;
            }
            else if (x < y)
            {
                output[w++] = x;
                i++;
            }
            else
            {
                output[w++] = y;
                j++;
            }
        }
        a[i..].CopyTo(output[w..]);
        w += a.Length - i;
        b[j..].CopyTo(output[w..]);
        return w + b.Length - j;
    }
}
