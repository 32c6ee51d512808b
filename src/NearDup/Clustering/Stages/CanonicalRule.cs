namespace NearDup.Clustering;

/// <summary>
/// The canonical rule between groups' representatives: earliest date (undated last), then most distinct shingles
/// (an excerpt is shorter than its source), then smallest id. It names a group's first representative and breaks the
/// last tie in the order of star centers.
/// </summary>
internal static class CanonicalRule
{
    public static bool IsBetter(DocumentTable docs, int x, int y)
    {
        if (x == y)
        {
            return false;
        }
        if (docs.DateTicks(x) != docs.DateTicks(y))
        {
            return docs.DateTicks(x) < docs.DateTicks(y);
        }
        if (docs.FingerprintCount(x) != docs.FingerprintCount(y))
        {
            return docs.FingerprintCount(x) > docs.FingerprintCount(y);
        }
        return x < y; // documents are numbered by ordinal id
    }
}
