using NearDup.Clustering;

namespace NearDup.Persistence;

/// <summary>
/// The anchor table in the query state section (format 10 on, docs/index-format.md): its postings, <c>(key &lt;&lt; 32) | group</c>
/// in ascending order, saved as <see cref="PostingLookup"/> reads them, so a load decodes them in order into the lookup's
/// array and no gathering, counting, scattering or sorting is left to do. Packed, the distinct keys go in blocks of
/// <see cref="BlockKeys"/>, each block's three runs packed as fingerprints are (<see cref="FingerprintPacking"/>):
/// <code>
/// u32 P (postings) | u32 K (distinct keys)
/// each block of up to BlockKeys keys:
///   u8 b | key gaps in b bits          (gap = key − previous key − 1; the previous key of the table's first is −1)
///   u8 c | groups of each key − 1, in c bits
///   u8 o | each key's groups, ascending, in o bits
/// </code>
/// Raw (an index saved with <c>--index-compression none</c>), the postings follow P as <c>u64</c> each, and K is not written.
/// </summary>
internal static class SavedAnchorTable
{
    /// <summary>Distinct keys a packed block holds: each block has bit widths of its own, and the reader's scratch stays small.</summary>
    public const int BlockKeys = 1 << 16;

    /// <summary>Writes <paramref name="postings"/> (ascending, each key's groups distinct), packed or raw.</summary>
    public static void Write(PayloadWriter w, ReadOnlySpan<ulong> postings, bool packed)
    {
        w.WriteUInt32((uint)postings.Length);
        if (!packed)
        {
            w.Write(postings);
            return;
        }
        int keys = 0;
        for (int i = 0; i < postings.Length; i++)
        {
            keys += i == 0 || KeyOf(postings[i]) != KeyOf(postings[i - 1]) ? 1 : 0;
        }
        w.WriteUInt32((uint)keys);
        var block = new BlockScratch();
        long previous = -1;
        for (int at = 0; at < postings.Length;)
        {
            at = WriteBlock(w, postings, at, ref previous, block);
        }
    }

    /// <summary>Writes the block of up to <see cref="BlockKeys"/> keys from posting <paramref name="at"/>; returns where the next starts.</summary>
    private static int WriteBlock(PayloadWriter w, ReadOnlySpan<ulong> postings, int at, ref long previous, BlockScratch block)
    {
        int end = at;
        for (int keys = 0; end < postings.Length && (keys < BlockKeys || KeyOf(postings[end]) == KeyOf(postings[end - 1])); end++)
        {
            keys += end == at || KeyOf(postings[end]) != KeyOf(postings[end - 1]) ? 1 : 0;
        }
        block.Grow(BlockKeys, end - at);
        int k = -1;
        uint maxGap = 0, maxCount = 0, maxGroup = 0;
        for (int i = at; i < end; i++)
        {
            uint key = KeyOf(postings[i]);
            if (i == at || key != KeyOf(postings[i - 1]))
            {
                block.Keys[++k] = (uint)(key - previous - 1);
                block.Counts[k] = 0;
                maxGap |= block.Keys[k];
                previous = key;
            }
            else
            {
                maxCount |= ++block.Counts[k];
            }
            block.Groups[i - at] = (uint)postings[i];
            maxGroup |= (uint)postings[i];
        }
        FingerprintPacking.WritePacked(w, block.Keys.AsSpan(0, k + 1), maxGap, ref block.Bytes);
        FingerprintPacking.WritePacked(w, block.Counts.AsSpan(0, k + 1), maxCount, ref block.Bytes);
        FingerprintPacking.WritePacked(w, block.Groups.AsSpan(0, end - at), maxGroup, ref block.Bytes);
        return end;
    }

    /// <summary>
    /// Reads what <see cref="Write"/> wrote into an array of its own (on huge pages where it can be, as the lookup's), checking
    /// that the postings are ascending, each key's groups distinct and below <paramref name="groups"/>, and each key an anchor
    /// (no bit of <paramref name="anchorMask"/> set).
    /// </summary>
    public static ulong[] Read(PayloadReader r, int groups, uint anchorMask, bool packed)
    {
        uint count = r.ReadUInt32();
        // Packed, a posting takes at least one bit (its group); raw, eight bytes.
        if (count > int.MaxValue || (packed ? count > r.Remaining * 8 : count > r.Remaining / 8))
        {
            r.Throw($"declares {count:N0} anchor postings, more than its remaining {r.Remaining:N0} bytes can hold");
        }
        var postings = Internal.HugePages.Allocate<ulong>((int)count, zeroed: false);
        // The table is a hundred megabytes at 100k documents, written in order below: its pages are faulted in (zeroed by
        // the kernel) on another core meanwhile, where the decoding thread's own faults were the load's largest cost.
        _ = Internal.HugePages.PopulateAhead(postings, 0, postings.Length);
        if (packed)
        {
            ReadPacked(r, postings, groups);
        }
        else
        {
            r.Read<ulong>(postings);
        }
        Check(r, postings, groups, anchorMask);
        return postings;
    }

