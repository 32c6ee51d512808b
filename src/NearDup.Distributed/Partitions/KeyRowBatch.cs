namespace NearDup.Distributed.Partitions;

/// <summary>
/// Key rows as an add or a removal sends them to a key partition: each id once, and its rows packed as varints in one
/// byte array. Orleans writes a <see cref="KeyEntry"/> field by field, with a header per field and the id (or a
/// reference to it) per row, about 13 bytes an anchor row; packed, an anchor row is 7 bytes, and a document's id goes
/// once per call.
/// </summary>
/// <remarks>
/// Layout: for each id in <see cref="Ids"/>, the number of its rows, then each row's table, value and payload, all
/// unsigned LEB128 varints. Read back by <see cref="Unpack"/>.
/// </remarks>
[GenerateSerializer, Immutable, Alias("NearDup.KeyRowBatch")]
public sealed class KeyRowBatch
{
    /// <summary>The rows' ids, each once, in the order their rows are packed.</summary>
    [Id(0)] public string[] Ids { get; init; } = [];

    /// <summary>The rows, packed, id by id.</summary>
    [Id(1)] public byte[] Data { get; init; } = [];

    /// <summary>Packs <paramref name="rows"/>: grouped by id, in the order each id first comes, each id's rows in their order.</summary>
    public static KeyRowBatch Pack(IReadOnlyList<KeyEntry> rows)
    {
        var byId = new Dictionary<string, List<KeyEntry>>(StringComparer.Ordinal);
        var ids = new List<string>();
        foreach (var row in rows)
        {
            if (!byId.TryGetValue(row.Id, out var own))
            {
                byId[row.Id] = own = [];
                ids.Add(row.Id);
            }
            own.Add(row);
        }
        // Room for the longest varints (5 bytes a table, 10 a value, a payload and a count), cut to the length written.
        var data = new byte[rows.Count * 25 + ids.Count * 10];
        int at = 0;
        foreach (string id in ids)
        {
            var own = byId[id];
            Write(data, ref at, (ulong)own.Count);
            foreach (var row in own)
            {
                Write(data, ref at, row.Table);
                Write(data, ref at, row.Value);
                Write(data, ref at, row.Payload);
            }
        }
        return new KeyRowBatch { Ids = [.. ids], Data = data.AsSpan(0, at).ToArray() };
    }

    /// <summary>The rows, id by id.</summary>
    /// <exception cref="InvalidDataException">The data ends inside a row, goes on past the last id's rows, or holds a varint over 64 bits or a table over 32.</exception>
    public KeyEntry[] Unpack()
    {
        // Read twice: once to check the data and count its rows, once into an array of that size, not a list grown
        // as it goes and copied at the end (about three times the rows allocated, for the collector to trace).
        var rows = new KeyEntry[Decode(null)];
        Decode(rows);
        return rows;
    }

    /// <summary>Reads every row, into <paramref name="into"/> when given; the number of rows.</summary>
    private int Decode(KeyEntry[]? into)
    {
        int at = 0, n = 0;
        foreach (string id in Ids)
        {
            ulong count = Read(ref at);
            for (ulong k = 0; k < count; k++)
            {
                ulong table = Read(ref at);
                if (table > uint.MaxValue)
                {
                    throw new InvalidDataException($"Key rows of '{id}': a table number over 32 bits at byte {at}.");
                }
                ulong value = Read(ref at);
                ulong payload = Read(ref at);
                if (into is not null)
                {
                    into[n] = new KeyEntry((uint)table, value, id, payload);
                }
                n++;
            }
        }
        if (at != Data.Length)
        {
            throw new InvalidDataException($"Key rows: {Data.Length - at} bytes past the last id's rows.");
        }
        return n;
    }

    private static void Write(byte[] data, ref int at, ulong value)
    {
        for (; value >= 0x80; value >>= 7)
        {
            data[at++] = (byte)(value | 0x80);
        }
        data[at++] = (byte)value;
    }

    private ulong Read(ref int at)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (at >= Data.Length)
            {
                throw new InvalidDataException($"Key rows: the data ends inside a row at byte {at}.");
            }
            byte b = Data[at++];
            if (shift == 63 && b > 1)
            {
                throw new InvalidDataException($"Key rows: a varint over 64 bits ending at byte {at}.");
            }
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
