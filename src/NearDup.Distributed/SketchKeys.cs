using NearDup.Clustering;
using NearDup.Distributed.Partitions;
using NearDup.Indexing;

namespace NearDup.Distributed;

/// <summary>
/// The key rows a sketch is indexed under, by the library's own rules: one row per LSH band (<c>SignatureKeys</c> keys
/// band tables by the same band keys), one per SimHash block (<see cref="SimHashIndex"/>'s blocks), and one per anchor
/// fingerprint (<c>AnchorTable.MaskOf</c>). A document without shingles has no band or SimHash rows, as in
/// <c>SignatureKeys.DocumentsWithText</c>.
/// </summary>
internal sealed class SketchKeys(NearDupOptions options)
{
    private readonly int _blocks = options.SimHashMaxDistance + 1;
    private readonly int _blockBits = SimHashIndex.BlockBits(options.SimHashMaxDistance);
    private readonly uint _anchorMask = AnchorTable.MaskOf(options);

    /// <summary>Rows of <paramref name="kind"/> for a document (or, with an empty id, the probes of a query).</summary>
    public void Rows(PartitionKind kind, string id, int shingleCount, uint[] bandKeys, ulong simHash, uint[] fingerprints, List<KeyEntry> into)
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
                foreach (uint fp in fingerprints)
                {
                    if ((fp & _anchorMask) == 0)
                    {
                        into.Add(new KeyEntry(0, fp, id, 0));
                    }
                }
                break;
        }
    }

    /// <summary>The rows of <paramref name="sketch"/>.</summary>
    public void Rows(PartitionKind kind, StoredSketch sketch, List<KeyEntry> into) =>
        Rows(kind, sketch.Id, sketch.ShingleCount, sketch.BandKeys, sketch.SimHash, sketch.Fingerprints, into);

    /// <summary>The key kinds, in the order a client writes them.</summary>
    public static PartitionKind[] KeyKinds { get; } = [PartitionKind.Band, PartitionKind.SimHash, PartitionKind.Anchor];
}
