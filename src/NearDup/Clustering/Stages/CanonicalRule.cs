namespace NearDup.Clustering;

/// <summary>
/// The canonical rule: earliest date (undated last), then the size, then smallest id. Between groups' representatives
/// the most distinct shingles win (an excerpt is shorter than its source): it names a group's first representative
/// and breaks the last tie in the order of star centers. Inside a group whose members are equally inside its core,
/// the fewest win (<c>fewest</c>: the bare text, not a wrapped one; see <see cref="GroupRepresentatives"/>).
/// </summary>
internal static class CanonicalRule
{
    public static bool IsBetter(DocumentTable docs, int x, int y, bool fewest = false)
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
            return fewest ? docs.FingerprintCount(x) < docs.FingerprintCount(y) : docs.FingerprintCount(x) > docs.FingerprintCount(y);
        }
        return x < y; // documents are numbered by ordinal id
    }
}
