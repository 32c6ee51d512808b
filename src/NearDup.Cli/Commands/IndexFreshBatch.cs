using NearDup.Clustering;

namespace NearDup.Cli.Commands;

/// <summary>
/// A batch read for <c>index add</c>, whose records are checked, in input order as they are committed, against the ids
/// the index already holds (<see cref="IndexKnownIds"/>); everything else is the reader's batch, parsed and sketched
/// on the detector's threads as for <c>cluster</c>.
/// </summary>
internal sealed class IndexFreshBatch(DocumentBatch batch, IndexKnownIds known) : DocumentBatch
{
    public override int Count => batch.Count;

    public override bool HasEmptyId => batch.HasEmptyId;

    public override int GetMaxShingleCount(int i, Sketcher sketcher) => batch.GetMaxShingleCount(i, sketcher);

    public override bool TryParse(int i, out ParsedText text) => batch.TryParse(i, out text);

    public override void Sketched() => batch.Sketched();

    // The reader's check first: an id repeated within the input is named as such, as the per-document path did.
    public override bool Commit(int i) => batch.Commit(i) && known.IsFresh(batch.Id(i), batch.Location(i));

    public override string Id(int i) => batch.Id(i);

    public override long DateTicks(int i) => batch.DateTicks(i);

    public override string? Location(int i) => batch.Location(i);

    public override void End() => batch.End();
}
