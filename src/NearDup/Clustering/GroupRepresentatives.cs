namespace NearDup.Clustering;

/// <summary>
/// The clustering stage that names each group's representative, the document that is canonical when the group is
/// a cluster's center: the original, which the group's other members contain. Its text lies inside what the group
/// shares (its core); a syndicated copy carries a site's header and footer outside it. In a group of two the core
/// holds both texts, so the smaller, bare text is the one inside what the two share. Ties (an original and its
/// exact copies) go to the earliest date, then the fewest fingerprints (the bare text, not a wrapped one), then the
/// smallest ordinal id, so the choice depends on the set of documents only. Two rules come before the material: a
/// text dated a day or more before another is the earlier, and a text cut from another (<see cref="SourceOfCut"/>:
/// an excerpt, an abridged copy) gives way to its source.
/// </summary>
internal static class GroupRepresentatives
{
    /// <summary>Replaces, for each group of two or more, <paramref name="groupRep"/>'s entry with the member that best fits the rule.</summary>
    public static void Choose(DocumentTable docs, GroupCores cores, int[] groupStarts, int[] groupMembers, int[] groupRep, ParallelOptions parallel) =>
        Parallel.For(0, groupRep.Length, parallel, g => groupRep[g] = Best(docs, cores, groupMembers.AsSpan(groupStarts[g], groupStarts[g + 1] - groupStarts[g]), g, groupRep[g]));

    /// <summary>
    /// Replaces group <paramref name="g"/>'s representative with the member that best fits the rule: for a sweep over the
    /// groups in spill order (<see cref="MemberSweep"/>), which reads the members for the core and the boilerplate too.
    /// </summary>
    public static void Choose(DocumentTable docs, GroupCores cores, GroupLayout groups, int g) =>
        groups.Rep[g] = Best(docs, cores, groups.MembersOf(g), g, groups.Rep[g]);

    /// <summary>The member of group <paramref name="g"/> that best fits the rule; <paramref name="rep"/> for a group of one.</summary>
    private static int Best(DocumentTable docs, GroupCores cores, ReadOnlySpan<int> members, int g, int rep)
    {
        if (members.Length < 2)
        {
            return rep;
        }
        // A group of two exposes both texts as its core (GroupCores): what lies outside what the two share is
        // then told by their sizes, the bare text having less. A text dated a day or more before the others
        // comes first whatever its material: a copy cannot precede its source.
        var core = members.Length == 2 ? [] : cores[g];
        int best = members[0], bestOutside = members.Length == 2 ? docs.FingerprintCount(best) : Outside(docs.Fingerprints(best), core);
        foreach (int m in members[1..])
        {
            int outside = members.Length == 2 ? docs.FingerprintCount(m) : Outside(docs.Fingerprints(m), core);
            bool earlier = Later(docs, best, m);
            if (earlier || (!Later(docs, m, best) && (outside < bestOutside || (outside == bestOutside && CanonicalRule.IsBetter(docs, m, best, fewest: true)))))
            {
                (best, bestOutside) = (m, outside);
            }
        }
        return SourceOf(docs, members, best);
    }

    /// <summary>
    /// The member that <paramref name="best"/> was cut from, if any (<see cref="SourceOfCut"/>): an excerpt or an abridged
    /// copy lies inside the core as its source's wrapped copies do, so the rule above names it; its source, which has
    /// the skipped paragraphs between the passages they share, is the original, unless dated after it. Each step names
    /// a larger text.
    /// </summary>
    private static int SourceOf(DocumentTable docs, ReadOnlySpan<int> members, int best)
    {
        for (bool moved = true; moved;)
        {
            moved = false;
            foreach (int m in members)
            {
                if (m != best && !Later(docs, m, best) && SourceOfCut.IsSourceOf(docs, m, best))
                {
                    (best, moved) = (m, true);
                }
            }
        }
        return best;
    }

    /// <summary>
    /// Whether both documents are dated and <paramref name="x"/> a day or more after <paramref name="y"/>: a source
    /// comes before its copies, while hours apart are within the noise of dates (a page's time of update or of crawl).
    /// </summary>
    private static bool Later(DocumentTable docs, int x, int y) =>
        docs.DateTicks(x) != long.MaxValue && docs.DateTicks(y) != long.MaxValue && docs.DateTicks(x) - docs.DateTicks(y) >= TimeSpan.TicksPerDay;

    /// <summary>Fingerprints of a document (sorted) that its group's core (sorted) lacks.</summary>
    public static int Outside(ReadOnlySpan<uint> fingerprints, ReadOnlySpan<uint> core)
    {
        int outside = 0, j = 0;
        foreach (uint fp in fingerprints)
        {
            while (j < core.Length && core[j] < fp)
            {
                j++;
            }
            outside += j < core.Length && core[j] == fp ? 0 : 1;
        }
        return outside;
    }
}
