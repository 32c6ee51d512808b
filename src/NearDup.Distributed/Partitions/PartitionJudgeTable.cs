using NearDup.Clustering;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// What a document partition judges a batch run's groups or clusters over (the weak links' and stage 7's calls): a
/// table of just the listed groups' members, numbered by ordinal order of id as the run's whole table is
/// (<see cref="PartitionGroupCores.TableOf"/>), their sizes without the run's boilerplate
/// (<see cref="BoilerplateStage.Sizes"/>) and a <see cref="StoryJudge"/> over them, which reads the same sides it reads
/// at the coordinator.
/// </summary>
/// <param name="Options">The run's options.</param>
/// <param name="Listed">The groups whose members are all stored as listed; group k of <see cref="Layout"/> is Listed[k].</param>
/// <param name="Docs">The listed groups' members.</param>
/// <param name="Layout">The listed groups over <see cref="Docs"/>.</param>
/// <param name="Filter">The run's boilerplate.</param>
/// <param name="Sizes">Each member's fingerprints that are not boilerplate.</param>
/// <param name="Judge">The judge over <see cref="Docs"/>.</param>
internal sealed record PartitionJudgeTable(NearDupOptions Options, int[] Listed, DocumentTable Docs, GroupLayout Layout, BoilerplateFilter Filter,
    int[] Sizes, StoryJudge Judge)
{
    /// <summary>One worker on the default scheduler: a grain's turn must not queue work on its own scheduler and wait for it.</summary>
    public static readonly ParallelOptions Sequential = new() { MaxDegreeOfParallelism = 1, TaskScheduler = TaskScheduler.Default };

    /// <summary>The table of a request's groups (members <paramref name="ids"/>[<paramref name="starts"/>[g]..], as listed) read from <paramref name="sketches"/>.</summary>
    public static PartitionJudgeTable Of(string optionsJson, int[] starts, string[] ids, ulong[] content, uint[] boilerplate, uint[] commonFacts,
        IReadOnlyDictionary<string, StoredSketch> sketches)
    {
        var options = PartitionScorer.For(optionsJson).Options;
        var listed = PartitionGroupCores.Listed(starts, ids, content, sketches);
        var (docs, layout) = PartitionGroupCores.TableOf(starts, ids, sketches, listed);
        var filter = BoilerplateFilter.Of(boilerplate);
        var sizes = BoilerplateStage.Sizes(docs, filter, Sequential);
        return new PartitionJudgeTable(options, listed, docs, layout, filter, sizes,
            new StoryJudge(docs, filter, sizes, options.SampleRate, CommonFacts.Of(commonFacts)));
    }
}
