using System.Diagnostics;
using System.Globalization;
using NearDup.Clustering;
using NearDup.Persistence;

namespace NearDup.Tests.Persistence;

/// <summary>
/// The measurement behind <see cref="IndexCodecs.Default"/> (docs/index-format.md, "Compression"): re-encodes a saved
/// index with each codec per section and reports size, save and load time. Explicit: run it by hand on a large index,
/// <c>NEARDUP_MEASURE_INDEX=/tmp/p100k-idx dotnet test … --filter IndexCodecMeasurement</c> (the report goes to
/// <c>NEARDUP_MEASURE_INDEX/codecs.txt</c>).
/// </summary>
public sealed class IndexCodecMeasurement
{
    [Fact(Explicit = true)]
    public void Measure_EachCodec_SizeSaveLoad()
    {
        string? directory = Environment.GetEnvironmentVariable("NEARDUP_MEASURE_INDEX");
        Assert.SkipWhen(directory is null, "set NEARDUP_MEASURE_INDEX to an index folder");
        var detector = DuplicateDetector.Load(directory!);
        var report = new List<string> { $"{detector.Count:N0} documents; best of 3 runs each, in memory (no disk)" };
        var configurations = new (string Name, IndexCodecs Codecs)[]
        {
            ("none (format 3 payloads)", IndexCodecs.None),
            ("lz4, fingerprints unpacked", IndexCodecs.Default with { PackFingerprints = false }),
            ("packed, no lz4", IndexCodecs.None with { PackFingerprints = true }),
            ("lz4 + packed (default)", IndexCodecs.Default),
            ("brotli q5 + packed", Every(SectionCodec.Brotli, 5)),
        };
        foreach (var (name, codecs) in configurations)
        {
            double save = double.MaxValue, load = double.MaxValue;
            long size = 0;
            IReadOnlyList<IndexSectionInfo> sections = [];
            for (int run = 0; run < 3; run++)
            {
                using var stream = new MemoryStream();
                var clock = Stopwatch.StartNew();
                detector.Save(stream, codecs);
                save = Math.Min(save, clock.Elapsed.TotalSeconds);
                size = stream.Length;
                stream.Position = 0;
                clock.Restart();
                var contents = IndexReader.Read(stream);
                load = Math.Min(load, clock.Elapsed.TotalSeconds);
                sections = contents.Sections;
            }
            string parts = string.Join("; ", sections.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} {s.StoredBytes:N0}/{s.RawBytes:N0}")));
            report.Add(string.Create(CultureInfo.InvariantCulture,
                $"{name,-28} {size,13:N0} B ({(double)size / detector.Count,6:N0} B/doc)  save {save,6:0.00} s  load {load,6:0.00} s  {parts}"));
        }
        report.Add(SpillPages(detector));
        File.WriteAllLines(Path.Combine(directory!, "codecs.txt"), report);
    }

    /// <summary>
    /// What LZ4 would do to the spill file: the fingerprints as <see cref="FingerprintPages"/> lays them out (4 MiB pages
    /// of sorted sets, back to back), each page LZ4-encoded (fast level) and decoded again, single-threaded.
    /// </summary>
    private static string SpillPages(DuplicateDetector detector)
    {
        var docs = detector.Snapshot().Documents;
        var page = new uint[FingerprintPages.PageSize];
        var encoded = new byte[K4os.Compression.LZ4.LZ4Codec.MaximumOutputSize(page.Length * 4)];
        var decoded = new byte[page.Length * 4];
        long raw = 0, stored = 0;
        double encode = 0, decode = 0;
        int fill = 0;
        void Flush()
        {
            var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(page.AsSpan(0, fill));
            var clock = Stopwatch.StartNew();
            int length = K4os.Compression.LZ4.LZ4Codec.Encode(bytes, encoded);
            encode += clock.Elapsed.TotalSeconds;
            clock.Restart();
            K4os.Compression.LZ4.LZ4Codec.Decode(encoded.AsSpan(0, length), decoded);
            decode += clock.Elapsed.TotalSeconds;
            raw += bytes.Length;
            stored += length;
            fill = 0;
        }
        for (int i = 0; i < docs.Count; i++)
        {
            var fingerprints = docs.Fingerprints(i);
            if (fill + fingerprints.Length > page.Length)
            {
                Flush();
            }
            fingerprints.CopyTo(page.AsSpan(fill));
            fill += fingerprints.Length;
        }
        Flush();
        return string.Create(CultureInfo.InvariantCulture,
            $"spill pages, LZ4 fast: {raw:N0} -> {stored:N0} B ({100.0 * stored / raw:0.0}%), encode {raw / 1e6 / encode:N0} MB/s, decode {raw / 1e6 / decode:N0} MB/s (one core)");
    }

    private static IndexCodecs Every(SectionCodec codec, int quality) =>
        new() { Documents = codec, Bands = codec, Fingerprints = codec, BrotliQuality = quality };
}
