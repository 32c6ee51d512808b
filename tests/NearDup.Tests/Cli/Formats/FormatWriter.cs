using System.IO.Compression;
using System.Text;
using System.Text.Json;
using K4os.Compression.LZ4.Streams;
using NearDup.Corpus;
using Parquet;
using Parquet.Schema;

namespace NearDup.Tests.Cli.Formats;

/// <summary>Writes the same generated documents in every input format NearDup reads, for tests that compare them.</summary>
internal static class FormatWriter
{
    /// <summary>A few hundred generated documents with exact, syndicated, rewritten and excerpt copies, dated and undated.</summary>
    public static IReadOnlyList<GeneratedDocument> Documents(int count = 300, int seed = 11) =>
        [.. new CorpusGenerator(CorpusOptions.Default with { Documents = count, Seed = (ulong)seed }).Generate()];

    public static byte[] Jsonl(IEnumerable<GeneratedDocument> documents)
    {
        var text = new StringBuilder();
        foreach (var d in documents)
        {
            text.Append(JsonSerializer.Serialize(new { id = d.Id, text = d.Text, date = d.Date })).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>JSONL with the id and text inside an object <c>meta</c>, as <c>--id-field meta.id --text-field meta.body</c> reads.</summary>
    public static byte[] NestedJsonl(IEnumerable<GeneratedDocument> documents)
    {
        var text = new StringBuilder();
        foreach (var d in documents)
        {
            text.Append(JsonSerializer.Serialize(new { source = d.Source, meta = new { lang = "en", id = d.Id, body = d.Text }, date = d.Date })).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] JsonArray(IEnumerable<GeneratedDocument> documents) =>
        JsonSerializer.SerializeToUtf8Bytes(documents.Select(d => new { id = d.Id, text = d.Text, date = d.Date }));

    /// <summary>A header, then one row a document, every field in double quotes (texts hold commas, quotes and line breaks).</summary>
    public static byte[] Separated(IEnumerable<GeneratedDocument> documents, char separator)
    {
        static string Quote(string? field) => "\"" + (field ?? "").Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var text = new StringBuilder($"id{separator}text{separator}date\n");
        foreach (var d in documents)
        {
            text.Append(Quote(d.Id)).Append(separator).Append(Quote(d.Text)).Append(separator).Append(Quote(d.Date)).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var zip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(data);
        }
        return output.ToArray();
    }

    /// <summary>Zstd with a content checksum (XXH64 of the frame's data).</summary>
    public static byte[] Zstd(byte[] data)
    {
        using var compressor = new ZstdSharp.Compressor(3);
        compressor.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        return compressor.Wrap(data).ToArray();
    }

    /// <summary>The LZ4 frame format with 64 KiB blocks and a content checksum, as <c>lz4</c> writes by default.</summary>
    public static byte[] Lz4(byte[] data)
    {
        var output = new MemoryStream();
        using (var lz4 = LZ4Stream.Encode(output, new LZ4EncoderSettings { ContentChecksum = true, BlockSize = 64 * 1024 }, leaveOpen: true))
        {
            lz4.Write(data);
        }
        return output.ToArray();
    }

    /// <summary>
    /// Parquet of id, text and date columns in row groups of <paramref name="rowsPerGroup"/>; with <paramref name="nested"/>
    /// the text is the field <c>body</c> of a struct column <c>meta</c>. A null in <paramref name="texts"/> is a null text.
    /// </summary>
    public static byte[] Parquet(IReadOnlyList<GeneratedDocument> documents, int rowsPerGroup, bool nested = false, IReadOnlyList<string?>? texts = null)
    {
        var id = new DataField<string>("id");
        var text = new DataField<string>(nested ? "body" : "text", true);
        var date = new DataField<string>("date", true);
        var schema = nested ? new ParquetSchema(id, new StructField("meta", text), date) : new ParquetSchema(id, text, date);
        var output = new MemoryStream();
        Task.Run(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, output, null, false, CancellationToken.None);
            for (int start = 0; start < documents.Count; start += rowsPerGroup)
            {
                var rows = Enumerable.Range(start, Math.Min(rowsPerGroup, documents.Count - start)).ToArray();
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(id, rows.Select(i => documents[i].Id).ToArray(), null);
                await group.WriteAsync(text, rows.Select(i => texts is null ? documents[i].Text : texts[i]).ToArray(), null);
                await group.WriteAsync(date, rows.Select(i => documents[i].Date).ToArray(), null);
            }
        }).GetAwaiter().GetResult();
        return output.ToArray();
    }
}
