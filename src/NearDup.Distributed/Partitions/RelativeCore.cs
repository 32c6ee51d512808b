namespace NearDup.Distributed.Partitions;

/// <summary>
/// A group's core as its representative's fingerprints it keeps (one bit each) and the fingerprints it adds (packed,
/// <see cref="PackedFingerprints"/>): the representative's text lies mostly inside its group's core, and whoever judges
/// the group reads the representative's sketch anyway, so this is a fraction of the core packed whole. A batch run
/// keeps each core so at the partition that computed it, and sends it so to the partitions judging its group's links.
/// </summary>
/// <param name="Kept">Bit k (of byte k / 8) set when the core holds the representative's k-th fingerprint.</param>
/// <param name="Added">The core's fingerprints the representative does not hold, packed.</param>
[GenerateSerializer, Immutable, Alias("NearDup.RelativeCore")]
public sealed record RelativeCore([property: Id(0)] byte[] Kept, [property: Id(1)] byte[] Added)
{
    /// <summary><paramref name="core"/> relative to <paramref name="representative"/> (both ascending).</summary>
    internal static RelativeCore Of(ReadOnlySpan<uint> representative, ReadOnlySpan<uint> core)
    {
        var kept = new byte[(representative.Length + 7) / 8];
        var added = new List<uint>();
        int j = 0;
        for (int k = 0; k < representative.Length; k++)
        {
            while (j < core.Length && core[j] < representative[k])
            {
                added.Add(core[j++]);
            }
            if (j < core.Length && core[j] == representative[k])
            {
                kept[k >> 3] |= (byte)(1 << (k & 7));
                j++;
            }
        }
        for (; j < core.Length; j++)
        {
            added.Add(core[j]);
        }
        return new RelativeCore(kept, PackedFingerprints.Pack([.. added]));
    }

    /// <summary>The core, ascending, given the fingerprints of the representative it was made relative to.</summary>
    internal uint[] Decode(ReadOnlySpan<uint> representative)
    {
        var rest = PackedFingerprints.Unpack(Added);
        var core = new List<uint>(rest.Length + representative.Length);
        int j = 0;
        for (int k = 0; k < representative.Length; k++)
        {
            if ((Kept[k >> 3] & (1 << (k & 7))) == 0)
            {
                continue;
            }
            while (j < rest.Length && rest[j] < representative[k])
            {
                core.Add(rest[j++]);
            }
            core.Add(representative[k]);
        }
        for (; j < rest.Length; j++)
        {
            core.Add(rest[j]);
        }
        return [.. core];
    }
}
