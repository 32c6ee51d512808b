using NearDup.Clustering;
using NearDup.Distributed.Partitions;
using NearDup.Indexing;

namespace NearDup.Distributed;

/// <summary>
/// The key rows a sketch is indexed under, by the library's own rules: one row per LSH band (<c>SignatureKeys</c> keys
/// band tables by the same band keys), one per SimHash block (<see cref="SimHashIndex"/>'s blocks), and one per anchor
/// of the text's anchors (<c>AnchorWinnow</c>, chosen from the document alone). A document without shingles has no band or SimHash rows, as in
/// <c>SignatureKeys.DocumentsWithText</c>.
/// </summary>
internal sealed class SketchKeys(NearDupOptions options)
{
    private readonly int _blocks = options.SimHashMaxDistance + 1;
    private readonly int _blockBits = SimHashIndex.BlockBits(options.SimHashMaxDistance);
    private readonly int _window = AnchorWinnow.WindowOf(options);

    /// <summary>Rows of <paramref name="kind"/> for a document (or, with an empty id, the probes of a query).</summary>
    public void Rows(PartitionKind kind, string id, int shingleCount, uint[] bandKeys, ulong simHash, uint[] fingerprints, ushort[] positions,
        List<KeyEntry> into)
    {
        switch (kind)
        {
            case PartitionKind.Band when shingleCount > 0:
                for (int band = 0; band < bandKeys.Length; band++)
                {
                    into.Add(new KeyEntry((uint)band, bandKeys[band], id, 0));
                }
                break;
            case PartitionKind.SimHash when shingleCount > 0:
                for (int block = 0; block < _blocks; block++)
                {
                    into.Add(new KeyEntry((uint)block, SimHashIndex.BlockKey(simHash, block, _blockBits), id, simHash));
                }
                break;
            case PartitionKind.Anchor:
                var anchors = new uint[fingerprints.Length];
                int count = AnchorWinnow.Choose(fingerprints, positions.Length == fingerprints.Length ? positions : [], _window, anchors);
                foreach (uint fp in anchors.AsSpan(0, count))
                {
                    into.Add(new KeyEntry(0, fp, id, 0));
                }
                break;
        }
    }

    /// <summary>The rows of <paramref name="sketch"/>.</summary>
    public void Rows(PartitionKind kind, StoredSketch sketch, List<KeyEntry> into) =>
        Rows(kind, sketch.Id, sketch.ShingleCount, sketch.BandKeys, sketch.SimHash, sketch.Fingerprints, sketch.Positions, into);

    /// <summary>The key kinds, in the order a client writes them.</summary>
    public static PartitionKind[] KeyKinds { get; } = [PartitionKind.Band, PartitionKind.SimHash, PartitionKind.Anchor];
}
