using System.Buffers.Binary;

namespace NearDup.Distributed.Partitions;

public sealed partial class SketchPage
{
    /// <summary>The sketches again; arrays the page was packed without are empty.</summary>
    /// <exception cref="InvalidDataException">The data does not hold the page's sketches.</exception>
    public StoredSketch[] Unpack()
    {
        if (Parts == SketchParts.Summary)
        {
            throw new InvalidOperationException("sketch page: a page of summaries holds no fingerprints; read it with AddSummariesTo");
        }
        var sketches = new StoredSketch[Ids.Length];
        int at = 0;
        for (int i = 0; i < sketches.Length; i++)
        {
            sketches[i] = Read(Ids[i], ref at);
        }
        if (at != Data.Length)
        {
            throw new InvalidDataException($"sketch page: {Data.Length - at} bytes left after {Ids.Length} sketches");
        }
        return sketches;
    }

    private StoredSketch Read(string id, ref int at)
    {
        if (Data.Length - at < HeaderBytes)
        {
            throw new InvalidDataException($"sketch page: the data ends in the header of '{id}'");
        }
        var span = Data.AsSpan(at);
        var header = (Date: BinaryPrimitives.ReadInt64LittleEndian(span), Content: BinaryPrimitives.ReadUInt64LittleEndian(span[8..]),
            SimHash: BinaryPrimitives.ReadUInt64LittleEndian(span[16..]), Shingles: BinaryPrimitives.ReadInt32LittleEndian(span[24..]));
        int bands = BinaryPrimitives.ReadInt32LittleEndian(span[28..]), fingerprints = BinaryPrimitives.ReadInt32LittleEndian(span[32..]);
        int positions = BinaryPrimitives.ReadInt32LittleEndian(span[36..]), facts = BinaryPrimitives.ReadInt32LittleEndian(span[40..]);
        at += HeaderBytes;
        if (bands < 0 || fingerprints < 0 || positions < 0 || facts < 0
            || (long)Data.Length - at < 4L * bands + 4L * fingerprints + 2L * positions + 4L * facts)
        {
            throw new InvalidDataException($"sketch page: the arrays of '{id}' do not fit the data");
        }
        return new StoredSketch
        {
            Id = id,
            DateTicks = header.Date,
            ContentHash = header.Content,
            SimHash = header.SimHash,
            ShingleCount = header.Shingles,
            BandKeys = ReadAll(ref at, bands),
            Fingerprints = ReadAll(ref at, fingerprints),
            Positions = ReadPositions(ref at, positions),
            Facts = ReadAll(ref at, facts),
        };
    }

    /// <summary>Adds the page's summaries (<see cref="SketchParts.Summary"/>) to <paramref name="store"/> (of 0 bands), in page order.</summary>
    /// <exception cref="InvalidDataException">The data does not hold the page's summaries.</exception>
    internal void AddSummariesTo(Clustering.SketchStore store)
    {
        if (Data.Length != (long)SummaryBytes * Ids.Length)
        {
            throw new InvalidDataException($"sketch page: {Data.Length:N0} bytes for {Ids.Length:N0} summaries of {SummaryBytes} B"
                + (Ids.Length > 0 ? $" ('{Ids[0]}' to '{Ids[^1]}')" : ""));
        }
        for (int i = 0; i < Ids.Length; i++)
        {
            var span = Data.AsSpan(SummaryBytes * i);
            int fingerprints = BinaryPrimitives.ReadInt32LittleEndian(span[20..]);
            if (fingerprints < 0)
            {
                throw new InvalidDataException($"sketch page: the summary of '{Ids[i]}' has {fingerprints} fingerprints");
            }
            store.AddSummary(Ids[i], BinaryPrimitives.ReadInt64LittleEndian(span), BinaryPrimitives.ReadUInt64LittleEndian(span[8..]),
                BinaryPrimitives.ReadInt32LittleEndian(span[16..]), fingerprints);
        }
    }

    private uint[] ReadAll(ref int at, int count)
    {
        var values = new uint[count];
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = BinaryPrimitives.ReadUInt32LittleEndian(Data.AsSpan(at));
            at += 4;
        }
        return values;
    }

    private ushort[] ReadPositions(ref int at, int count)
    {
        var values = new ushort[count];
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = BinaryPrimitives.ReadUInt16LittleEndian(Data.AsSpan(at));
            at += 2;
        }
        return values;
    }
}
