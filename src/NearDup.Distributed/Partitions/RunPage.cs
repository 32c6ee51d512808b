namespace NearDup.Distributed.Partitions;

/// <summary>
/// A key partition's runs as they cross the wire to a batch run's coordinator, packed in one byte array: the runs it
/// could not pair itself (<see cref="CandidatePairAnswer.Unpaired"/>). Orleans writes a run as a record of a table, a key, a <c>string[]</c> and a <c>ulong[]</c>,
/// each id with its own length and each payload as a varint; here a row of a listed document goes as its number in the
/// run's listing (<see cref="RunNumbering"/>: two or three bytes where its id took about eight), a row the key
/// partition could not number as its id, front-coded (ids come in ordinal order and so share their first bytes with
/// the one before), the key is left out (the coordinator pairs a run's listed rows without it) and payloads go only
/// when one is not 0: SimHash runs, whose pairing reads them, not band runs (<c>RunPageTests</c> measures them).
/// </summary>
/// <remarks>
/// Layout per run, integers as 7-bit varints: the table, the number of rows, the number of rows sent by id and, when
/// that is neither 0 nor all of them, a bit a row (1: by id), least significant first; then per row its number, or the
/// number of leading UTF-8 bytes its id shares with the run's id sent before it, the number of the other bytes and
/// those bytes; then, in a page <see cref="HasPayloads"/>, each row's payload, 8 bytes little-endian.
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
        var ids = new FrontCodedIds();
        foreach (var run in runs)
        {
            writer.Write7BitEncodedInt((int)run.Table);
            writer.Write7BitEncodedInt(run.Ids.Length);
            int byId = Enumerable.Range(0, run.Ids.Length).Count(k => run.NumberOf(k) < 0);
            writer.Write7BitEncodedInt(byId);
            if (byId > 0 && byId < run.Ids.Length)
            {
                var bits = new byte[(run.Ids.Length + 7) / 8];
                for (int k = 0; k < run.Ids.Length; k++)
                {
                    bits[k >> 3] |= (byte)(run.NumberOf(k) < 0 ? 1 << (k & 7) : 0);
                }
                writer.Write(bits);
            }
            ids.StartRun();
            for (int k = 0; k < run.Ids.Length; k++)
            {
                if (run.NumberOf(k) >= 0)
                {
                    writer.Write7BitEncodedInt(run.NumberOf(k));
                }
                else
                {
                    ids.Write(writer, run.Ids[k]);
                }
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

    /// <summary>The runs again (payloads all 0 in a page without them; a numbered row's id empty).</summary>
    /// <exception cref="InvalidDataException">The data does not hold the page's runs.</exception>
    internal KeyRun[] Unpack()
    {
        var runs = new KeyRun[Count];
        using var reader = new BinaryReader(new MemoryStream(Data, writable: false));
        var idReader = new FrontCodedIds();
        try
        {
            for (int r = 0; r < runs.Length; r++)
            {
                runs[r] = ReadRun(reader, idReader, r);
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

    private KeyRun ReadRun(BinaryReader reader, FrontCodedIds idReader, int r)
    {
        uint table = (uint)reader.Read7BitEncodedInt();
        int length = Checked(reader.Read7BitEncodedInt(), r), byId = reader.Read7BitEncodedInt();
        if (byId < 0 || byId > length)
        {
            throw Bad(r);
        }
        byte[]? bits = byId > 0 && byId < length ? reader.ReadBytes((length + 7) / 8) : null;
        if (bits is not null && bits.Length != (length + 7) / 8)
        {
            throw Bad(r);
        }
        var ids = new string[length];
        var numbers = new int[length];
        idReader.StartRun();
        for (int k = 0; k < length; k++)
        {
            bool isId = bits is null ? byId == length : (bits[k >> 3] & (1 << (k & 7))) != 0;
            if (isId)
            {
                ids[k] = idReader.Read(reader, () => Bad(r));
                numbers[k] = -1;
            }
            else
            {
                ids[k] = "";
                numbers[k] = reader.Read7BitEncodedInt();
                if (numbers[k] < 0)
                {
                    throw Bad(r);
                }
            }
        }
        var payloads = new ulong[length];
        for (int k = 0; HasPayloads && k < payloads.Length; k++)
        {
            payloads[k] = reader.ReadUInt64();
        }
        return new KeyRun(table, ids, payloads, byId == length ? null : numbers);
    }

    /// <summary>A count or length read from the data, which cannot exceed the data's bytes.</summary>
    private int Checked(int value, int run) => value >= 0 && value <= Data.Length ? value : throw Bad(run);

    private InvalidDataException Bad(int run) =>
        new(run < 0 ? $"run page: the data ends inside its {Count} runs" : $"run page: run {run} of {Count} does not fit the data");
}
