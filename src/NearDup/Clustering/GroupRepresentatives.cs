namespace NearDup.Clustering;

/// <summary>
/// The clustering stage that names each group's representative, the document that is canonical when the group is
/// a cluster's center: the original, which the group's other members contain. Its text lies inside what the group
/// shares (its core); a syndicated copy carries a site's header and footer outside it. In a group of two the core
/// holds both texts, so the smaller, bare text is the one inside what the two share. Ties (an original and its
/// exact copies) go to the earliest date, then the fewest fingerprints (the bare text, not a wrapped one), then the
/// smallest ordinal id, so the choice depends on the set of documents only.
/// </summary>
internal static class GroupRepresentatives
{
    /// <summary>Replaces, for each group of two or more, <paramref name="groupRep"/>'s entry with the member that best fits the rule.</summary>
    public static void Choose(DocumentTable docs, GroupCores cores, int[] groupStarts, int[] groupMembers, int[] groupRep, ParallelOptions parallel) =>
        Parallel.For(0, groupRep.Length, parallel, g =>
        {
            var members = groupMembers.AsSpan(groupStarts[g], groupStarts[g + 1] - groupStarts[g]);
            if (members.Length < 2)
            {
                return;
            }
            // A group of two exposes both texts as its core (GroupCores): what lies outside what the two share is
            // then told by their sizes, the bare text having less.
            var core = members.Length == 2 ? [] : cores[g];
            int best = members[0], bestOutside = members.Length == 2 ? docs.FingerprintCount(best) : Outside(docs.Fingerprints(best), core);
            foreach (int m in members[1..])
            {
                int outside = members.Length == 2 ? docs.FingerprintCount(m) : Outside(docs.Fingerprints(m), core);
                if (outside < bestOutside || (outside == bestOutside && CanonicalRule.IsBetter(docs, m, best, fewest: true)))
                {
                    (best, bestOutside) = (m, outside);
                }
            }
            groupRep[g] = best;
        });

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