    /// <summary>Decodes the packed blocks into <paramref name="postings"/>, whose length the section declared.</summary>
    private static void ReadPacked(PayloadReader r, ulong[] postings, int groups)
    {
        uint keys = r.ReadUInt32();
        if (keys > postings.Length || (keys == 0) != (postings.Length == 0))
        {
            r.Throw($"declares {keys:N0} anchor keys for {postings.Length:N0} anchor postings, which cannot be");
        }
        var block = new BlockScratch();
        long previous = -1;
        int at = 0;
        for (int first = 0, b = 0; first < keys; first += BlockKeys, b++)
        {
            int blockKeys = (int)Math.Min(BlockKeys, keys - first);
            block.Grow(blockKeys, 0);
            string name = b.ToString(System.Globalization.CultureInfo.InvariantCulture);
            FingerprintPacking.ReadPacked(r, block.Keys.AsSpan(0, blockKeys), 32, ref block.Bytes, "anchor block", name, "keys");
            FingerprintPacking.ReadPacked(r, block.Counts.AsSpan(0, blockKeys), 32, ref block.Bytes, "anchor block", name, "group counts");
            long blockGroups = blockKeys;
            foreach (uint extra in block.Counts.AsSpan(0, blockKeys))
            {
                blockGroups += extra;
            }
            if (blockGroups > postings.Length - at)
            {
                r.Throw($"gives anchor block {name} more postings than the {postings.Length:N0} it declares");
            }
            block.Grow(blockKeys, (int)blockGroups);
            FingerprintPacking.ReadPacked(r, block.Groups.AsSpan(0, (int)blockGroups), 32, ref block.Bytes, "anchor block", name, "groups");
            at = Expand(r, block, blockKeys, postings, at, ref previous);
        }
        if (at != postings.Length)
        {
            r.Throw($"holds {at:N0} anchor postings where it declares {postings.Length:N0}");
        }
    }

    /// <summary>Writes a decoded block's postings from <paramref name="at"/>: each key's groups under it; returns where the next block starts.</summary>
    private static int Expand(PayloadReader r, BlockScratch block, int keys, ulong[] postings, int at, ref long previous)
    {
        int g = 0;
        for (int k = 0; k < keys; k++)
        {
            long key = previous + 1 + block.Keys[k];
            if (key > uint.MaxValue)
            {
                r.Throw("holds anchor key gaps that add up past 2^32");
            }
            ulong high = (ulong)key << 32;
            for (uint c = 0; c <= block.Counts[k]; c++)
            {
                postings[at++] = high | block.Groups[g++];
            }
            previous = key;
        }
        return at;
    }

    /// <summary>Every posting ascending (so each key's groups distinct), each group below <paramref name="groups"/>, each key an anchor.</summary>
    private static void Check(PayloadReader r, ReadOnlySpan<ulong> postings, int groups, uint anchorMask)
    {
        ulong before = 0;
        for (int i = 0; i < postings.Length; i++)
        {
            ulong posting = postings[i];
            if ((i > 0 && posting <= before) || (uint)posting >= (uint)groups || (KeyOf(posting) & anchorMask) != 0)
            {
                r.Throw($"gives anchor posting {i:N0} (key {KeyOf(posting)}, group {(uint)posting}) out of order, under no anchor or in no group");
            }
            before = posting;
        }
    }

    private static uint KeyOf(ulong posting) => (uint)(posting >> 32);

    /// <summary>One block's runs as unpacked values, and the packed bytes, reused from block to block.</summary>
    private sealed class BlockScratch
    {
        public uint[] Keys = [];
        public uint[] Counts = [];
        public uint[] Groups = [];
        public byte[] Bytes = [];

        public void Grow(int keys, int groups)
        {
            if (Keys.Length < keys)
            {
                (Keys, Counts) = (new uint[keys], new uint[keys]);
            }
            if (Groups.Length < groups)
            {
                Groups = new uint[Math.Max(groups, 2 * Groups.Length)];
            }
        }
    }
}
