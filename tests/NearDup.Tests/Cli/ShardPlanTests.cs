using System.Text;
using NearDup.Cli.Input;
using NearDup.Distributed;

namespace NearDup.Tests.Cli;

/// <summary>
/// <c>remote add --at-silos</c>'s client and silo halves without a cluster: the shards a plan cuts (<see cref="ShardPlan"/>)
/// and what a silo reads of them (<see cref="DocumentShardReader"/>, the loader <c>neardup cluster</c> reads with).
/// </summary>
public sealed class ShardPlanTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("neardup-shardplan-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Of_LargeJsonl_RangesAtLineEnds_ReadTogetherSameAsWhole()
    {
        string path = Write("docs.jsonl", 300);
        var shards = ShardPlan.Of([path], 4096);

        Assert.True(shards.Count > 5, $"{shards.Count} shards");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(0, shards[0].Start);
        Assert.Equal(bytes.Length, shards[^1].End);
        for (int k = 1; k < shards.Count; k++)
        {
            Assert.Equal(shards[k - 1].End, shards[k].Start);
            Assert.Equal((byte)'\n', bytes[shards[k].Start - 1]);
        }
        var reader = new DocumentShardReader();
        long skipped = -1;
        var read = shards.SelectMany(s => reader.Read(s, "", n => skipped = n)).Select(Key).ToList();
        Assert.Equal(new DocumentReader(path).Read().Select(Key), read);
        Assert.Equal(0, skipped);
    }

    [Fact]
    public void Read_BadLineInALaterRange_ErrorNamesItsLineInTheFile()
    {
        string path = Write("bad.jsonl", 300, badLine: 250);
        var shards = ShardPlan.Of([path], 4096);
        var reader = new DocumentShardReader();

        long badAt = File.ReadAllLines(path).Take(249).Sum(l => l.Length + 1L);
        var error = Assert.Throws<InvalidDataException>(() => shards.SelectMany(s => reader.Read(s, "", _ => { })).Count());

        Assert.Contains(shards, s => s.Start > 0 && s.Start <= badAt && badAt < s.End);
        Assert.StartsWith($"{path}:250: ", error.Message);
    }

    [Fact]
    public void Read_SkipInvalidFromSettings_CountsTheSkips()
    {
        string path = Write("skip.jsonl", 40, badLine: 7);
        string settings = ShardReaderSettings.Write(new InputOptions { SkipInvalid = true });
        long skipped = -1;

        int read = new DocumentShardReader().Read(new IngestShard(path), settings, n => skipped = n).Count();

        Assert.Equal((39, 1L), (read, skipped));
    }

    [Fact]
    public void Of_SmallCompressedAndFolders_OneShardEach_StdinRefused()
    {
        string small = Write("small.jsonl", 3);
        string gz = Path.Combine(_dir, "big.jsonl.gz");
        using (var file = File.Create(gz))
        using (var zip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        {
            zip.Write(File.ReadAllBytes(Write("big.jsonl", 300)));
        }

        var shards = ShardPlan.Of([small, gz, _dir], 4096);

        Assert.Equal([new IngestShard(small), new IngestShard(gz), new IngestShard(_dir)], shards);
        Assert.Throws<InputException>(() => ShardPlan.Of(["-"], 4096));
    }

    [Fact]
    public void Settings_RoundTrip()
    {
        var options = new InputOptions
        {
            IdField = "meta.key",
            TextField = "body",
            DateField = "when",
            Format = InputFormat.Csv,
            SkipInvalid = true,
            MaxDocumentBytes = 12345,
            Include = ["**/*.md", "a?.txt"],
            Exclude = ["skip/**"],
        };

        var back = ShardReaderSettings.Read(ShardReaderSettings.Write(options));

        Assert.Equal((options.IdField, options.TextField, options.DateField, options.Format, options.SkipInvalid, options.MaxDocumentBytes),
            (back.IdField, back.TextField, back.DateField, back.Format, back.SkipInvalid, back.MaxDocumentBytes));
        Assert.Equal(options.Include, back.Include);
        Assert.Equal(options.Exclude, back.Exclude);
        Assert.Throws<InvalidDataException>(() => ShardReaderSettings.Read("{\"id\": 1}"));
    }

    private static (string Id, string Text) Key(global::NearDup.Clustering.DocumentInput d) => (d.Id, d.Text ?? Encoding.UTF8.GetString(d.Utf8Text.Span));

    private string Write(string name, int count, int badLine = 0)
    {
        string path = Path.Combine(_dir, name);
        var lines = Enumerable.Range(1, count).Select(i => i == badLine ? "{\"id\": \"broken\", " : $"{{\"id\":\"d{i}\",\"text\":\"document {i} says {string.Join(' ', Enumerable.Repeat("word" + i, 10))}\"}}");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }
}
