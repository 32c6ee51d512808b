namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
    /// <summary>
    /// The error of a batch run that finds a listed document removed, or removed and added again with another text,
    /// since its listing. The coordinator lists summaries, not sketches, so it has nothing to work such a document from;
    /// failing is the choice over keeping a snapshot of every partition for the run (docs/scale-out.md, "Adds while a
    /// batch clustering runs"). Documents added since are left out, as before, and change nothing.
    /// </summary>
    internal InvalidOperationException ListingChanged(params string[] ids) =>
        new($"a document of this batch run ({string.Join(", ", ids.Distinct().Select(id => $"'{id}'"))}) was removed or changed since the run listed "
            + $"index '{IndexName}'; run the clustering again once the writers that remove or replace documents are done");

    /// <summary>
    /// A chunk call that names the chunk by its place in the partition's order (<see cref="Partitions.SizeRequest"/>),
    /// sent again with the chunk's ids when <paramref name="done"/> says the partition did not find it there: a
    /// document added since between two listed ones moves the place, not the listed documents.
    /// </summary>
    private async Task<T> ByPlaceThenIdsAsync<T>(string what, Func<string[]?, Task<T>> call, Func<T, bool> done, Func<string[]> chunkIds,
        CancellationToken cancellationToken)
    {
        var answer = await RetriedAsync(what, () => call(null), cancellationToken);
        if (done(answer))
        {
            return answer;
        }
        string[] ids = chunkIds();
        return await RetriedAsync($"{what}, by id", () => call(ids), cancellationToken);
    }
}
