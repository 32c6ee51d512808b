namespace NearDup.Clustering;

/// <summary>What the weak-link stage hands on.</summary>
/// <param name="Copies">Verified links the story judge calls the same story: they may put two groups in one cluster.</param>
/// <param name="Reuse">Verified links between different stories that share text: reported, never merged.</param>
/// <param name="SourceVotes">Per group, the copy links on which it is the source less those on which it is the copy (<see cref="StoryJudge.SourceVotes"/>).</param>
/// <param name="AnchorCandidates">Group pairs the anchor table proposed, for the statistics.</param>
/// <param name="AnchorBytes">The anchor table's size, for the index-size statistic.</param>
internal sealed record WeakLinks(WeakEdges Copies, WeakEdges Reuse, int[] SourceVotes, long AnchorCandidates, long AnchorBytes);
