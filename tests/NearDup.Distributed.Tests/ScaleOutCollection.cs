namespace NearDup.Distributed.Tests;

/// <summary>
/// The multi-process scale-out test runs alone, after the others: its seven processes and their PostgreSQL
/// connections beside the in-process clusters made calls time out on a loaded 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleOutCollection
{
    public const string Name = "scale-out";
}
