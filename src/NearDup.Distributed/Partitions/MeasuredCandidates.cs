namespace NearDup.Distributed.Partitions;

/// <summary>
/// A document partition's measured candidate pairs for a batch run's stage 2 (<see cref="Grains.IDocumentPartitionGrain.MeasureCandidates"/>),
/// packed in one byte array: each pair once, by its rows' numbers in the run's listing, ascending, with its shared
/// fingerprints; and, a bit a pair, whether its texts are a series' items dated apart. Orleans would write a <c>long</c> and an <c>int</c>
/// a pair with a field header each; here the first number goes as the step from the pair before (0 or 1 byte mostly).
/// </summary>
/// <remarks>Layout per pair, 7-bit varints: first number minus the previous pair's first, second number, shared fingerprints plus 1 (0: a document not as listed).</remarks>
[GenerateSerializer, Immutable, Alias("NearDup.MeasuredCandidates")]
public sealed class MeasuredCandidates
{
    /// <summary>The pairs and their counts, packed.</summary>
    [Id(0)] public byte[] Data { get; init; } = [];

    /// <summary>Number of pairs.</summary>
    [Id(1)] public int Count { get; init; }

    /// <summary>Bit k (of byte k / 8, from the lowest) set when pair k's texts are a series' items dated apart.</summary>
    [Id(2)] public byte[] SeriesApart { get; init; } = [];

    /// <summary>Packs ascending <paramref name="pairs"/> with their answer.</summary>
    internal static MeasuredCandidates Pack(long[] pairs, MeasureAnswer answer)
    {
        using var bytes = new MemoryStream();
        using var writer = new BinaryWriter(bytes);
        int previous = 0;
        for (int k = 0; k < pairs.Length; k++)
        {
            var (a, b) = Clustering.PairKey.Unpack(pairs[k]);
            writer.Write7BitEncodedInt(a - previous);
            writer.Write7BitEncodedInt(b);
            writer.Write7BitEncodedInt(answer.Shared[k] + 1);
            previous = a;
        }
        writer.Flush();
        return new MeasuredCandidates { Data = bytes.ToArray(), Count = pairs.Length, SeriesApart = answer.SeriesApart };
    }

    /// <summary>The pairs (packed numbers) and each one's shared fingerprints (-1: not as listed).</summary>
    /// <exception cref="InvalidDataException">The data does not hold <see cref="Count"/> pairs.</exception>
    internal (long[] Pairs, int[] Shared) Unpack()
    {
        if (Count < 0 || SeriesApart.Length != (Count + 7) / 8)
        {
            throw new InvalidDataException($"measured candidates: {Count} pairs with {SeriesApart.Length} bytes of facts bits");
        }
        var pairs = new long[Count];
        var shared = new int[Count];
        using var reader = new BinaryReader(new MemoryStream(Data, writable: false));
        try
        {
            for (int k = 0, a = 0; k < pairs.Length; k++)
            {
                a += reader.Read7BitEncodedInt();
                int b = reader.Read7BitEncodedInt();
                pairs[k] = Clustering.PairKey.Pack(a, b);
                shared[k] = reader.Read7BitEncodedInt() - 1;
            }
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException)
        {
            throw new InvalidDataException($"measured candidates: the data ends inside its {Count} pairs", e);
        }
        if (reader.BaseStream.Position != Data.Length)
        {
            throw new InvalidDataException($"measured candidates: {Data.Length - reader.BaseStream.Position} bytes left after {Count} pairs");
        }
        return (pairs, shared);
    }

    /// <summary>Whether pair <paramref name="k"/>'s texts are a series' items dated apart.</summary>
    internal bool IsSeriesApart(int k) => (SeriesApart[k >> 3] & (1 << (k & 7))) != 0;
}
