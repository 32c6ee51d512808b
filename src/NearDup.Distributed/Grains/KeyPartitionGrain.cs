using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

/// <summary>A partition of band, SimHash or anchor keys: rows (table, value, id, payload) in a <see cref="SegmentedTable{T, TOrder}"/>.</summary>
[Hosting.PartitionPlacement]
public sealed class KeyPartitionGrain([PersistentState("keys", PartitionStorage.Name)] IPersistentState<SegmentState<KeyEntry>> state)
    : PartitionGrain<KeyEntry, KeyEntryOrder>(state), IKeyPartitionGrain
{
    /// <inheritdoc/>
    protected override (string[] Ids, byte[] Data) PackRows(KeyEntry[] rows)
    {
        var batch = KeyRowBatch.Pack(rows);
        return (batch.Ids, batch.Data);
    }

    /// <inheritdoc/>
    protected override KeyEntry[] UnpackRows(string[] ids, byte[] data) => new KeyRowBatch { Ids = ids, Data = data }.Unpack();

    /// <inheritdoc/>
    public async Task Add(KeyRowBatch rows)
    {
        Table.AddRange(rows.Unpack());
        await Persist();
    }

    /// <inheritdoc/>
    public async Task Remove(KeyRowBatch rows)
    {
        Table.RemoveRange(rows.Unpack());
        await Persist();
    }

    /// <inheritdoc/>
    public async Task<CandidatePairAnswer> PairRuns(CandidatePairRequest request)
    {
        var runs = KeyRuns();
        var numbers = await ListedNumbersAsync(request.Numbering, request.Run, runs.SelectMany(r => r.Ids).Distinct(StringComparer.Ordinal));
        var pairs = new PartitionRunPairs(request.Kind, request.SimHashMaxDistance);
        var unpaired = new List<KeyRun>();
        foreach (var run in runs)
        {
            if (Numbered(run, numbers) is not { } numbered)
            {
                continue;
            }
            if (numbered.Numbers!.Contains(-1))
            {
                unpaired.Add(numbered);
            }
            else
            {
                pairs.Add(numbered);
            }
        }
        int partitions = request.Numbering.Partitions;
        var sent = new int[partitions];
        await Task.WhenAll(pairs.ByPartition(partitions).Select(tally =>
        {
            sent[tally.Key] = tally.Value.Pairs.Length;
            return GrainFactory.GetGrain<IDocumentPartitionGrain>(PartitionMap.GrainKey(request.Numbering.Index, PartitionKind.Document, tally.Key))
                .TallyCandidates(request.Run, request.Sender, tally.Value);
        }));
        return new CandidatePairAnswer(sent, RunPage.Pack(unpaired));
    }

    /// <summary>
    /// The run's rows with their numbers, without the rows of documents the run did not list (which the coordinator
    /// drops before pairing, as it did when they came by id), or null when fewer than two are left. A row its document
    /// partition could not number (that partition changed since the listing) keeps its id.
    /// </summary>
    private static KeyRun? Numbered(KeyRun run, Dictionary<string, int> numbers)
    {
        var rows = Enumerable.Range(0, run.Ids.Length).Where(k => numbers.GetValueOrDefault(run.Ids[k], -1) != Unlisted).ToArray();
        if (rows.Length < 2)
        {
            return null;
        }
        return new KeyRun(run.Table, [.. rows.Select(k => run.Ids[k])], [.. rows.Select(k => run.Payloads[k])],
            [.. rows.Select(k => numbers.GetValueOrDefault(run.Ids[k], -1))]);
    }

    /// <summary>A row's number when its document partition says the run did not list it.</summary>
    private const int Unlisted = -2;

    /// <summary>
    /// The number of each of <paramref name="ids"/> in the run's listing, <see cref="Unlisted"/> for one not listed;
    /// an id whose partition no longer holds its listed documents as listed is left out (it goes by id).
    /// </summary>
    private async Task<Dictionary<string, int>> ListedNumbersAsync(RunNumbering numbering, string run, IEnumerable<string> ids)
    {
        var offsets = numbering.Offsets();
        var asks = ids.GroupBy(id => PartitionMap.OfDocument(id, numbering.Partitions)).Select(async group =>
        {
            int p = group.Key;
            string[] asked = [.. group];
            var partition = GrainFactory.GetGrain<IDocumentPartitionGrain>(PartitionMap.GrainKey(numbering.Index, PartitionKind.Document, p));
            var ranks = await partition.ListedRanks(new ListedRankRequest(numbering.Counts[p], numbering.Lasts[p], numbering.Digests[p], asked, run));
            return (asked, ranks, offset: offsets[p]);
        });
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (asked, ranks, offset) in await Task.WhenAll(asks))
        {
            for (int k = 0; k < ranks.Length; k++)
            {
                numbers[asked[k]] = ranks[k] < 0 ? Unlisted : offset + ranks[k];
            }
        }
        return numbers;
    }

    /// <summary>Every run of two or more rows sharing a key, in key order, ids in ordinal order.</summary>
    private List<KeyRun> KeyRuns()
    {
        var runs = new List<KeyRun>();
        var ids = new List<string>();
        var payloads = new List<ulong>();
        KeyEntry first = default;
        foreach (var row in Table.Rows())
        {
            if (ids.Count > 0 && KeyEntryOrder.CompareKey(row, first.Table, first.Value) != 0)
            {
                AddRun(runs, first, ids, payloads);
            }
            if (ids.Count == 0)
            {
                first = row;
            }
            ids.Add(row.Id);
            payloads.Add(row.Payload);
        }
        AddRun(runs, first, ids, payloads);
        return runs;
    }

    private static void AddRun(List<KeyRun> runs, KeyEntry first, List<string> ids, List<ulong> payloads)
    {
        if (ids.Count > 1)
        {
            runs.Add(new KeyRun(first.Table, [.. ids], [.. payloads]));
        }
        ids.Clear();
        payloads.Clear();
    }

    /// <inheritdoc/>
    public Task<KeyEntry[]> Find(KeyEntry[] probes)
    {
        var found = new List<KeyEntry>();
        foreach (var probe in probes)
        {
            var (low, high) = KeyEntryOrder.Bounds(probe.Table, probe.Value);
            Table.Range(row => KeyEntryOrder.CompareKey(row, probe.Table, probe.Value), low, high, found);
        }
        return Task.FromResult(found.ToArray());
    }

    /// <inheritdoc/>
    public async Task<KeyHolders> Holders(KeyEntry[] probes) => KeyHolders.Of(await Find(probes));

    /// <inheritdoc/>
    public Task<KeyHits> Count(KeyEntry[] probes)
    {
        var counts = new SortedDictionary<string, (int Held, int Alone)>(StringComparer.Ordinal);
        var rows = new List<KeyEntry>();
        foreach (var probe in probes)
        {
            rows.Clear();
            var (low, high) = KeyEntryOrder.Bounds(probe.Table, probe.Value);
            Table.Range(row => KeyEntryOrder.CompareKey(row, probe.Table, probe.Value), low, high, rows);
            foreach (var row in rows)
            {
                var (held, alone) = counts.GetValueOrDefault(row.Id);
                counts[row.Id] = (held + 1, alone + (rows.Count == 1 ? 1 : 0));
            }
        }
        return Task.FromResult(new KeyHits([.. counts.Keys], [.. counts.Values.Select(c => c.Held)], [.. counts.Values.Select(c => c.Alone)]));
    }
}
