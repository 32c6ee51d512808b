using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace NearDup.Distributed.Tests;

/// <summary><c>neardup serve</c> and <c>neardup remote</c> as separate processes, as a user runs them.</summary>
public sealed class ServeProcessTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Serve_BadFlags_ExitTwoNamingTheFlag()
    {
        var partitions = await CliProcess.Run(s_timeout, "serve", "--postgres", "Host=127.0.0.1", "--partitions", "0");
        Assert.Equal((2, "error: --partitions must be from 1 to 65536; got 0."), (partitions.Exit, partitions.Error.Trim()));
        var clusterId = await CliProcess.Run(s_timeout, "serve", "--postgres", "Host=127.0.0.1", "--cluster-id", "a b");
        Assert.Equal((2, "error: --cluster-id must be 1 to 100 letters, digits, '-', '_' or '.'; got 'a b'."), (clusterId.Exit, clusterId.Error.Trim()));
        var gateway = await CliProcess.Run(s_timeout, "remote", "query", "docs.jsonl", "--cluster", "nowhere");
        Assert.Equal((2, "error: --cluster must be HOST:PORT, e.g. 127.0.0.1:11111; got 'nowhere'."), (gateway.Exit, gateway.Error.Trim()));
        var database = await CliProcess.Run(s_timeout, "remote", "query", "docs.jsonl", "--cluster", "Bogus Key=1");
        Assert.Equal(2, database.Exit);
        Assert.StartsWith("error: --cluster is not a PostgreSQL connection string", database.Error);
        var postgres = await CliProcess.Run(s_timeout, "serve", "--postgres", "Bogus Key=1");
        Assert.Equal(2, postgres.Exit);
        Assert.StartsWith("error: --postgres is not a PostgreSQL connection string", postgres.Error);
        var index = await CliProcess.Run(s_timeout, "remote", "query", "docs.jsonl", "--cluster", "127.0.0.1:1", "--index", "a/b");
        Assert.Equal((2, "error: --index must be 1 to 100 letters, digits, '-', '_' or '.'; got 'a/b'."), (index.Exit, index.Error.Trim()));
        var kinds = await CliProcess.Run(s_timeout, "remote", "cluster", "--cluster", "127.0.0.1:1", "--kinds", "exact,bogus");
        Assert.Equal((2, "error: --kinds: unknown kind 'bogus'; give a comma-separated list of exact, syndicated, rewritten, excerpt."),
            (kinds.Exit, kinds.Error.Trim()));
        var jaccard = await CliProcess.Run(s_timeout, "remote", "cluster", "--cluster", "127.0.0.1:1", "--min-jaccard", "2");
        Assert.Equal((2, "error: --min-jaccard must be 0 to 1; got 2."), (jaccard.Exit, jaccard.Error.Trim()));
    }

    [Fact]
    public async Task ServeTwoSilos_RemoteAddQueryRemove_AndKilledSiloRestarted()
    {
        string connection = await PostgresTest.ConnectionOrSkip();
        string folder = Directory.CreateTempSubdirectory("neardup-serve-").FullName;
        string index = "proc-" + Guid.NewGuid().ToString("N")[..8];
        var docs = TestCorpus.Documents(300, seed: 31, strongCopies: true);
        string docsPath = Path.Combine(folder, "docs.jsonl");
        await File.WriteAllLinesAsync(docsPath, docs.Select(d => JsonSerializer.Serialize(new { id = d.Id, text = d.Text })));
        int siloPort = CliProcess.FreePort(), gateway1 = CliProcess.FreePort(), gateway2 = CliProcess.FreePort(), siloPort2 = CliProcess.FreePort();
        string clusterId = "serve-" + Guid.NewGuid().ToString("N")[..8];
        int httpPort = CliProcess.FreePort();
        string[] common = ["--postgres", connection, "--cluster-id", clusterId, "--index", index, "--partitions", "6"];
        using var first = await ServeProcess.Start([.. common, "--silo-port", $"{siloPort}", "--gateway-port", $"{gateway1}", "--http-port", $"{httpPort}"], s_timeout);
        Process? second = await ServeProcess.Start([.. common, "--silo-port", $"{siloPort2}", "--gateway-port", $"{gateway2}", "--http-port", "0"], s_timeout);
        try
        {
            string cluster = $"127.0.0.1:{gateway1}";
            // Found through the membership table: the client names the database, not a gateway.
            var add = await CliProcess.Run(s_timeout, "remote", "add", docsPath, "--cluster", connection, "--cluster-id", clusterId, "--index", index);
            Assert.True(add.Exit == 0, add.Error);
            Assert.Contains("added 300 documents", add.Error);

            // Every input is checked before the first is sent: a missing one named last adds nothing of the others.
            string extra = Path.Combine(folder, "extra.jsonl"), missing = Path.Combine(folder, "missing.jsonl");
            await File.WriteAllLinesAsync(extra, TestCorpus.Documents(10, seed: 32, strongCopies: false)
                .Select(d => JsonSerializer.Serialize(new { id = "extra-" + d.Id, text = d.Text })));
            string[] target = ["--cluster", connection, "--cluster-id", clusterId, "--index", index];
            var refused = await CliProcess.Run(s_timeout, ["remote", "add", extra, missing, .. target]);
            Assert.Equal(2, refused.Exit);
            Assert.Contains("missing.jsonl: no such file or folder", refused.Error);
            var extraAdd = await CliProcess.Run(s_timeout, ["remote", "add", extra, .. target]);
            Assert.True(extraAdd.Exit == 0, extraAdd.Error);
            Assert.Contains("added 10 documents", extraAdd.Error);
            var quiet = await CliProcess.Run(s_timeout, ["remote", "add", extra, "-q", .. target]);
            Assert.True(quiet.Exit == 0, quiet.Error);
            Assert.Equal("", quiet.Error.Trim());

            // The second silo dies without a word (SIGKILL) and comes back: what was acknowledged is all there.
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
            second.Dispose();
            // Null until it serves again: a restart that fails then reports its own error, not a kill of the disposed one.
            second = null;
            second = await ServeProcess.Start([.. common, "--silo-port", $"{siloPort2}", "--gateway-port", $"{gateway2}", "--http-port", "0"], s_timeout);

            string matches = Path.Combine(folder, "matches.jsonl");
            var query = await QueryUntilAnswered(docsPath, $"127.0.0.1:{gateway2}", clusterId, index, matches);
            Assert.True(query.Exit == 0, query.Error);
            var lines = await File.ReadAllLinesAsync(matches);
            Assert.Equal(300, lines.Length);
            for (int i = 0; i < lines.Length; i++)
            {
                using var line = JsonDocument.Parse(lines[i]);
                Assert.Contains(line.RootElement.GetProperty("matches").EnumerateArray(),
                    m => m.GetProperty("id").GetString() == docs[i].Id && m.GetProperty("role").GetString() == "exact");
            }

            await AssertClusterOf(folder, $"127.0.0.1:{gateway1}", clusterId, index, httpPort, docs[5].Id, docs[5].Text!);
            await AssertDatedQuery(httpPort, docs[5].Id, docs[5].Text!);
            await AssertActivations(httpPort, documentPartitions: 6);

            string ids = Path.Combine(folder, "ids.txt");
            await File.WriteAllLinesAsync(ids, [docs[0].Id, docs[1].Id]);
            var remove = await CliProcess.Run(s_timeout, "remote", "remove", "--ids", ids, "--cluster", cluster, "--cluster-id", clusterId, "--index", index);
            Assert.True(remove.Exit == 0, remove.Error);
            var again = await CliProcess.Run(s_timeout, "remote", "remove", "--ids", ids, "--cluster", cluster, "--cluster-id", clusterId, "--index", index);
            Assert.Equal(2, again.Exit);
            Assert.Contains($"ids.txt:1: no document '{docs[0].Id}'", again.Error);
        }
        finally
        {
            foreach (var silo in new[] { second, first })
            {
                if (silo is not null)
                {
                    silo.Kill(entireProcessTree: true);
                    await silo.WaitForExitAsync();
                }
            }
            second?.Dispose();
            Directory.Delete(folder, recursive: true);
            await PostgresTest.DeleteMembership(connection, clusterId);
        }
    }

    /// <summary>
    /// A document's cluster, by <c>remote cluster-of</c> and <c>GET /documents/{id}/cluster</c>: refused before any batch
    /// run, then the line <c>remote cluster</c> wrote for the cluster holding it; an unknown id refused by name. A query of
    /// its <paramref name="text"/> (<c>POST /query</c>) names no cluster before the run and that cluster after it.
    /// </summary>
    private static async Task AssertClusterOf(string folder, string cluster, string clusterId, string index, int httpPort, string id, string text)
    {
        string[] target = ["--cluster", cluster, "--cluster-id", clusterId, "--index", index];
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
        var none = await CliProcess.Run(s_timeout, ["remote", "cluster-of", id, .. target]);
        Assert.Equal(2, none.Exit);
        Assert.Contains($"'{index}' has no clustering yet", none.Error);
        using (var response = await http.GetAsync($"documents/{id}/cluster"))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("no clustering yet", await response.Content.ReadAsStringAsync());
        }

        Assert.Null(await QueriedCluster(http, text, id));

        string clusters = Path.Combine(folder, "clusters.jsonl"), of = Path.Combine(folder, "of.jsonl");
        var run = await CliProcess.Run(s_timeout, ["remote", "cluster", .. target, "-o", clusters]);
        Assert.True(run.Exit == 0, run.Error);
        var lines = await File.ReadAllLinesAsync(clusters);
        string expected = Assert.Single(lines, l => l.Contains($"\"id\":\"{id}\"", StringComparison.Ordinal));
        var found = await CliProcess.Run(s_timeout, ["remote", "cluster-of", id, .. target, "-o", of]);
        Assert.True(found.Exit == 0, found.Error);
        Assert.Equal([expected], await File.ReadAllLinesAsync(of));
        using (var response = await http.GetAsync($"documents/{id}/cluster"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            using var line = JsonDocument.Parse(expected);
            Assert.Equal(line.RootElement.GetProperty("cluster").GetString(), body.RootElement.GetProperty("cluster").GetString());
            Assert.Equal(line.RootElement.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetString()),
                body.RootElement.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
            Assert.Equal(line.RootElement.GetProperty("cluster").GetString(), await QueriedCluster(http, text, id));
        }

        var unknown = await CliProcess.Run(s_timeout, ["remote", "cluster-of", "no-such-id", .. target]);
        Assert.Equal(2, unknown.Exit);
        Assert.Contains($"no document 'no-such-id' in the last clustering run of index '{index}'", unknown.Error);
        using (var response = await http.GetAsync("documents/no-such-id/cluster"))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("no document 'no-such-id'", await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>
    /// <c>POST /query</c> with a date: a date finds what the undated query finds (the documents are undated), and a date
    /// that is not one is a 400 naming the field, not the empty 400 ASP.NET Core answers a body it cannot bind.
    /// </summary>
    private static async Task AssertDatedQuery(int httpPort, string id, string text)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
        using (var response = await http.PostAsync("query", JsonContent.Create(new { text, date = "1987-03-26" })))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains(body.RootElement.GetProperty("matches").EnumerateArray(), m => m.GetProperty("id").GetString() == id);
        }
        using (var response = await http.PostAsync("query", JsonContent.Create(new { text, date = "last week" })))
        {
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.StartsWith("\"date\" must be an ISO 8601 date", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }

    /// <summary>The cluster <c>POST /query</c> of <paramref name="text"/> names for its match <paramref name="id"/> (null for none).</summary>
    private static async Task<string?> QueriedCluster(HttpClient http, string text, string id)
    {
        using var response = await http.PostAsync("query", JsonContent.Create(new { text }));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var match = Assert.Single(body.RootElement.GetProperty("matches").EnumerateArray(), m => m.GetProperty("id").GetString() == id);
        return match.GetProperty("cluster").GetString();
    }

    /// <summary>
    /// <c>GET /activations</c>: each silo by address with the index's grains by class; the 6 document partitions, active
    /// since the batch run, are all there once any moving after the restart has settled.
    /// </summary>
    private static async Task AssertActivations(int httpPort, int documentPartitions)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        int found = await DocumentPartitionsActive(http);
        while (found != documentPartitions && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            found = await DocumentPartitionsActive(http);
        }
        Assert.Equal(documentPartitions, found);
    }

    /// <summary>The document partitions <c>GET /activations</c> lists over all silos, each silo named by its address.</summary>
    private static async Task<int> DocumentPartitionsActive(HttpClient http)
    {
        using var response = await http.GetAsync("activations");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var silos = body.RootElement.GetProperty("silos").EnumerateArray().ToArray();
        Assert.All(silos, s => Assert.StartsWith("127.0.0.1:", s.GetProperty("silo").GetString(), StringComparison.Ordinal));
        return silos.Sum(s => s.GetProperty("grains").TryGetProperty("DocumentPartitionGrain", out var n) ? n.GetInt32() : 0);
    }

    /// <summary>Right after a restart the gateway may still route to the dead silo's address: a query is retried a few times.</summary>
    private static async Task<(int Exit, string Out, string Error)> QueryUntilAnswered(string docs, string cluster, string clusterId, string index, string output)
    {
        for (int attempt = 0; ; attempt++)
        {
            var query = await CliProcess.Run(s_timeout, "remote", "query", docs, "--cluster", cluster, "--cluster-id", clusterId, "--index", index, "-o", output);
            if (query.Exit == 0 || attempt == 10)
            {
                return query;
            }
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
    }
}
