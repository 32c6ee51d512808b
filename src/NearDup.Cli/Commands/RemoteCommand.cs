using System.CommandLine;
using System.Text.Json;
using NearDup.Cli.Input;
using NearDup.Cli.Output;
using NearDup.Cli.Pipeline;
using NearDup.Clustering;
using NearDup.Distributed;
using NearDup.Distributed.Hosting;
using Orleans.Runtime;

namespace NearDup.Cli.Commands;

/// <summary>
/// <c>neardup remote add|query|remove|cluster --cluster HOST:PORT[,…]</c>: the partitioned index's client, through the gateways
/// of silos started by <c>neardup serve</c>.
/// </summary>
internal static class RemoteCommand
{
    private static readonly JsonWriterOptions s_jsonOptions = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var command = new Command("remote", "Add to, query or remove from a partitioned index served by neardup serve.");
        command.Subcommands.Add(Create("add", "Add documents (ids must be new, or the same document again)", withInput: true, (client, args, token) => Add(client, args, token)));
        command.Subcommands.Add(Create("query", "Find the copies of each input document; JSONL as neardup query writes, without clusters", withInput: true,
            (client, args, token) => Query(client, args, token)));
        command.Subcommands.Add(Create("remove", "Remove documents by id (--ids FILE, one per line)", withInput: false, (client, args, token) => Remove(client, args)));
        command.Subcommands.Add(CreateCluster());
        command.Subcommands.Add(CreateClusterOf());
        return command;
    }

    /// <summary>
    /// <c>remote cluster-of ID…</c>: each document's cluster in the index's last <c>remote cluster</c> run (before that
    /// run's --kinds and bound filters), one JSONL line each as <c>neardup cluster</c> writes clusters.
    /// </summary>
    private static Command CreateClusterOf()
    {
        var common = new CommonOptions();
        var (cluster, clusterId, traffic, timeout) = RemoteClusterOptions();
        var index = new Option<string>("--index") { Description = "The index", DefaultValueFactory = _ => "default" };
        var ids = new Argument<string[]>("ID") { Description = "Document ids", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out", "-o") { Description = "Write the clusters here (default: stdout)" };
        var command = new Command("cluster-of", "The cluster of each document in the index's last remote cluster run, as neardup cluster writes clusters")
        {
            cluster, clusterId, traffic, timeout, index, ids, output,
        };
        common.AddEngineOptions(command);
        command.SetAction(parseResult => CommandRunner.Run(() =>
        {
            var target = ClusterTarget.Parse(parseResult.GetValue(cluster)!, ServeCommand.CheckIndex("--cluster-id", parseResult.GetValue(clusterId)!),
                ServeCommand.CheckTimeout("--response-timeout", parseResult.GetValue(timeout)));
            string indexName = ServeCommand.CheckIndex("--index", parseResult.GetValue(index)!);
            string? outPath = parseResult.GetValue(output);
            OutputFile.Check("--out", outPath);
            return Connected(target, indexName, common.GetEngineOptions(parseResult), parseResult.GetValue(traffic), quiet: false, async client =>
            {
                var found = new List<DocumentCluster>();
                var missing = new List<string>();
                foreach (string id in parseResult.GetValue(ids)!)
                {
                    if (await client.ClusterOfAsync(id) is { } of)
                    {
                        found.Add(of);
                    }
                    else
                    {
                        missing.Add(id);
                    }
                }
                OutputFile.Write("--out", outPath, stream => ClusterWriter.WriteClusters(stream, found, OutputFormat.Jsonl));
                foreach (string id in missing)
                {
                    Console.Error.WriteLine($"error: no document '{id}' in the last clustering run of index '{client.IndexName}' (added since, or never)");
                }
                return missing.Count == 0 ? 0 : CommandRunner.BadInput;
            });
        }));
        return command;
    }

    /// <summary>
    /// <c>remote cluster</c>: every document of the index clustered, written as <c>neardup cluster</c> writes clusters
    /// (byte-identical for the same documents and options).
    /// </summary>
    private static Command CreateCluster()
    {
        var common = new CommonOptions();
        var (cluster, clusterId, traffic, timeout) = RemoteClusterOptions();
        var index = new Option<string>("--index") { Description = "The index", DefaultValueFactory = _ => "default" };
        var output = new Option<string?>("--out", "-o") { Description = "Write the clusters here (default: stdout); written to a temporary name, then renamed" };
        var format = new Option<string>("--format", "-f") { Description = "jsonl (one object per cluster), csv or parquet (one row per member), or text (a summary for people)", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv", "parquet", "text");
        var kinds = new Option<string>("--kinds")
        {
            Description = "Roles a copy may have and stay in its cluster (comma-separated: exact, syndicated, rewritten, excerpt); a copy of another role becomes a singleton",
            DefaultValueFactory = _ => "exact,syndicated,rewritten,excerpt",
        };
        var command = new Command("cluster", "Cluster every document of the index across the silos; the same clusters as neardup cluster over the same documents and options")
        {
            cluster, clusterId, traffic, timeout, index, output, format, kinds,
        };
        common.AddEngineOptions(command);
        common.AddBoundOptions(command);
        common.AddOutputOptions(command);
        command.SetAction(parseResult => CommandRunner.Run(() =>
        {
            using var cancel = CommandRunner.CancelOnCtrlC();
            var target = ClusterTarget.Parse(parseResult.GetValue(cluster)!, ServeCommand.CheckIndex("--cluster-id", parseResult.GetValue(clusterId)!),
                ServeCommand.CheckTimeout("--response-timeout", parseResult.GetValue(timeout)));
            string indexName = ServeCommand.CheckIndex("--index", parseResult.GetValue(index)!);
            var outputFormat = Enum.Parse<OutputFormat>(parseResult.GetValue(format)!, ignoreCase: true);
            var filter = common.GetOutputFilter(parseResult, CommonOptions.ParseKinds(parseResult.GetValue(kinds)!, allowTemplate: false));
            string? outPath = parseResult.GetValue(output);
            OutputFile.Check("--out", outPath);
            bool quiet = parseResult.GetValue(common.Quiet);
            bool verbose = parseResult.GetValue(common.Verbose) && !quiet;
            return Connected(target, indexName, common.GetEngineOptions(parseResult), parseResult.GetValue(traffic), quiet, async client =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var stages = new StageClock(clock);
                var result = (await client.ClusterAsync(progress: stages, cancellationToken: cancel.Token)).Filter(filter);
                if (verbose)
                {
                    Console.Error.WriteLine($"listing, candidates and verification in the partitions {stages.StartOf(1):0.00} s; "
                        + $"stages 3-7 here {clock.Elapsed.TotalSeconds - stages.StartOf(3):0.00} s, of which stage 4 (group cores and boilerplate) "
                        + $"{stages.StartOf(5) - stages.StartOf(4):0.00} s");
                }
                OutputFile.Write("--out", outPath, stream => ClusterWriter.WriteClusters(stream, result.Clusters, outputFormat));
                if (!quiet)
                {
                    int copies = result.Clusters.Sum(c => c.Members.Count - 1);
                    Console.Error.WriteLine($"{result.Statistics.Documents:N0} documents of index '{client.IndexName}', {result.Clusters.Count:N0} clusters, "
                        + $"{copies:N0} copies; {clock.Elapsed.TotalSeconds:0.00} s" + (OutputFile.IsStdout(outPath) ? "" : $"; wrote {outPath}"));
                }
                return 0;
            });
        }));
        return command;
    }

    private sealed record Arguments(ParseResult Parsed, CommonOptions Common, Argument<string> Input, Option<string?> Out, Option<string?> Ids,
        Option<bool> Traffic)
    {
        /// <summary><c>remote add</c>'s inputs, <c>--at-silos</c> and <c>--shard-size</c>.</summary>
        public (Argument<string[]> Inputs, Option<bool> AtSilos, Option<int> ShardMiB) Add { get; init; }
    }

    private static Command Create(string name, string description, bool withInput, Func<NearDupClusterClient, Arguments, CancellationToken, Task<int>> body)
    {
        var common = new CommonOptions();
        var (cluster, clusterId, traffic, timeout) = RemoteClusterOptions();
        var index = new Option<string>("--index") { Description = "The index", DefaultValueFactory = _ => "default" };
        var input = new Argument<string>("INPUT") { Description = "Documents: a folder, a .jsonl or .jsonl.gz file, or - for stdin" };
        var output = new Option<string?>("--out", "-o") { Description = "Write the matches here (default: stdout)" };
        var ids = new Option<string?>("--ids") { Description = "A file of ids to remove, one per line (- for stdin)", Required = !withInput };
        var command = new Command(name, description) { cluster, clusterId, traffic, timeout, index };
        var add = RemoteShardAdd.Options();
        if (name == "add")
        {
            command.Add(add.Inputs);
            command.Add(add.AtSilos);
            command.Add(add.ShardMiB);
            common.AddInputOptions(command);
        }
        else if (withInput)
        {
            command.Add(input);
            common.AddInputOptions(command);
            if (name == "query")
            {
                command.Add(output);
            }
        }
        else
        {
            command.Add(ids);
        }
        command.Add(common.Quiet);
        common.AddEngineOptions(command);
        command.SetAction(parseResult => CommandRunner.Run(() =>
        {
            using var cancel = CommandRunner.CancelOnCtrlC();
            var target = ClusterTarget.Parse(parseResult.GetValue(cluster)!, ServeCommand.CheckIndex("--cluster-id", parseResult.GetValue(clusterId)!),
                ServeCommand.CheckTimeout("--response-timeout", parseResult.GetValue(timeout)));
            string indexName = ServeCommand.CheckIndex("--index", parseResult.GetValue(index)!);
            OutputFile.Check("--out", parseResult.GetValue(output));
            // Every input named is there before the first is sent: a name mistyped last would fail after the others were added.
            Array.ForEach(name == "add" ? parseResult.GetValue(add.Inputs)! : [], DocumentReader.CheckExists);
            return Connected(target, indexName, common.GetEngineOptions(parseResult), parseResult.GetValue(traffic), parseResult.GetValue(common.Quiet), client =>
                body(client, new Arguments(parseResult, common, input, output, ids, traffic) { Add = add }, cancel.Token));
        }));
        return command;
    }

    /// <summary>The <c>--cluster</c>, <c>--cluster-id</c>, <c>--traffic</c> and <c>--response-timeout</c> options every remote command takes.</summary>
    private static (Option<string> Cluster, Option<string> ClusterId, Option<bool> Traffic, Option<int> Timeout) RemoteClusterOptions() =>
        (new Option<string>("--cluster")
        {
            Description = "The silos: their gateways HOST:PORT[,HOST:PORT…] (serve's --gateway-port), or serve's --postgres connection string to find them there",
            Required = true,
        },
        new Option<string>("--cluster-id") { Description = "The cluster's id (serve's --cluster-id)", DefaultValueFactory = _ => ServeSettings.DefaultClusterId },
        new Option<bool>("--traffic") { Description = "Print on stderr the Orleans messages and bytes this client sent and received (connecting included)" },
        ServeCommand.ResponseTimeoutOption());

    /// <summary>
    /// Runs <paramref name="body"/> with a client of the index, connection failures and the cluster's errors reported in
    /// the CLI's terms; each call sent again after a failure of the cluster's is a warning on stderr, unless <paramref name="quiet"/>.
    /// </summary>
    private static int Connected(ClusterTarget target, string indexName, NearDupOptions options, bool traffic, bool quiet, Func<NearDupClusterClient, Task<int>> body)
    {
        using var counter = traffic ? MessageTraffic.Start() : null;
        RemoteConnection connection;
        try
        {
            connection = target.ConnectAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or System.Net.Sockets.SocketException)
        {
            Console.Error.WriteLine($"error: --cluster {target}: no silo answered ({e.Message}); is neardup serve running there, with --cluster-id {target.ClusterId}?");
            return 1;
        }
        try
        {
            var client = NearDupClusterClient.OpenAsync(connection.Grains, indexName, options).GetAwaiter().GetResult();
            if (!quiet)
            {
                client.CallRetried += message => Console.Error.WriteLine($"warning: {message}");
            }
            return body(client).GetAwaiter().GetResult();
        }
        catch (Exception e) when (RemoteError.Map(e, target.ToString(), indexName) is { } error)
        {
            Console.Error.WriteLine(error.Message);
            return error.Code;
        }
        catch (Exception e) when (RemoteError.LeftBehind(e, indexName) is { } note)
        {
            // A bug keeps its stack trace; the drop's failure would be lost with it.
            Console.Error.WriteLine(note);
            throw;
        }
        finally
        {
            connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
            if (counter is not null)
            {
                Console.Error.WriteLine($"traffic of this client: {counter.Counts}");
            }
        }
    }

    /// <summary>When each clustering stage started, in seconds on <c>clock</c> (reported on the calling thread).</summary>
    private sealed class StageClock(System.Diagnostics.Stopwatch clock) : IProgress<ClusteringProgress>
    {
        private readonly double[] _starts = new double[16];

        public void Report(ClusteringProgress value) => _starts[value.Stage] = clock.Elapsed.TotalSeconds;

        public double StartOf(int stage) => _starts[stage];
    }

    private static async Task<int> Add(NearDupClusterClient client, Arguments args, CancellationToken token)
    {
        string[] inputs = args.Parsed.GetValue(args.Add.Inputs)!;
        var inputOptions = args.Common.GetInputOptions(args.Parsed);
        bool quiet = args.Parsed.GetValue(args.Common.Quiet);
        if (args.Parsed.GetValue(args.Add.AtSilos))
        {
            return await RemoteShardAdd.RunAsync(client, inputs, inputOptions, args.Parsed.GetValue(args.Add.ShardMiB), quiet, token);
        }
        long added = 0;
        foreach (string input in inputs)
        {
            var reader = new DocumentReader(input, inputOptions);
            // Documents acknowledged by the silos, against the bytes read: a 100,000-document add takes a minute or more.
            using (var progress = new ConsoleProgress($"adding {Path.GetFileName(input)}", quiet, () => reader.BytesRead, () => reader.TotalBytes))
            {
                added += await client.AddRangeAsync(reader.Read(), new Pipeline.ReadProgress(progress), token);
            }
            SkippedDocuments.Report(reader);
        }
        if (!quiet)
        {
            Console.Error.WriteLine($"added {added:N0} documents to index '{client.IndexName}'; it holds {await client.CountAsync():N0}");
        }
        return 0;
    }

    private static Task<int> Query(NearDupClusterClient client, Arguments args, CancellationToken token)
    {
        var reader = new DocumentReader(args.Parsed.GetValue(args.Input)!, args.Common.GetInputOptions(args.Parsed));
        var latencies = new List<double>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        bool quiet = args.Parsed.GetValue(args.Common.Quiet);
        OutputFile.Write("--out", args.Parsed.GetValue(args.Out), stream =>
        {
            using var json = new Utf8JsonWriter(stream, s_jsonOptions);
            // Queries go one at a time: a file of thousands takes minutes, so say how far it is.
            using var progress = new ConsoleProgress("querying", quiet, () => reader.BytesRead, () => reader.TotalBytes);
            foreach (var document in reader.Read())
            {
                token.ThrowIfCancellationRequested();
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                var matches = (document.Text is not null ? client.QueryAsync(document.Text, document.Date) : client.QueryAsync(document.Utf8Text, document.Date)).GetAwaiter().GetResult();
                latencies.Add(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                QueryLineWriter.Write(json, stream, document.Id, matches, withCluster: false);
                progress.Report(latencies.Count);
            }
        });
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(p * latencies.Count) - 1)];
        if (!quiet)
        {
            Console.Error.WriteLine($"queried {latencies.Count:N0} documents in {clock.Elapsed.TotalSeconds:0.00} s "
                + $"({latencies.Count / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):N0} docs/s, one at a time); latency p50 {Percentile(0.5):0.0} ms, p99 {Percentile(0.99):0.0} ms");
        }
        if (args.Parsed.GetValue(args.Traffic))
        {
            Console.Error.WriteLine($"read by the queries: {client.QueryTotals}");
        }
        return Task.FromResult(0);
    }

    private static async Task<int> Remove(NearDupClusterClient client, Arguments args)
    {
        string path = args.Parsed.GetValue(args.Ids)!;
        long removed = 0;
        var unknown = new List<string>();
        foreach (var (line, id) in IdList.Read(path))
        {
            if (await client.RemoveAsync(id))
            {
                removed++;
            }
            else
            {
                unknown.Add($"{path}:{line}: no document '{id}'");
            }
        }
        if (!args.Parsed.GetValue(args.Common.Quiet))
        {
            Console.Error.WriteLine($"removed {removed:N0} documents from index '{client.IndexName}'");
        }
        foreach (string reason in unknown.Take(5))
        {
            Console.Error.WriteLine($"  {reason}");
        }
        return unknown.Count == 0 ? 0 : CommandRunner.BadInput;
    }
}
