using System.CommandLine;
using NearDup.Cli.Input;
using NearDup.Distributed;

namespace NearDup.Cli.Commands;

/// <summary>
/// <c>remote add FILE… --at-silos</c>: the inputs cut into shards (<see cref="ShardPlan"/>; a large compressed JSONL
/// file into a stripe of its lines per active silo), each read, sketched and added
/// by a silo (<see cref="NearDupClusterClient.AddShardsAsync"/>); the client sends paths and prints each shard's counts
/// as it finishes. Exit 2 when any shard stopped on its input (bad line, unreadable path, taken ids), 1 when the cluster failed.
/// </summary>
internal static class RemoteShardAdd
{
    private const int DefaultShardMiB = 32;

    public static (Argument<string[]> Inputs, Option<bool> AtSilos, Option<int> ShardMiB) Options() =>
        (new Argument<string[]>("INPUT")
        {
            Description = "Documents: folders, .jsonl or .jsonl.gz files (any format neardup cluster reads), or - for stdin (not with --at-silos)",
            Arity = ArgumentArity.OneOrMore,
        },
        new Option<bool>("--at-silos")
        {
            Description = "Read, sketch and add the inputs at the silos, by shard (a file, a byte range of a large JSONL file, or some of a folder's files): "
                + "they must see the inputs at the same paths (shared storage); this client sends paths, not documents",
        },
        new Option<int>("--shard-size")
        {
            Description = "With --at-silos: MiB per shard: a plain JSONL file is cut at line ends, a folder's files grouped; "
                + "a compressed JSONL file over a quarter of this is dealt out by lines to every silo, any other compressed file is one shard",
            DefaultValueFactory = _ => DefaultShardMiB,
        });

    public static async Task<int> RunAsync(NearDupClusterClient client, string[] inputs, InputOptions inputOptions, int shardMiB, bool quiet,
        CancellationToken token)
    {
        if (shardMiB < 1)
        {
            throw new InputException($"--shard-size must be at least 1 (MiB); got {shardMiB}.");
        }
        var shards = ShardPlan.Of(inputs, (long)shardMiB << 20, inputOptions, stripes: await client.ActiveSilosAsync());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int done = 0;
        var progress = new SyncProgress(result =>
        {
            done++;
            if (!quiet)
            {
                Console.Error.WriteLine($"shard {done}/{shards.Count} at {result.Silo}: {result.Shard}: {Counts(result)}"
                    + (result.Attempts > 1 ? $" after {result.Attempts} attempts" : "") + $"; {clock.Elapsed.TotalSeconds:0.0} s");
            }
        });
        var results = await client.AddShardsAsync(shards, ShardReaderSettings.Write(inputOptions), progress, cancellationToken: token);
        var total = new ShardIngestResult(shards[0], results.Sum(r => r.Added), results.Sum(r => r.AlreadyPresent), results.Sum(r => r.Conflicts),
            results.Sum(r => r.Skipped), null, "", 0);
        if (!quiet)
        {
            Console.Error.WriteLine($"{shards.Count:N0} shards read at the silos: {Counts(total)}; index '{client.IndexName}' holds {await client.CountAsync():N0}; "
                + $"{clock.Elapsed.TotalSeconds:0.00} s");
        }
        foreach (var failed in results.Where(r => !r.Succeeded))
        {
            Console.Error.WriteLine($"error: shard {failed.Shard}: {failed.Error}");
        }
        return results.All(r => r.Succeeded) ? 0 : CommandRunner.BadInput;
    }

    private static string Counts(ShardIngestResult r) =>
        $"{r.Added:N0} added, {r.AlreadyPresent:N0} already present, {r.Conflicts:N0} conflicts" + (r.Skipped > 0 ? $", {r.Skipped:N0} skipped as invalid" : "");

    /// <summary>Reports on the thread that finished the shard, one at a time (<see cref="Progress{T}"/> would post them to the thread pool, out of order with the summary).</summary>
    private sealed class SyncProgress(Action<ShardIngestResult> report) : IProgress<ShardIngestResult>
    {
        private readonly Lock _lock = new();

        public void Report(ShardIngestResult value)
        {
            lock (_lock)
            {
                report(value);
            }
        }
    }
}
