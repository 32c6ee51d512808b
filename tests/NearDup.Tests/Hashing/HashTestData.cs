namespace NearDup.Tests.Hashing;

/// <summary>Seeded random inputs and chunkings shared by the hashing tests.</summary>
internal static class HashTestData
{
    /// <summary>Lengths around every XXH64/XXH3 internal boundary (stripes, buffers, blocks) plus a few large ones.</summary>
    internal static readonly int[] StreamingLengths =
    [
        0, 1, 3, 4, 8, 9, 16, 17, 31, 32, 33, 63, 64, 65, 128, 129, 240, 241, 255, 256, 257, 319, 320, 321,
        511, 512, 513, 1023, 1024, 1025, 1088, 2047, 2048, 2049, 3000, 4096, 5000, 10_000, 65_537,
    ];

    internal static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Splits [0, length) into consecutive ranges: empty, tiny, stripe-sized and large, in random order.</summary>
    internal static List<Range> RandomChunks(Random random, int length)
    {
        var chunks = new List<Range>();
        int start = 0;
        while (start < length)
        {
            int size = random.Next(5) switch
            {
                0 => 0,
                1 => random.Next(1, 8),
                2 => random.Next(1, 70),
                3 => random.Next(200, 300),
                _ => random.Next(1, 2000),
            };
            size = Math.Min(size, length - start);
            chunks.Add(start..(start + size));
            start += size;
        }

        return chunks;
    }
}
