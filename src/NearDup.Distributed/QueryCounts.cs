namespace NearDup.Distributed;

/// <summary>
/// What a client's queries have read so far, to tell where a query's bytes go: the key rows (postings) the band and
/// SimHash partitions answered, the anchor partitions' per-document counts, the candidates scored, and the packed bytes
/// of their sketches.
/// </summary>
/// <param name="Queries">Queries answered (texts with no shingles are not sent).</param>
/// <param name="BandRows">Band rows received.</param>
/// <param name="SimHashRows">SimHash block rows received.</param>
/// <param name="AnchorRows">Anchor answers received: one per document and anchor partition holding some of the query's anchors.</param>
/// <param name="Candidates">Documents whose sketches were fetched and scored.</param>
/// <param name="SketchBytes">Bytes of those sketches as packed (ids not counted).</param>
public sealed record QueryCounts(long Queries, long BandRows, long SimHashRows, long AnchorRows, long Candidates, long SketchBytes)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        double n = Math.Max(Queries, 1);
        return $"{Queries:N0} queries; per query: {BandRows / n:N1} band, {SimHashRows / n:N1} SimHash rows and {AnchorRows / n:N1} anchor hits; "
            + $"{Candidates / n:N1} candidates, {SketchBytes / n:N0} B of their sketches";
    }
}
