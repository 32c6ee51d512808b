namespace NearDup.Distributed.Tests;

/// <summary>The tests that share one three-silo cluster (each uses its own index name).</summary>
[CollectionDefinition(Name)]
public sealed class OrleansCollection : ICollectionFixture<OrleansClusterFixture>
{
    public const string Name = "orleans";
}
