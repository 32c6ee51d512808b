using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

/// <summary>One partition of an index's document sketches, by id (grain key from <see cref="PartitionMap.GrainKey"/>).</summary>
[Alias("NearDup.IDocumentPartitionGrain")]
public interface IDocumentPartitionGrain : IGrainWithStringKey
{
    /// <summary>Stores the sketches and persists them before returning; one outcome per sketch, in order.</summary>
    [Alias("Add")]
    public Task<AddOutcome[]> Add(StoredSketch[] sketches);

    /// <summary>The sketches of the ids present, in the order asked (missing ids are left out).</summary>
    [Alias("Get")]
    public Task<StoredSketch[]> Get(string[] ids);

    /// <summary>Removes a document and persists that; returns its sketch (so its keys can be removed), or null.</summary>
    [Alias("Remove")]
    public Task<StoredSketch?> Remove(string id);

    /// <summary>Every id present, in ordinal order.</summary>
    [Alias("Ids")]
    public Task<string[]> Ids();

    /// <summary>Folds the tail into the segment now.</summary>
    [Alias("Merge")]
    public Task Merge();

    /// <summary>The partition's sizes.</summary>
    [Alias("Stats")]
    public Task<PartitionStats> Stats();
}
