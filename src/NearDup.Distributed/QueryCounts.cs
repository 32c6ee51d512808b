namespace NearDup.Distributed;

/// <summary>
/// What a client's queries have read so far, to tell where a query's bytes go: the key rows (postings) the band and
/// SimHash partitions answered, the anchor partitions' per-document counts, the candidates scored at their document
/// partitions, the query's sketch sent to those partitions, and the matches they returned.
/// </summary>
/// <param name="Queries">Queries answered (texts with no shingles are not sent).</param>
/// <param name="BandRows">Band rows received.</param>
/// <param name="SimHashRows">SimHash block rows received.</param>
/// <param name="AnchorRows">Anchor answers received: one per document and anchor partition holding some of the query's anchors.</param>
/// <param name="Candidates">Documents scored, at the document partitions that hold them.</param>
/// <param name="SketchBytes">Bytes of the query's packed sketch sent, one copy per document partition asked.</param>
/// <param name="Matches">Matches the partitions returned.</param>
public sealed record QueryCounts(long Queries, long BandRows, long SimHashRows, long AnchorRows, long Candidates, long SketchBytes, long Matches)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        double n = Math.Max(Queries, 1);
        return $"{Queries:N0} queries; per query: {BandRows / n:N1} band, {SimHashRows / n:N1} SimHash rows and {AnchorRows / n:N1} anchor hits; "
            + $"{Candidates / n:N1} candidates scored at their partitions, {SketchBytes / n:N0} B of the query's sketch sent to them, {Matches / n:N1} matches";
    }
}
