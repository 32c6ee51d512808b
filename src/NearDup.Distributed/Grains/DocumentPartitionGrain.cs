using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

/// <summary>A partition of document sketches, unique by id, in a <see cref="SegmentedTable{T}"/>.</summary>
public sealed class DocumentPartitionGrain(
    [PersistentState("documents", PartitionGrain<StoredSketch>.StorageName)] IPersistentState<SegmentState<StoredSketch>> state)
    : PartitionGrain<StoredSketch>(state), IDocumentPartitionGrain
{
    /// <inheritdoc/>
    protected override IComparer<StoredSketch> Order => StoredSketchOrder.Instance;

    /// <inheritdoc/>
    public async Task<AddOutcome[]> Add(StoredSketch[] sketches)
    {
        var outcomes = new AddOutcome[sketches.Length];
        bool changed = false;
        for (int i = 0; i < sketches.Length; i++)
        {
            if (Table.TryGet(sketches[i], out var present))
            {
                outcomes[i] = present.IsSameDocument(sketches[i]) ? AddOutcome.AlreadyPresent : AddOutcome.Conflict;
                continue;
            }
            Table.Add(sketches[i]);
            outcomes[i] = AddOutcome.Added;
            changed = true;
        }
        if (changed)
        {
            await Persist();
        }
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
    public async Task<StoredSketch?> Remove(string id)
    {
        if (!Table.TryGet(new StoredSketch { Id = id }, out var sketch))
        {
            return null;
        }
        Table.Remove(sketch);
        await Persist();
        return sketch;
    }

    /// <inheritdoc/>
    public Task<string[]> Ids() => Task.FromResult(Table.Rows().Select(s => s.Id).ToArray());
}
