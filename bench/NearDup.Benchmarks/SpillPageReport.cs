using System.Numerics;
using System.Text.Json;
using K4os.Compression.LZ4;
using NearDup.Clustering;
using NearDup.Persistence;

namespace NearDup.Benchmarks;

/// <summary>
/// What LZ4-compressed spill pages would change (issue 16): the sketches of a JSONL corpus laid out as the spill file
/// holds them (each document's sorted fingerprints, its positions packed as <see cref="PositionList"/> packs them, its
/// band keys, appended into 4 MiB pages), each page compressed and decompressed with LZ4, and the fingerprints also
/// gap-packed as the index file packs them (<see cref="FingerprintPacking"/>). Prints bytes per document and the
/// compressing thread's CPU time per page.
/// Run: <c>NearDup.Benchmarks spill-pages docs.jsonl [documents]</c>.
/// </summary>
internal static class SpillPageReport
{
    public const string Command = "spill-pages";

    private const int PageBytes = FingerprintPages.PageSize * sizeof(uint);

    public static int Run(string[] args)
    {
        if (args.Length < 2 || !File.Exists(args[1]))
        {
            Console.Error.WriteLine($"usage: NearDup.Benchmarks {Command} docs.jsonl [documents]");
            return 2;
        }
        int limit = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue;
        var (streams, documents, gapPacked) = Sketch(args[1], limit);
        Console.WriteLine($"{documents:N0} documents; bytes per document: raw, LZ4 fast, LZ4 HC9; CPU ms per 4 MiB page: LZ4 fast encode, decode");
        foreach (var (name, bytes) in streams)
        {
            Report(name, bytes.ToArray(), documents);
        }
        Console.WriteLine($"fingerprints gap-packed (index file layout): {(double)gapPacked / documents:F0} B per document");
        return 0;
    }

    private static (List<(string Name, MemoryStream Bytes)> Streams, int Documents, long GapPacked) Sketch(string path, int limit)
    {
        var sketcher = new Sketcher(NearDupOptions.Default);
        var (fingerprints, positions, bandKeys) = (new MemoryStream(), new MemoryStream(), new MemoryStream());
        long gapPacked = 0;
        int documents = 0;
        foreach (string line in File.ReadLines(path).Take(limit))
        {
            using var json = JsonDocument.Parse(line);
            var sketch = sketcher.Sketch(documents.ToString(System.Globalization.CultureInfo.InvariantCulture),
                json.RootElement.GetProperty("text").GetString() ?? "", long.MaxValue);
            fingerprints.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(sketch.Fingerprints.AsSpan()));
            bandKeys.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(sketch.BandKeys.AsSpan()));
            int bits = PositionList.BitsOf(sketch.Positions);
            var words = new uint[PositionList.PackedWords(sketch.Positions.Length, bits)];
            PositionList.Pack(sketch.Positions, bits, words);
            positions.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(words.AsSpan()));
            gapPacked += GapPackedBytes(sketch.Fingerprints);
            documents++;
        }
        return ([("fingerprints", fingerprints), ("positions (packed)", positions), ("band keys", bandKeys)], documents, gapPacked);
    }

    /// <summary>The bytes <see cref="FingerprintPacking.WriteFingerprints"/> writes for a document.</summary>
    private static long GapPackedBytes(ReadOnlySpan<uint> fingerprints)
    {
        uint max = 0, next = 0;
        foreach (uint fingerprint in fingerprints)
        {
            max |= fingerprint - next;
            next = fingerprint + 1;
        }
        return FingerprintPacking.Bytes(fingerprints.Length, Math.Max(1, 32 - BitOperations.LeadingZeroCount(max)));
    }

    private static void Report(string name, byte[] bytes, int documents)
    {
        var encoded = new byte[LZ4Codec.MaximumOutputSize(PageBytes)];
        var decoded = new byte[PageBytes];
        long fast = 0, high = 0;
        double encodeMs = 0, decodeMs = 0;
        int pages = 0;
        for (int start = 0; start < bytes.Length; start += PageBytes, pages++)
        {
            var page = bytes.AsSpan(start, Math.Min(PageBytes, bytes.Length - start));
            double before = ThreadCpuClock.Milliseconds();
            int length = LZ4Codec.Encode(page, encoded, LZ4Level.L00_FAST);
            double encodedAt = ThreadCpuClock.Milliseconds();
            if (LZ4Codec.Decode(encoded.AsSpan(0, length), decoded) != page.Length || !decoded.AsSpan(0, page.Length).SequenceEqual(page))
            {
                throw new InvalidOperationException($"LZ4 round trip of {name} page {pages} failed");
            }
            (encodeMs, decodeMs) = (encodeMs + encodedAt - before, decodeMs + ThreadCpuClock.Milliseconds() - encodedAt);
            fast += length;
            high += LZ4Codec.Encode(page, encoded, LZ4Level.L09_HC);
        }
        Console.WriteLine($"{name,-20} {(double)bytes.Length / documents,7:F0} {(double)fast / documents,7:F0} {(double)high / documents,7:F0} B"
            + $"   {encodeMs / pages,6:F2} {decodeMs / pages,6:F2} ms ({pages} pages)");
    }
}
