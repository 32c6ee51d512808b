namespace NearDup.Distributed.Partitions;

/// <summary>
/// A group's core as its representative's fingerprints it keeps (one bit each) and the fingerprints it adds (packed,
/// <see cref="PackedFingerprints"/>): the representative's text lies mostly inside its group's core, and the
/// coordinator holds the representative's fingerprints already, so this is a fraction of the core packed whole.
/// </summary>
internal static class RelativeCore
{
    /// <summary>The bits (bit k of byte k / 8 for the representative's k-th fingerprint) and the packed rest of <paramref name="core"/>.</summary>
    public static (byte[] Kept, byte[] Added) Encode(ReadOnlySpan<uint> representative, ReadOnlySpan<uint> core)
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
        return (kept, PackedFingerprints.Pack([.. added]));
    }

    /// <summary>The core <see cref="Encode"/> gave <paramref name="kept"/> and <paramref name="added"/> for, ascending.</summary>
    public static uint[] Decode(ReadOnlySpan<uint> representative, byte[] kept, byte[] added)
    {
        var rest = PackedFingerprints.Unpack(added);
        var core = new List<uint>(rest.Length + representative.Length);
        int j = 0;
        for (int k = 0; k < representative.Length; k++)
        {
            if ((kept[k >> 3] & (1 << (k & 7))) == 0)
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
