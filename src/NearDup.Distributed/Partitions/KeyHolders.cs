namespace NearDup.Distributed.Partitions;

/// <summary>
/// A key partition's answer to a query's anchor probes after a batch run (<see cref="Grains.IKeyPartitionGrain.Holders"/>):
/// every document holding each probed key, so that the client can count the keys by the run's groups
/// (<see cref="GroupedCandidates"/>). Each document's id is sent once, and each key's holders as numbers into the ids:
/// as rows (<see cref="KeyEntry"/>), each id went again with every key it holds, with the table and payload besides.
/// </summary>
/// <param name="Ids">The documents holding some probed key, in ordinal order.</param>
/// <param name="Data">
/// The keys held, ascending: the number of keys, then for each its value (8 bytes, little-endian), the number of its
/// holders and each holder's place in <paramref name="Ids"/> (7-bit encoded integers).
/// </param>
[GenerateSerializer, Immutable, Alias("NearDup.KeyHolders")]
public sealed record KeyHolders([property: Id(0)] string[] Ids, [property: Id(1)] byte[] Data)
{
    /// <summary>The answer for <paramref name="rows"/>, the rows of the probed keys (any order).</summary>
    public static KeyHolders Of(IReadOnlyCollection<KeyEntry> rows)
    {
        string[] ids = [.. rows.Select(r => r.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var place = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++)
        {
            place[ids[i]] = i;
        }
        var keys = rows.GroupBy(r => r.Value).OrderBy(g => g.Key).ToArray();
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write7BitEncodedInt(keys.Length);
            foreach (var key in keys)
            {
                writer.Write(key.Key);
                var holders = key.Select(r => place[r.Id]).Order().ToArray();
                writer.Write7BitEncodedInt(holders.Length);
                foreach (int holder in holders)
                {
                    writer.Write7BitEncodedInt(holder);
                }
            }
        }
        return new KeyHolders(ids, stream.ToArray());
    }

    /// <summary>Adds the rows (anchor table 0, no payload) to <paramref name="rows"/>, key by key.</summary>
    /// <exception cref="InvalidDataException">The data does not hold keys and places into <see cref="Ids"/>.</exception>
    public void AddRowsTo(List<KeyEntry> rows)
    {
        using var reader = new BinaryReader(new MemoryStream(Data, writable: false));
        try
        {
            int keys = ReadCount(reader);
            for (int k = 0; k < keys; k++)
            {
                ulong value = reader.ReadUInt64();
                int holders = ReadCount(reader);
                for (int h = 0; h < holders; h++)
                {
                    int at = reader.Read7BitEncodedInt();
                    if (at < 0 || at >= Ids.Length)
                    {
                        throw new InvalidDataException($"A key's holder {at} is past the answer's {Ids.Length} ids.");
                    }
                    rows.Add(new KeyEntry(0, value, Ids[at], 0));
                }
            }
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException)
        {
            throw new InvalidDataException("An answer of key holders ends inside a key.", e);
        }
    }

    /// <summary>A count of what follows, each at least a byte: more than the bytes left is bad data, not a large allocation.</summary>
    private static int ReadCount(BinaryReader reader)
    {
        int count = reader.Read7BitEncodedInt();
        if (count < 0 || count > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException($"An answer of key holders counts {count} items with {reader.BaseStream.Length - reader.BaseStream.Position} bytes left.");
        }
        return count;
    }
}
