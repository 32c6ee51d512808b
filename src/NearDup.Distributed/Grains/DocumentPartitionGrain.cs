using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

/// <summary>A partition of document sketches, unique by id, in a <see cref="SegmentedTable{T, TOrder}"/>.</summary>
public sealed partial class DocumentPartitionGrain(
    [PersistentState("documents", PartitionStorage.Name)] IPersistentState<SegmentState<StoredSketch>> state)
    : PartitionGrain<StoredSketch, StoredSketchOrder>(state), IDocumentPartitionGrain
{
    private static readonly Verifier s_measure = new(NearDupOptions.Default, BoilerplateFilter.None);

    /// <inheritdoc/>
    public async Task<AddOutcome[]> Add(StoredSketch[] sketches)
    {
        var outcomes = new AddOutcome[sketches.Length];
        for (int i = 0; i < sketches.Length; i++)
        {
            if (Table.TryGet(sketches[i], out var present))
            {
                outcomes[i] = present.IsSameDocument(sketches[i]) ? AddOutcome.AlreadyPresent : AddOutcome.Conflict;
                continue;
            }
            Table.Add(sketches[i]);
            outcomes[i] = AddOutcome.Added;
        }
        await Persist();
        return outcomes;
    }

    /// <inheritdoc/>
    public Task<StoredSketch[]> Get(string[] ids)
    {
        var found = new List<StoredSketch>(ids.Length);
        foreach (string id in ids)
        {
            if (Table.TryGet(new StoredSketch { Id = id }, out var sketch))
            {
                found.Add(sketch);
            }
        }
        return Task.FromResult(found.ToArray());
    }

    /// <inheritdoc/>
    public async Task<SketchPage> Fetch(string[] ids, SketchParts parts) => SketchPage.Pack(await Get(ids), parts);

    /// <inheritdoc/>
    public async Task<ScoredMatch[]> Score(QueryRequest request)
    {
        var query = request.Query.Unpack().Single();
        var matches = PartitionScorer.For(request.Options).Matches(query, await Get(request.Candidates));
        return [.. matches.Select(ScoredMatch.From)];
    }

    /// <inheritdoc/>
    public async Task<StoredSketch?> Remove(string id)
    {
        if (!Table.TryGet(new StoredSketch { Id = id }, out var sketch))
        {
            await Persist(); // a retried removal whose first save failed
            return null;
        }
        Table.Remove(sketch);
        await Persist();
        return sketch;
    }

    /// <inheritdoc/>
    public Task<SketchPage> Scan(string? after, int max) =>
        Task.FromResult(SketchPage.Pack(Table.Page(after is null, new StoredSketch { Id = after ?? "" }, max).ToArray(), SketchParts.All));

    /// <inheritdoc/>
    public async Task<int[]> Measure(MeasureRequest request)
    {
        var sketches = await SecondSketchesAsync(request);
        var shared = new int[request.First.Length];
        for (int k = 0; k < shared.Length; k++)
        {
            shared[k] = Table.TryGet(new StoredSketch { Id = request.First[k] }, out var a) && a.ContentHash == request.FirstContent[k]
                && sketches.TryGetValue(request.Second[k], out var b) && b.ContentHash == request.SecondContent[k]
                // The verifier without a boilerplate filter, as the strong-link stage measures: its options play no part in a count.
                ? s_measure.Measure(a.Fingerprints, a.Fingerprints.Length, b.Fingerprints, b.Fingerprints.Length).Shared
                : -1;
        }
        return shared;
    }

    /// <summary>
    /// The second documents' fingerprints (and content hashes): this partition's read here, the others' in one call per
    /// partition, without positions, facts or band keys, which counting does not read.
    /// </summary>
    private Task<Dictionary<string, StoredSketch>> SecondSketchesAsync(MeasureRequest request) =>
        FingerprintsOfAsync(request.Index, request.Partitions, request.Second);

    /// <summary>The fingerprints and content hashes of <paramref name="ids"/> (those present), from whichever partitions hold them.</summary>
    private Task<Dictionary<string, StoredSketch>> FingerprintsOfAsync(string index, int partitions, IEnumerable<string> ids) =>
        SketchesOfAsync(index, partitions, ids, SketchParts.Fingerprints);

    /// <summary>The <paramref name="parts"/> of the sketches of <paramref name="ids"/> (those present), from whichever partitions hold them.</summary>
    private async Task<Dictionary<string, StoredSketch>> SketchesOfAsync(string index, int partitions, IEnumerable<string> ids, SketchParts parts)
    {
        string self = this.GetPrimaryKeyString();
        var found = new Dictionary<string, StoredSketch>(StringComparer.Ordinal);
        var calls = new List<Task<SketchPage>>();
        foreach (var group in ids.Distinct(StringComparer.Ordinal).GroupBy(id => PartitionMap.OfDocument(id, partitions)))
        {
            string key = PartitionMap.GrainKey(index, PartitionKind.Document, group.Key);
            if (key == self)
            {
                calls.Add(Fetch([.. group], parts));
            }
            else
            {
                calls.Add(GrainFactory.GetGrain<IDocumentPartitionGrain>(key).Fetch([.. group], parts));
            }
        }
        foreach (var sketch in (await Task.WhenAll(calls)).SelectMany(page => page.Unpack()))
        {
            found[sketch.Id] = sketch;
        }
        return found;
    }

    /// <summary>Clears the figure bit of every fact in a record written before formats were kept (<see cref="StoredFormat.Unversioned"/>).</summary>
    protected override SegmentState<StoredSketch> Upgrade(SegmentState<StoredSketch> stored) => new()
    {
        Segment = [.. stored.Segment.Select(s => s.WithoutFigureBits())],
        Tail = [.. stored.Tail.Select(s => s.WithoutFigureBits())],
        Removed = [.. stored.Removed.Select(s => s.WithoutFigureBits())],
        Merges = stored.Merges,
        Format = StoredFormat.Current,
    };

    /// <inheritdoc/>
    public Task<string[]> Ids() => Task.FromResult(Table.Rows().Select(s => s.Id).ToArray());
}
