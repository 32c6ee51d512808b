namespace NearDup.Clustering;

/// <summary>
/// The distinctive-anchor rule: a key exactly two texts hold counts as <see cref="Weight"/> shared anchors when one of
/// the two is short, so a sentence or two that only those two carry is a candidate on one anchor. Short is at most
/// <see cref="MaxShortIn"/> fingerprints in a clustering (the weak-link stage and the partitions' batch run alike), and
/// at most <see cref="MaxFingerprints"/> in a query (<see cref="IsShort"/>), whose chance candidates are its own. A
/// pair that passes on counts without sharing two anchors is reuse, never a copy (<see cref="Verifier.SharesAnchors"/>).
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
    /// The most fingerprints a short text holds (a document in a query; a group's core in a clustering, where
    /// <see cref="MaxShortIn"/> may bound it lower). Two long texts
    /// share some 5-gram no third text holds by chance far more often than a short one and a long one, and such chance
    /// keys make candidates the verifier turns down. The bound covers every post of the short-pieces fixture (73 to 441
    /// words, a quoted sentence or two among other text), so a post's length does not decide whether its quote is found;
    /// the measurements are in bench/results/amd-epyc/short-dec11.md and recall-dec12.md.
    /// </summary>
    public const int MaxFingerprints = 450;

    /// <summary>
    /// The anchors a short text may expect to share with some other text by chance for the rule to pair it in a
    /// clustering. Fingerprints are 32 bits, so when the documents hold F of them, an anchor key is also held by some
    /// other text with probability about 1 - e^(-F / 2^32) (F / 2^32 is the anchor postings over the anchor keys, both
    /// scaled by the rate): 2% among 100,000 of the generator's articles (906 fingerprints each), 19% among a million,
    /// 88% among ten million. Each key shared by chance with one other text is a candidate the verifier turns down, so
    /// unbounded the rule's candidates grow with the square of the corpus (49.1 M at ten million at half the rate).
    /// Bounding each short text's expected chance keys keeps them linear in the corpus: the bound falls as the corpus
    /// grows, so a large corpus keeps the rule for the shortest pieces, where it matters most. Four is a choice, not a
    /// fit: it keeps 450 (every set measured, up to 170,000 such articles) and costs at most a few turned-down
    /// candidates a short text, as many as its real ones.
    /// </summary>
    public const double MaxChanceKeys = 4;

    /// <summary>Whether a text of <paramref name="fingerprints"/> fingerprints is short enough for a key it shares with one other text to count <see cref="Weight"/> times.</summary>
    public static bool IsShort(int fingerprints) => fingerprints <= MaxFingerprints;

    /// <summary>
    /// The most fingerprints a short core holds in a clustering whose documents hold <paramref name="totalFingerprints"/>
    /// at one anchor in <paramref name="anchorRate"/>: <see cref="MaxFingerprints"/>, or fewer where a core of that many
    /// would expect more than <see cref="MaxChanceKeys"/> keys shared by chance (n / rate anchors, each held by
    /// F / 2^32 other texts on average, an upper bound on the chance it is shared).
    /// </summary>
    public static int MaxShortIn(long totalFingerprints, int anchorRate)
    {
        double bound = MaxChanceKeys * anchorRate * 4294967296.0 / Math.Max(1, totalFingerprints);
        return (int)Math.Min(MaxFingerprints, Math.Floor(bound));
    }

    /// <summary>Whether each group's core holds at most <paramref name="maxShort"/> fingerprints (<see cref="MaxShortIn"/>), by group.</summary>
    public static bool[] ShortGroups(GroupCores cores, int groups, int maxShort)
    {
        var isShort = new bool[groups];
        for (int g = 0; g < groups; g++)
        {
            isShort[g] = cores.Length(g) <= maxShort;
        }
        return isShort;
    }
}
