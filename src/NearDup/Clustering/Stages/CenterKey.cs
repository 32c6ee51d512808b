namespace NearDup.Clustering;

/// <summary>
/// A group's place in center order (<see cref="AssignmentStage"/>), its terms read once: the representative's date,
/// then the group's size, the sum of its weak links' containment and its source votes (each the larger first), then
/// the canonical rule on the representatives (<see cref="CanonicalRule.IsBetter"/>: date, more fingerprints, lower
/// ordinal), then the group. A strict total order, so any sort gives the one result. Read once into the key rather than
/// through the document table at each comparison: most groups tie on the first four terms, so most comparisons reach
/// the representatives' terms, and the sort runs on one core.
/// </summary>
internal readonly record struct CenterKey(long Date, int Size, double Strength, int SourceVotes, int Fingerprints, int Rep, int Group)
    : IComparable<CenterKey>
{
    public int CompareTo(CenterKey other)
    {
        int c = Date.CompareTo(other.Date);
        if (c == 0)
        {
            c = other.Size.CompareTo(Size);
        }
        if (c == 0)
        {
            c = other.Strength.CompareTo(Strength);
        }
        if (c == 0)
        {
            c = other.SourceVotes.CompareTo(SourceVotes);
        }
        if (c == 0)
        {
            c = other.Fingerprints.CompareTo(Fingerprints);
        }
        if (c == 0)
        {
            c = Rep.CompareTo(other.Rep);
        }
        return c != 0 ? c : Group.CompareTo(other.Group);
    }
}
