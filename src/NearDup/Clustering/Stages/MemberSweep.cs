namespace NearDup.Clustering;

/// <summary>
/// What stage 4 reads of the groups' members besides their cores, done in the sweep that computes the cores in spill
/// order (<see cref="ICoreSweepWork"/>): each group's representative (<see cref="GroupRepresentatives"/>, which needs
/// the core), boilerplate pass 1's count of the group's union (<see cref="SlotCounts"/>) and, when given, the core's
/// anchors (<see cref="CoreAnchors"/>). Each was a sweep of its own over the same members in the same order, and a spill
/// file larger than the page cache was read again by each.
/// </summary>
/// <param name="docs">The documents.</param>
/// <param name="groups">Their groups, whose representatives are set in place.</param>
/// <param name="counts">Pass 1's counters, which the sweep adds every group's union to.</param>
/// <param name="cancellationToken">Stops the sweep.</param>
/// <param name="flushAt">Values a worker holds before the buckets go to the counters: the counters' <see cref="SlotCounts.Chunk"/> when null (tests flush more often).</param>
/// <param name="anchors">Where the cores' anchors are gathered for the weak-link stage, or null.</param>
internal sealed class MemberSweep(DocumentTable docs, GroupLayout groups, SlotCounts counts, CancellationToken cancellationToken,
    long? flushAt = null, CoreAnchors? anchors = null) : ICoreSweepWork
{
    /// <summary>Pass 1's counts of the unions of the groups swept so far.</summary>
    public SlotCounts Counts => counts;

    /// <summary>
    /// Every member's fingerprints (pass 1 reads those of a group of one too), and the positions of every member of a
    /// group of several but its shortest: the representative's rule reads those of a member longer than the one it names
    /// (<see cref="SourceOfCut"/>), which without asking were read a 4 KiB fault at a time.
    /// </summary>
    public void AskFor(int g, ReadAhead ahead)
    {
        var members = groups.MembersOf(g);
        int shortest = int.MaxValue;
        foreach (int m in members)
        {
            ahead.Add(docs.Fingerprints(m));
            shortest = Math.Min(shortest, docs.FingerprintCount(m));
        }
        if (members.Length < 2)
        {
            return;
        }
        foreach (int m in members)
        {
            if (docs.FingerprintCount(m) > shortest)
            {
                ahead.Add(docs.Positions(m).Words);
            }
        }
    }

    /// <summary>The cores' anchors gathered so far, or null.</summary>
    public CoreAnchors? Anchors => anchors;

    /// <summary>
    /// The round's representatives, unions and anchors, each worker over its own part of the round into its own buckets; the
    /// buckets go to the counters once a worker holds a chunk (<see cref="SlotCounts.Chunk"/>): a
    /// round is a few hundred groups, and each flush sweeps the counters bucket by bucket.
    /// </summary>
    public void Run(GroupCores cores, ArraySegment<int> round)
    {
        int workers = counts.Workers;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, w =>
        {
            int start = (int)((long)round.Count * w / workers), stop = (int)((long)round.Count * (w + 1) / workers);
            for (int k = start; k < stop; k++)
            {
                int g = round[k];
                GroupRepresentatives.Choose(docs, cores, groups, g);
                counts.Add(w, GroupUnion.Of(docs, groups.MembersOf(g)));
            }
            anchors?.Add(cores, round.AsSpan(start, stop - start));
        });
        if (counts.Pending >= (flushAt ?? counts.Chunk))
        {
            counts.Flush();
        }
    }
}
