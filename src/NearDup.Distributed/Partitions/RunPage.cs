using System.Text;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// A key partition's runs as they cross the wire to a batch run's coordinator (<see cref="Grains.IKeyPartitionGrain.Runs"/>),
/// packed in one byte array. Orleans writes a run as a record of a table, a key, a <c>string[]</c> and a <c>ulong[]</c>,
/// each id with its own length and each payload as a varint; here a run's ids, which come in ordinal order and so
/// share their first bytes with the one before, are front-coded, the key is left out (the coordinator pairs a run's
/// listed rows without it) and payloads go only when one is not 0: SimHash runs, whose pairing reads them, not band
/// runs (<c>RunPageTests</c> measures the two).
/// </summary>
/// <remarks>
/// Layout per run, integers as 7-bit varints: the table, the number of ids, then per id the number of leading UTF-8
/// bytes it shares with the run's id before it, the number of the other bytes and those bytes; then, in a page
/// <see cref="HasPayloads"/>, each id's payload, 8 bytes little-endian.
/// </remarks>
[GenerateSerializer, Immutable, Alias("NearDup.RunPage")]
public sealed class RunPage
{
    /// <summary>The runs, packed.</summary>
    [Id(0)] public byte[] Data { get; init; } = [];

    /// <summary>Number of runs.</summary>
    [Id(1)] public int Count { get; init; }

    /// <summary>Whether each id's payload is packed (SimHash runs: the whole SimHash); without them every payload is 0.</summary>
    [Id(2)] public bool HasPayloads { get; init; }

    /// <summary>Packs <paramref name="runs"/>, with their payloads unless all are 0.</summary>
    internal static RunPage Pack(IReadOnlyList<KeyRun> runs)
    {
        bool withPayloads = runs.Any(r => r.Payloads.Any(p => p != 0));
        using var bytes = new MemoryStream();
        using var writer = new BinaryWriter(bytes);
        byte[] previous = new byte[64], current = new byte[64];
        foreach (var run in runs)
        {
            writer.Write7BitEncodedInt((int)run.Table);
            writer.Write7BitEncodedInt(run.Ids.Length);
            int previousLength = 0;
            foreach (string id in run.Ids)
            {
                int length = Encoding.UTF8.GetByteCount(id);
                if (current.Length < length)
                {
                    current = new byte[Math.Max(length, 2 * current.Length)];
                }
                Encoding.UTF8.GetBytes(id, current);
                int shared = current.AsSpan(0, length).CommonPrefixLength(previous.AsSpan(0, previousLength));
                writer.Write7BitEncodedInt(shared);
                writer.Write7BitEncodedInt(length - shared);
                writer.Write(current, shared, length - shared);
                (previous, current) = (current, previous);
                previousLength = length;
            }
            if (withPayloads)
            {
                foreach (ulong payload in run.Payloads)
                {
                    writer.Write(payload);
                }
            }
        }
        writer.Flush();
        return new RunPage { Data = bytes.ToArray(), Count = runs.Count, HasPayloads = withPayloads };
    }

    /// <summary>The runs again (payloads all 0 in a page without them).</summary>
    /// <exception cref="InvalidDataException">The data does not hold the page's runs.</exception>
    internal KeyRun[] Unpack()
    {
        var runs = new KeyRun[Count];
        using var reader = new BinaryReader(new MemoryStream(Data, writable: false));
        byte[] previous = new byte[64];
        try
        {
            for (int r = 0; r < runs.Length; r++)
            {
                uint table = (uint)reader.Read7BitEncodedInt();
                var ids = new string[Checked(reader.Read7BitEncodedInt(), r)];
                int previousLength = 0;
                for (int k = 0; k < ids.Length; k++)
                {
                    int shared = reader.Read7BitEncodedInt(), rest = Checked(reader.Read7BitEncodedInt(), r);
                    if (shared < 0 || shared > previousLength)
                    {
                        throw Bad(r);
                    }
                    if (previous.Length < shared + rest)
                    {
                        Array.Resize(ref previous, shared + rest);
                    }
                    if (reader.Read(previous, shared, rest) != rest)
                    {
                        throw Bad(r);
                    }
                    previousLength = shared + rest;
                    ids[k] = Encoding.UTF8.GetString(previous, 0, previousLength);
                }
                var payloads = new ulong[ids.Length];
                for (int k = 0; HasPayloads && k < payloads.Length; k++)
                {
                    payloads[k] = reader.ReadUInt64();
                }
                runs[r] = new KeyRun(table, ids, payloads);
            }
        }
        catch (EndOfStreamException)
        {
            throw Bad(-1);
        }
        catch (FormatException)
        {
            throw Bad(-1);
        }
        if (reader.BaseStream.Position != Data.Length)
        {
            throw new InvalidDataException($"run page: {Data.Length - reader.BaseStream.Position} bytes left after {Count} runs");
        }
        return runs;
    }

    /// <summary>A count or length read from the data, which cannot exceed the data's bytes.</summary>
    private int Checked(int value, int run) => value >= 0 && value <= Data.Length ? value : throw Bad(run);

    private InvalidDataException Bad(int run) =>
        new(run < 0 ? $"run page: the data ends inside its {Count} runs" : $"run page: run {run} of {Count} does not fit the data");
}
