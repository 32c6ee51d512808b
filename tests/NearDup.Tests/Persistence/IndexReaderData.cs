using System.Buffers.Binary;
using System.Globalization;
using NearDup.Clustering;
using NearDup.Persistence;

namespace NearDup.Tests.Persistence;

/// <summary>
/// Six documents with short ids of one length (<c>doc-0</c> to <c>doc-5</c>, two of them dated), saved raw and unpacked so
/// that tests can change any field in place, and helpers that read a file with <see cref="IndexReader"/>.
/// </summary>
internal static class IndexReaderData
{
    public const int Count = 6;

    private static readonly Lazy<DuplicateDetector> s_detector = new(() =>
    {
        var detector = new DuplicateDetector();
        var texts = IndexTestData.Corpus.Take(Count).Select(d => d.Text).ToArray();
        for (int i = 0; i < Count; i++)
        {
            DateTimeOffset? date = i switch
            {
                1 => new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
                3 => new DateTimeOffset(1969, 7, 20, 20, 17, 0, TimeSpan.Zero),
                _ => null,
            };
            detector.Add("doc-" + i.ToString(CultureInfo.InvariantCulture), texts[i], date);
        }
        return detector;
    });

    public static DuplicateDetector Detector => s_detector.Value;

    /// <summary>The file with every section raw and the fingerprints unpacked (<see cref="IndexCodecs.None"/>).</summary>
    public static byte[] Raw() => IndexTestData.SaveToBytes(Detector, IndexCodecs.None);

    /// <summary>The file with the default codecs (LZ4 sections, packed fingerprints).</summary>
    public static byte[] Default() => IndexTestData.SaveToBytes(Detector);

    public static IndexFileParts RawParts() => IndexFileParts.Parse(Raw());

    public static IndexContents Read(byte[] file) => IndexReader.Read(new MemoryStream(file));

    /// <summary>The message of the <see cref="InvalidDataException"/> that reading the file must throw.</summary>
    public static string Rejected(byte[] file) => Assert.Throws<InvalidDataException>(() => IndexReader.Read(new MemoryStream(file))).Message;

    /// <summary>The message expected for a problem in a section.</summary>
    public static string Corrupt(string section, string problem) => $"NearDup index is corrupt: the {section} section {problem}.";

    /// <summary>Every stored field of every document, one line each, in the table's order.</summary>
    public static string Dump(DocumentTable table, bool positions = true, bool facts = true) =>
        string.Join('\n', Enumerable.Range(0, table.Count).Select(i => string.Join(' ',
            table.Id(i), table.DateTicks(i), table.ContentHash(i), table.SimHash(i), table.ShingleCount(i), table.FingerprintCount(i),
            "bands:" + string.Join(',', table.BandKeys(i).ToArray()),
            "fp:" + string.Join(',', table.Fingerprints(i).ToArray()),
            "pos:" + (positions ? string.Join(',', table.Positions(i).ToArray()) : ""),
            "facts:" + (facts ? string.Join(',', table.Facts(i).ToArray()) : ""))));

    /// <summary>The documents of what was read, dumped as <see cref="Dump(DocumentTable, bool, bool)"/> does.</summary>
    public static string Dump(IndexContents contents, bool positions = true, bool facts = true)
    {
        var store = contents.Documents!;
        return Dump(new DocumentTable(store, [.. Enumerable.Range(0, store.Count)]), positions, facts);
    }

    /// <summary>The saved documents, dumped.</summary>
    public static string Expected(bool positions = true, bool facts = true) => Dump(Detector.Snapshot().Documents, positions, facts);

    public static uint U32(byte[] bytes, int at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));

    public static void SetU32(byte[] bytes, int at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);
}
