namespace NearDup.Clustering;

/// <summary>
/// The distinctive-anchor rule, the same in every path (the weak-link stage, a query, the partitions): a key exactly
/// two texts hold counts as <see cref="Weight"/> shared anchors when one of the two is short (<see cref="IsShort"/>),
/// so a sentence or two that only those two carry is a candidate on one anchor. A pair so found that passes on counts
/// without sharing two anchors is reuse, never a copy (<see cref="Verifier.SharesAnchors"/>).
/// </summary>
internal static class DistinctiveAnchors
{
    /// <summary>
    /// The shared anchors such a key counts as: <see cref="NearDupOptions.MinSharedAnchors"/>'s default, so that one
    /// key makes a candidate. A piece of one or two sentences keeps 8 to 30 shingles; at one anchor in 4, 8 shared
    /// shingles hold two anchors in 63% of draws and one in 90% (16: 94% and 99%). A key more texts hold is a phrase
    /// several share and needs a second anchor as before.
    /// </summary>
    public const int Weight = 2;

    /// <summary>
    /// The most fingerprints a short text holds (a group's core in clustering, a document in a query). Two long texts
    /// share some 5-gram no third text holds by chance far more often than a short one and a long one, and such chance
    /// keys make candidates the verifier turns down. The bound covers every post of the short-pieces fixture (73 to 441
    /// words, a quoted sentence or two among other text), so a post's length does not decide whether its quote is found;
    /// the measurements are in bench/results/amd-epyc/short-dec11.md and recall-dec12.md.
    /// </summary>
    public const int MaxFingerprints = 450;

    /// <summary>Whether a text of <paramref name="fingerprints"/> fingerprints is short enough for a key it shares with one other text to count <see cref="Weight"/> times.</summary>
    public static bool IsShort(int fingerprints) => fingerprints <= MaxFingerprints;

    /// <summary>Whether each group's core is short (<see cref="IsShort"/>), by group.</summary>
    public static bool[] ShortGroups(GroupCores cores, int groups)
    {
        var isShort = new bool[groups];
        for (int g = 0; g < groups; g++)
        {
            isShort[g] = IsShort(cores.Length(g));
        }
        return isShort;
    }
}
