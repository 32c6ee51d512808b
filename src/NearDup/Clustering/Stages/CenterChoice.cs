namespace NearDup.Clustering;

/// <summary>
/// Which neighbouring center a covered group joins. A group with copy links to one center joins it. A group with copy
/// links to several joins the one whose star holds most of its links (the center itself, and the groups the center
/// covers that the group also copies), then the one it shares most with (containment plus Jaccard), then the smallest.
/// Why the links first: a short rewrite shares most with whichever longer copy reworded the same sentences, while its
/// other copy links say which story it is a copy of (Clough and Stevenson's ans-81 shares most with another answer
/// made a center, and four of its five links go to its source's cluster); the links are counted only through groups
/// that are not centers, so the choice never joins two centers the judge kept apart through a third (only
/// <see cref="ChainJoin"/> joins clusters, through a link holding half of both sides).
/// </summary>
internal static class CenterChoice
{
    /// <summary>The center group <paramref name="g"/> joins among its neighbours (ascending, as <see cref="AssignmentStage.Neighbours"/> lists them).</summary>
    public static int Of(int g, Adjacency neighbours, bool[] isCenter, WeakEdges links)
    {
        var mine = neighbours.Of(g);
        bool several = CountCenters(mine, isCenter) > 1;
        int best = -1, bestVotes = -1;
        double bestScore = -1;
        foreach (int center in mine)
        {
            if (!isCenter[center])
            {
                continue;
            }
            int votes = several ? Votes(mine, neighbours.Of(center), isCenter) : 0;
            var score = links.Find(PairKey.Ordered(g, center));
            double value = score.Containment + score.Jaccard;
            if (votes > bestVotes || (votes == bestVotes && (value > bestScore || (value == bestScore && center < best))))
            {
                (best, bestVotes, bestScore) = (center, votes, value);
            }
        }
        return best;
    }

    private static int CountCenters(ReadOnlySpan<int> neighbours, bool[] isCenter)
    {
        int count = 0;
        foreach (int n in neighbours)
        {
            count += isCenter[n] ? 1 : 0;
        }
        return count;
    }

    /// <summary>
    /// The link to the center, plus the group's neighbours that are not centers and that the center covers: both lists
    /// are ascending, so the shorter is walked and the longer searched (a hub's list is not walked once per center).
    /// </summary>
    private static int Votes(ReadOnlySpan<int> mine, ReadOnlySpan<int> centerNeighbours, bool[] isCenter)
    {
        bool walkMine = mine.Length <= centerNeighbours.Length;
        var walked = walkMine ? mine : centerNeighbours;
        var searched = walkMine ? centerNeighbours : mine;
        int votes = 1;
        foreach (int n in walked)
        {
            if (!isCenter[n] && searched.BinarySearch(n) >= 0)
            {
                votes++;
            }
        }
        return votes;
    }
}
