namespace NearDup.Tests.Cli;

/// <summary>
/// Tests that measure the whole process's heap: they run one at a time, after the parallel ones, since another test's
/// allocations and collections meanwhile would move what they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessHeapCollection
{
    public const string Name = "ProcessHeap";
}
