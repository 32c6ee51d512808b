using NearDup.Clustering;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// The pieces of a document partition's part of a batch run's weak links (<see cref="RunLinkRequest"/>): its pairs, cut
/// into <see cref="WeakLinkRequest"/>s that <see cref="PartitionWeakLinks.Compute"/> verifies and judges as the
/// coordinator's calls did, and the answer under the run's group numbers.
/// </summary>
internal static class PartitionRunLinks
{
    /// <summary>Pairs judged at once: bounds the members' sketches a partition reads at a time.</summary>
    public const int Chunk = 4096;

    /// <summary>The anchor candidates and the sent pairs, ascending, each once, with the owner of each one's larger group.</summary>
    public static (long[] Pairs, int[] Owners) Union(AnchorPairAnswer anchors, long[] pairs, int[] owners)
    {
        var ownerOf = new Dictionary<long, int>(anchors.Pairs.Length + pairs.Length, Internal.PairComparer.Instance);
        for (int k = 0; k < anchors.Pairs.Length; k++)
        {
            ownerOf[anchors.Pairs[k]] = anchors.Owners[k];
        }
        for (int k = 0; k < pairs.Length; k++)
        {
            ownerOf.TryAdd(pairs[k], owners[k]);
        }
        long[] union = [.. ownerOf.Keys.Order()];
        return (union, Array.ConvertAll(union, p => ownerOf[p]));
    }

    /// <summary>
    /// The weak-link request of <paramref name="chunk"/> (ascending): its groups in ascending order as kept for the run
    /// (<paramref name="groups"/>), each with the members the judge reads, the pairs over their places (ascending, as the
    /// places keep the groups' order), and which of them the run's coordinator sent (its leftovers, <see cref="RunLinkRequest.Pairs"/>).
    /// </summary>
    public static WeakLinkRequest Request(RunLinkRequest run, long[] chunk, IReadOnlyDictionary<int, RunGroup> groups)
    {
        int[] numbers = [.. chunk.SelectMany(p => new[] { PairKey.Unpack(p).A, PairKey.Unpack(p).B }).Distinct().Order()];
        var starts = new int[numbers.Length + 1];
        var ids = new List<string>();
        var content = new List<ulong>();
        var kept = Array.ConvertAll(numbers, g => groups[g]);
        foreach (var (group, k) in kept.Select((group, k) => (group, k)))
        {
            var judged = group.JudgedOnRepresentative ? group.Representative..(group.Representative + 1) : ..;
            ids.AddRange(group.Ids[judged]);
            content.AddRange(group.Content[judged]);
            starts[k + 1] = ids.Count;
        }
        long Local(long p) => PairKey.Pack(Array.BinarySearch(numbers, PairKey.Unpack(p).A), Array.BinarySearch(numbers, PairKey.Unpack(p).B));
        long[] leftovers = [.. chunk.Where(p => Array.BinarySearch(run.Pairs, p) >= 0).Select(Local)];
        return new WeakLinkRequest(run.Index, run.Partitions, run.Options, run.Boilerplate, run.CommonFacts, starts, [.. ids], [.. content],
            Array.ConvertAll(kept, g => g.Ids.Length), Array.ConvertAll(kept, g => g.JudgedOnRepresentative ? 0 : g.Representative),
            Array.ConvertAll(kept, g => g.Core), [.. chunk.Select(Local)], leftovers);
    }

    /// <summary>The chunks' answers as one, under the run's group numbers (ascending, as the chunks and their links are).</summary>
    public static RunLinkAnswer Answer(List<(long[] Chunk, WeakLinkAnswer Answer)> judged, int anchorCandidates) => new(
        [.. judged.SelectMany(j => j.Answer.Links.Select(k => j.Chunk[k]))],
        [.. judged.SelectMany(j => j.Answer.Shared)],
        [.. judged.SelectMany(j => j.Answer.SizeA)],
        [.. judged.SelectMany(j => j.Answer.SizeB)],
        [.. judged.SelectMany(j => j.Answer.Same)],
        [.. judged.SelectMany(j => j.Answer.Leads)],
        [.. judged.SelectMany(j => j.Answer.Unlisted.Select(k => j.Chunk[k]))],
        anchorCandidates);
}
