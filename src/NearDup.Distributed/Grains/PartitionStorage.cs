namespace NearDup.Distributed.Grains;

/// <summary>The grain storage the index's grains use.</summary>
public static class PartitionStorage
{
    /// <summary>The grain storage provider's name (memory in tests, PostgreSQL under <c>neardup serve</c>).</summary>
    public const string Name = "neardup";
}
