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
    public void Of_SmallAndCompressed_OneShardEach_CompressedNeverCut_StdinRefused()
    {
        string small = Write("small.jsonl", 3);
        string gz = WriteGzip("big.jsonl.gz", 600);

        var shards = ShardPlan.Of([small, gz], 1024);

        Assert.True(new FileInfo(gz).Length > 1024);
        Assert.Equal([new IngestShard(small), new IngestShard(gz)], shards);
        Assert.Throws<InputException>(() => ShardPlan.Of(["-"], 4096));
    }

    [Fact]
    public void Of_LargeCompressedJsonl_AStripePerSilo_ReadTogetherSameAsWhole()
    {
        string gz = WriteGzip("striped.jsonl.gz", 1600); // blocks of 512 lines: stripes 0, 1, 2, then 0 again

        var shards = ShardPlan.Of([gz], 1024, stripes: 3);

        Assert.Equal(IngestShard.Striped(gz, 3), shards);
        var reader = new DocumentShardReader();
        var stripes = shards.Select(s =>
        {
            long skipped = -1;
            var read = reader.Read(s, "", n => skipped = n).Select(Key).ToList();
            Assert.Equal(0, skipped);
            return read;
        }).ToList();
        Assert.Equal([512 + 64, 512, 512], stripes.Select(r => r.Count));
        Assert.Equal(new DocumentReader(gz).Read().Select(Key).Order(), stripes.SelectMany(r => r).Order());
    }

    [Fact]
    public void Read_BadLineInAStripe_OnlyThatStripeFails_NamingItsLineInTheFile()
    {
        string gz = WriteGzip("bad.jsonl.gz", 1600, badLine: 1300);
        var shards = ShardPlan.Of([gz], 1024, stripes: 3);
        var reader = new DocumentShardReader();

        Assert.Equal(512 + 64, reader.Read(shards[0], "", _ => { }).Count());
        Assert.Equal(512, reader.Read(shards[1], "", _ => { }).Count());
        var error = Assert.Throws<InvalidDataException>(() => reader.Read(shards[2], "", _ => { }).Count());
        Assert.StartsWith($"{gz}:1300: ", error.Message);
    }

    [Fact]
    public void Of_SmallOrNotJsonlCompressed_OneShardWhateverTheSilos()
    {
        string small = WriteGzip("small.jsonl.gz", 20);
        string csv = Path.Combine(_dir, "big.csv.gz");
        File.Copy(WriteGzip("as-csv.jsonl.gz", 600), csv);

        var shards = ShardPlan.Of([small, csv], 16 << 10, stripes: 3);

        // Under a quarter of the shard size, and over it.
        Assert.True(new FileInfo(small).Length <= 4 << 10, $"{new FileInfo(small).Length:N0} B");
        Assert.True(new FileInfo(csv).Length > 4 << 10, $"{new FileInfo(csv).Length:N0} B");
        Assert.Equal([new IngestShard(small), new IngestShard(csv)], shards);
    }

    [Fact]
    public void Of_Folder_FilesGroupedInShards_ReadTogetherSameAsFolder()
    {
        string root = Path.Combine(_dir, "folder");
        Directory.CreateDirectory(Path.Combine(root, "sub"));
        for (int i = 0; i < 40; i++)
        {
            File.WriteAllText(Path.Combine(root, i % 2 == 0 ? "sub" : "", $"t{i}.txt"), $"text file {i} says {string.Join(' ', Enumerable.Repeat("word" + i, 30))}");
        }
        // Same stem: both keep their extension in their ids, which a shard holding one of them alone could not tell.
        File.WriteAllText(Path.Combine(root, "sub", "t0.md"), "the markdown twin of t0 with words of its own");
        File.Move(Write("big.jsonl", 300), Path.Combine(root, "big.jsonl"));
        File.Move(Write("small.jsonl", 2, idPrefix: "s"), Path.Combine(root, "small.jsonl"));
        File.Move(WriteGzip("packed.jsonl.gz", 600), Path.Combine(root, "packed.jsonl.gz"));

        var shards = ShardPlan.Of([root], 1024);

        var grouped = shards.Where(s => s.Files is not null).ToList();
        Assert.True(grouped.Count(s => s.TextIds!.Any(id => id is not null)) >= 3, string.Join("\n", shards));
        Assert.All(grouped, s => Assert.Equal(root, s.Path));
        Assert.Equal(["packed.jsonl.gz"], grouped.SelectMany(s => s.Files!).Where(f => f.EndsWith(".gz", StringComparison.Ordinal)));
        Assert.Equal(Path.Combine(root, "big.jsonl"), Assert.Single(shards.Where(s => s.IsRange).Select(s => s.Path).Distinct()));
        Assert.Contains("sub/t0.txt", grouped.SelectMany(s => s.TextIds!));
        var reader = new DocumentShardReader();
        var read = shards.SelectMany(s => reader.Read(s, "", _ => { })).Select(Key).Order().ToList();
        Assert.Equal(new DocumentReader(root).Read().Select(Key).Order(), read);
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

    /// <summary>
    /// A gzip JSONL file of <paramref name="count"/> documents whose words do not repeat, so it stays larger than a few
    /// KiB; line <paramref name="badLine"/> (from 1), if given, is not JSON.
    /// </summary>
    private string WriteGzip(string name, int count, int badLine = 0)
    {
        string path = Path.Combine(_dir, name);
        var random = new Random(17);
        using var zip = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest);
        for (int i = 0; i < count; i++)
        {
            string words = string.Join(' ', Enumerable.Range(0, 12).Select(_ => random.Next().ToString("x8", System.Globalization.CultureInfo.InvariantCulture)));
            zip.Write(Encoding.UTF8.GetBytes(i + 1 == badLine ? "{\"id\": \"broken\", \n" : $"{{\"id\":\"{name}-{i}\",\"text\":\"{words}\"}}\n"));
        }
        return path;
    }

    private string Write(string name, int count, int badLine = 0, string idPrefix = "d")
    {
        string path = Path.Combine(_dir, name);
        var lines = Enumerable.Range(1, count).Select(i => i == badLine ? "{\"id\": \"broken\", " : $"{{\"id\":\"{idPrefix}{i}\",\"text\":\"document {i} says {string.Join(' ', Enumerable.Repeat("word" + i, 10))}\"}}");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }
}
