using NearDup.Clustering;
using NearDup.Indexing;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// The candidate pairs of a key partition's runs, formed where the runs are, by the candidate stage's own rules
/// (<see cref="CandidateStage.EmitRun"/> for a band run, <see cref="SimHashIndex.ForEachPairInRun"/> for a SimHash block
/// run), each pair once per partition, by its rows' numbers in the run's listing.
/// </summary>
/// <remarks>
/// A run is paired over its rows' places (0, 1, …): its rows are in ordinal order of id, the order the coordinator numbers
/// documents in, so a pair of places is the pair the stage makes of the document numbers, its first place the document
/// whose id sorts first. That document's partition is where the pair goes, so the pairs a key shares in several runs,
/// on several partitions, meet there.
/// </remarks>
internal sealed class PartitionRunPairs(PartitionKind kind, int simHashMaxDistance)
{
    private readonly HashSet<long> _pairs = new(Internal.PairComparer.Instance);
    private readonly HashSet<long> _runPairs = new(Internal.PairComparer.Instance);
    private readonly Dictionary<int, string> _idOf = [];

    /// <summary>Pairs <paramref name="run"/>, whose every row has a number.</summary>
    public void Add(KeyRun run)
    {
        _runPairs.Clear();
        var sink = new PairCollector(_runPairs);
        int[] places = [.. Enumerable.Range(0, run.Ids.Length)];
        if (kind == PartitionKind.Band)
        {
            CandidateStage.EmitRun(places, ref sink);
        }
        else
        {
            SimHashIndex.ForEachPairInRun(run.Payloads, places, (int)run.Table, simHashMaxDistance, ref sink);
        }
        foreach (long key in _runPairs)
        {
            var (first, second) = PairKey.Unpack(key);
            _pairs.Add(PairKey.Pack(run.NumberOf(first), run.NumberOf(second)));
            _idOf[run.NumberOf(first)] = run.Ids[first];
            _idOf[run.NumberOf(second)] = run.Ids[second];
        }
    }

    /// <summary>The pairs by the document partition of their first document, ascending, with the ids of their numbers.</summary>
    public SortedDictionary<int, CandidateTally> ByPartition(int partitions)
    {
        var tallies = new SortedDictionary<int, CandidateTally>();
        foreach (var group in _pairs.Order().GroupBy(pair => PartitionMap.OfDocument(_idOf[PairKey.Unpack(pair).A], partitions)))
        {
            long[] pairs = [.. group];
            int[] numbers = [.. pairs.SelectMany(p => new[] { PairKey.Unpack(p).A, PairKey.Unpack(p).B }).Distinct().Order()];
            tallies[group.Key] = new CandidateTally(pairs, numbers, Array.ConvertAll(numbers, n => _idOf[n]));
        }
        return tallies;
    }
}
