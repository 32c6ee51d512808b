using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

/// <summary>A partition of document sketches, unique by id, in a <see cref="SegmentedTable{T, TOrder}"/>.</summary>
[Hosting.PartitionPlacement]
public sealed partial class DocumentPartitionGrain(
    [PersistentState("documents", PartitionStorage.Name)] IPersistentState<SegmentState<StoredSketch>> state)
    : PartitionGrain<StoredSketch, StoredSketchOrder>(state), IDocumentPartitionGrain, IRunStateProbe
{
    private PartitionScorer? _scorer;

    /// <summary>The scorer of the last batch run a query asked for, with that run's filters.</summary>
    private PartitionScorer? _runScorer;

    /// <summary>A sketch packs into about 5.3 KB at the default rate: a merged piece of this many is about 11 MB (10.9 MB the largest at 100,000 documents).</summary>
    protected override int PieceRows => 2048;

    /// <inheritdoc/>
    protected override (string[] Ids, byte[] Data) PackRows(StoredSketch[] rows)
    {
        var page = SketchPage.Pack(rows, SketchParts.All);
        return (page.Ids, page.Data);
    }

    /// <inheritdoc/>
    protected override StoredSketch[] UnpackRows(string[] ids, byte[] data) => new SketchPage { Ids = ids, Data = data, Parts = SketchParts.All }.Unpack();

    /// <inheritdoc/>
    public async Task<AddOutcome[]> Add(SketchPage page)
    {
        if (page.Parts != SketchParts.All)
        {
            throw new ArgumentException($"A page of {page.Parts} holds only part of its sketches; an add sends whole sketches ({SketchParts.All}).", nameof(page));
        }
        var sketches = page.Unpack();
        var added = new bool[sketches.Length];
        Table.AddRange(sketches, added);
        var outcomes = new AddOutcome[sketches.Length];
        for (int i = 0; i < sketches.Length; i++)
        {
            // Not added: the id was taken, before this call or by an earlier sketch of it.
            outcomes[i] = added[i] ? AddOutcome.Added
                : Table.TryGet(sketches[i], out var present) && present.IsSameDocument(sketches[i]) ? AddOutcome.AlreadyPresent : AddOutcome.Conflict;
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
        var scorer = await ScorerOfRun(request.Run);
        var matches = scorer.Matches(query, await Get(request.Candidates), request.AnchorOnly, request.IfShort);
        return [.. matches.Select(ScoredMatch.From)];
    }

    /// <summary>
    /// The scorer of the index's options with batch run <paramref name="run"/>'s filters (none for run 0), read from the
    /// run grain when the run is not the one last scored with.
    /// </summary>
    private async Task<PartitionScorer> ScorerOfRun(long run)
    {
        var scorer = _scorer ?? await ScorerOfIndex();
        if (run == 0 || _runScorer?.Run == run)
        {
            return run == 0 ? scorer : _runScorer!;
        }
        string index = PartitionMap.IndexOfKey(this.GetPrimaryKeyString());
        var filters = await GrainFactory.GetGrain<IClusterRunGrain>(index).FiltersOf(run) ?? throw new InvalidOperationException(
            $"Index '{index}': clustering run {run} is no longer the published run or the one before it; ask again.");
        return _runScorer = scorer.WithFilters(filters);
    }

    /// <summary>The scorer of the index's options, read from its manifest once per activation (the options are fixed when it is created).</summary>
    private async Task<PartitionScorer> ScorerOfIndex()
    {
        string index = PartitionMap.IndexOfKey(this.GetPrimaryKeyString());
        var manifest = await GrainFactory.GetGrain<IIndexManifestGrain>(index).Get();
        string json = manifest?.OptionsJson ?? throw new InvalidOperationException(
            $"Index '{index}' has no stored options to score a query with: open it with a client first (its manifest predates them) or create it.");
        return _scorer = PartitionScorer.For(json);
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
    public Task<SketchPage> Scan(string? after, int max, SketchParts parts) =>
        Task.FromResult(SketchPage.Pack(Table.Page(after is null, new StoredSketch { Id = after ?? "" }, max).ToArray(), parts));

    /// <inheritdoc/>
    public Task<MeasureAnswer> Measure(MeasureRequest request) =>
        MeasureAsync(request.Index, request.Partitions, request.First, request.Second, (request.FirstContent, request.SecondContent), request.Common);

    /// <summary>
    /// The shared fingerprints of each pair (<paramref name="first"/>[k] stored here), -1 for a pair with a document
    /// missing or, given <paramref name="listed"/>, not of its listed content hash; without <paramref name="common"/>
    /// whether the two are dated apart as a series' items (facts that differ, or two flashes) (stage 2's check).
    /// </summary>
    private async Task<MeasureAnswer> MeasureAsync(string index, int partitions, string[] first, string[] second,
        (ulong[] First, ulong[] Second)? listed, byte[]? common)
    {
        // The second documents' fingerprints (and content hashes) from their partitions; their facts and dates only
        // for stage 2's check. Positions and band keys are not read.
        var sketches = await SketchesOfAsync(index, partitions, second, common is null ? SketchParts.Facts : SketchParts.Fingerprints);
        // The verifier's options play no part in a count; its filter is the run's boilerplate for the pairs' listing.
        var verifier = new Verifier(NearDupOptions.Default, common is null ? BoilerplateFilter.None : BoilerplateFilter.Of(PackedFingerprints.Unpack(common)));
        var shared = new int[first.Length];
        var differ = new byte[common is null ? (shared.Length + 7) / 8 : 0];
        for (int k = 0; k < shared.Length; k++)
        {
            if (!Table.TryGet(new StoredSketch { Id = first[k] }, out var a) || !sketches.TryGetValue(second[k], out var b)
                || listed is { } content && (a.ContentHash != content.First[k] || b.ContentHash != content.Second[k]))
            {
                shared[k] = -1;
                continue;
            }
            shared[k] = verifier.Measure(a.Fingerprints, a.Fingerprints.Length, b.Fingerprints, b.Fingerprints.Length).Shared;
            if (common is null && FactRules.SeriesApart(a.Facts, a.DateTicks, a.ShingleCount, b.Facts, b.DateTicks, b.ShingleCount))
            {
                differ[k >> 3] |= (byte)(1 << (k & 7));
            }
        }
        return new MeasureAnswer(shared, differ);
    }

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

    /// <inheritdoc/>
    public Task<string[]> Ids() => Task.FromResult(Table.Rows().Select(s => s.Id).ToArray());
}
