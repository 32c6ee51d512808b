using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NearDup.Distributed.Tests;

/// <summary>
/// <c>remote add --at-silos</c> as a user runs it, against two <c>neardup serve</c> processes: a folder of text files cut
/// into several shards of about <c>--shard-size</c>, not one, with a small gzip file that stays whole; and a large
/// gzip file dealt into a stripe of its lines per silo.
/// </summary>
public sealed partial class ShardIngestProcessTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task RemoteAddAtSilos_Folder_SeveralShardsOverBothSilos_ClusterSameAsNeardupCluster()
    {
        string connection = await PostgresTest.ConnectionOrSkip();
        string folder = Directory.CreateTempSubdirectory("neardup-shard-folder-").FullName;
        string corpus = Path.Combine(folder, "corpus");
        var docs = TestCorpus.Documents(450, seed: 51, strongCopies: true);
        // 400 text files (2.3 MB: three shards at 1 MiB, the last with the gzip file), their ids from their paths; 50 documents in a gzip file, never cut.
        Directory.CreateDirectory(Path.Combine(corpus, "texts"));
        foreach (var doc in docs.Take(400))
        {
            await File.WriteAllTextAsync(Path.Combine(corpus, "texts", doc.Id + ".txt"), doc.Text);
        }
        await using (var gz = new GZipStream(File.Create(Path.Combine(corpus, "more.jsonl.gz")), CompressionLevel.Fastest))
        {
            await gz.WriteAsync(System.Text.Encoding.UTF8.GetBytes(string.Concat(docs.Skip(400).Select(d => JsonSerializer.Serialize(new { id = d.Id, text = d.Text }) + "\n"))));
        }
        string clusterId = "folder-" + Guid.NewGuid().ToString("N")[..8];
        var silos = new List<System.Diagnostics.Process>();
        try
        {
            string[] target = await StartTwoSilos(connection, "folder-", clusterId, silos);

            var add = await CliProcess.Run(s_timeout, ["remote", "add", corpus, "--at-silos", "--shard-size", "1", .. target]);

            Assert.True(add.Exit == 0, add.Error);
            var total = Totals().Match(add.Error);
            Assert.True(total.Success, add.Error);
            Assert.True(int.Parse(total.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 3, add.Error);
            Assert.Equal("450", total.Groups[2].Value);
            // The gzip file is read last, whole, in the shard of the folder's last files.
            Assert.Matches(@" to more\.jsonl\.gz\]: [0-9,]+ added", add.Error);
            Assert.DoesNotContain("more.jsonl.gz [bytes", add.Error);
            Assert.Equal(2, ShardSilo().Matches(add.Error).Select(m => m.Groups[1].Value).Distinct().Count());
            await AssertRemoteClusterSameAsLocal(target, corpus, folder);
        }
        finally
        {
            await ServeProcess.StopAndCleanUp(silos, folder, connection, clusterId);
        }
    }

    /// <summary>
    /// <c>remote add FILE.jsonl.gz --at-silos</c> on two <c>neardup serve</c> processes: the gzip file, too large for one
    /// shard, dealt into a stripe of its lines per silo, each read by <c>serve</c>'s own loader at its own silo; every
    /// document added once, and <c>remote cluster</c> byte-identical to <c>neardup cluster</c> of the file.
    /// </summary>
    [Fact]
    public async Task RemoteAddAtSilos_LargeGzip_AStripeAtEachSilo_ClusterSameAsNeardupCluster()
    {
        string connection = await PostgresTest.ConnectionOrSkip();
        string folder = Directory.CreateTempSubdirectory("neardup-shard-gzip-").FullName;
        string gzip = Path.Combine(folder, "docs.jsonl.gz");
        var docs = TestCorpus.Documents(1500, seed: 52, strongCopies: true);
        await using (var gz = new GZipStream(File.Create(gzip), CompressionLevel.Fastest))
        {
            await gz.WriteAsync(System.Text.Encoding.UTF8.GetBytes(string.Concat(docs.Select(d => JsonSerializer.Serialize(new { id = d.Id, text = d.Text }) + "\n"))));
        }
        // Striped when over a quarter of --shard-size 1 (MiB).
        Assert.True(new FileInfo(gzip).Length > 256 << 10, $"{new FileInfo(gzip).Length:N0} B");
        string clusterId = "gzip-" + Guid.NewGuid().ToString("N")[..8];
        var silos = new List<System.Diagnostics.Process>();
        try
        {
            string[] target = await StartTwoSilos(connection, "gzip-", clusterId, silos);

            var add = await CliProcess.Run(s_timeout, ["remote", "add", gzip, "--at-silos", "--shard-size", "1", .. target]);

            Assert.True(add.Exit == 0, add.Error);
            var total = Totals().Match(add.Error);
            Assert.True(total.Success, add.Error);
            Assert.Equal(("2", "1,500"), (total.Groups[1].Value, total.Groups[2].Value));
            Assert.Contains("docs.jsonl.gz [lines in blocks of 512: block 0 of every 2]", add.Error, StringComparison.Ordinal);
            Assert.Contains("docs.jsonl.gz [lines in blocks of 512: block 1 of every 2]", add.Error, StringComparison.Ordinal);
            Assert.Equal(2, ShardSilo().Matches(add.Error).Select(m => m.Groups[1].Value).Distinct().Count());
            await AssertRemoteClusterSameAsLocal(target, gzip, folder);
        }
        finally
        {
            await ServeProcess.StopAndCleanUp(silos, folder, connection, clusterId);
        }
    }

    /// <summary>Starts two <c>serve</c> processes of a new index (name from <paramref name="prefix"/>) into <paramref name="silos"/>; returns the <c>remote</c> options that reach them.</summary>
    private static async Task<string[]> StartTwoSilos(string connection, string prefix, string clusterId, List<System.Diagnostics.Process> silos)
    {
        string index = prefix + Guid.NewGuid().ToString("N")[..8];
        int gateway = CliProcess.FreePort();
        string[] common = ["--postgres", connection, "--cluster-id", clusterId, "--index", index, "--partitions", "4", "--http-port", "0"];
        silos.Add(await ServeProcess.Start([.. common, "--silo-port", $"{CliProcess.FreePort()}", "--gateway-port", $"{gateway}"], s_timeout));
        silos.Add(await ServeProcess.Start([.. common, "--silo-port", $"{CliProcess.FreePort()}", "--gateway-port", $"{CliProcess.FreePort()}"], s_timeout));
        return ["--cluster", $"127.0.0.1:{gateway}", "--cluster-id", clusterId, "--index", index];
    }

    /// <summary><c>remote cluster</c> of the index <paramref name="target"/> reaches, byte for byte <c>neardup cluster</c> of <paramref name="input"/>.</summary>
    private static async Task AssertRemoteClusterSameAsLocal(string[] target, string input, string folder)
    {
        string remote = Path.Combine(folder, "remote.jsonl"), local = Path.Combine(folder, "local.jsonl");
        var cluster = await CliProcess.Run(s_timeout, ["remote", "cluster", .. target, "-o", remote]);
        Assert.True(cluster.Exit == 0, cluster.Error);
        var one = await CliProcess.Run(s_timeout, "cluster", input, "-o", local);
        Assert.True(one.Exit == 0, one.Error);
        Assert.Equal(await File.ReadAllBytesAsync(local), await File.ReadAllBytesAsync(remote));
    }

    [GeneratedRegex(@"([0-9,]+) shards read at the silos: ([0-9,]+) added")]
    private static partial Regex Totals();

    [GeneratedRegex(@"^shard [0-9]+/[0-9]+ at ([^:]+:[0-9]+)", RegexOptions.Multiline)]
    private static partial Regex ShardSilo();
}
