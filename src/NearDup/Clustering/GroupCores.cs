namespace NearDup.Clustering;

/// <summary>
/// Each group's core: its representative's fingerprints for a group of one, else the set the clusterer's quorum gives,
/// in pages that go to a spill file of their own when a spill folder is given (deleted on <see cref="Dispose"/>).
/// </summary>
internal sealed class GroupCores : IDisposable
{
    /// <summary>Groups whose cores a worker computes into one buffer of its own before they are appended in group order.</summary>
    private const int GroupsPerBlock = 64;

    /// <summary>Blocks computed at once per worker: enough to keep workers even, few enough that the buffers stay small.</summary>
    private const int BlocksPerWorker = 4;

    private readonly DocumentTable _docs;
    private readonly FingerprintSpill? _spill;
    private readonly FingerprintPages _pages;
    private readonly long[] _locations;
    private readonly int[] _counts;

    private GroupCores(DocumentTable docs, int[] groupRep, string? spillDirectory)
    {
        _docs = docs;
        _spill = spillDirectory is null ? null : new FingerprintSpill(spillDirectory);
        _pages = new FingerprintPages(_spill, refillSpilledPage: true);
        _locations = new long[groupRep.Length];
        _counts = new int[groupRep.Length];
    }

    /// <summary>
    /// Each group's core: the fingerprints held by at least half its members (and two), or by either member of a pair. Per-site
    /// boilerplate around a syndicated copy drops out of the core, so weak links are judged on the story itself.
    /// A group of one is its own core and union: only groups of several get arrays.
    /// </summary>
    public static GroupCores Compute(DocumentTable docs, GroupLayout groups, string? spillDirectory, ParallelOptions parallel) =>
        Compute(docs, groups, spillDirectory, parallel, order: null, blockBytes: 0);

    /// <summary>
    /// <see cref="Compute(DocumentTable, GroupLayout, string?, ParallelOptions)"/> over the groups in
    /// <paramref name="order"/> (<see cref="SpillOrder.OfGroups"/> for blocks of <paramref name="blockBytes"/>), which is
    /// then <see cref="Order"/>, or in group order when null. In a given order the members are read as <see cref="SpillSweep"/> reads them: at random advice, by a
    /// fixed set of workers, each round's members asked for while the round before it runs; and the cores are stored in
    /// that order, so the stages that read them in it read their spill file forward.
    /// </summary>
    internal static GroupCores Compute(DocumentTable docs, GroupLayout groups, string? spillDirectory, ParallelOptions parallel, int[]? order, long blockBytes) =>
        Compute(docs, groups, spillDirectory, parallel, order, blockBytes, alongside: null);

    /// <summary>
    /// <see cref="Compute(DocumentTable, GroupLayout, string?, ParallelOptions, int[], long)"/>, and in a given order
    /// <paramref name="alongside"/>'s work on each round of groups once their cores are set, while their members are still
    /// in memory (what it reads of them is asked for with the round's members: <see cref="ICoreSweepWork.AskFor"/>).
    /// </summary>
    internal static GroupCores Compute(DocumentTable docs, GroupLayout groups, string? spillDirectory, ParallelOptions parallel, int[]? order, long blockBytes,
        ICoreSweepWork? alongside)
    {
        var cores = new GroupCores(docs, groups.Rep, spillDirectory) { Order = order, BlockBytes = blockBytes };
        var sequence = order ?? [.. Enumerable.Range(0, groups.Count)];
        var spill = order is null ? null : docs.Store.Spill;
        spill?.Advise(random: true);
        try
        {
            cores.ComputeIn(sequence, groups, parallel, askAhead: order is not null, alongside);
            cores.Seal();
            return cores;
        }
        catch
        {
            cores.Dispose();
            throw;
        }
        finally
        {
            spill?.Advise(random: false);
        }
    }

    /// <summary>The order the cores were computed and stored in when not the groups' (<see cref="SpillOrder.OfGroups"/>), else null.</summary>
    public int[]? Order { get; private init; }

    /// <summary>The block budget <see cref="Order"/> was made for (<see cref="SpillOrder"/>); the later stages order their reads by it too.</summary>
    public long BlockBytes { get; private init; }

    /// <summary>
    /// Boilerplate pass 1's counts of the groups' unions, when the sweep that computed the cores counted them
    /// (<see cref="MemberSweep"/>, in spill order), until <see cref="BoilerplateStage"/> takes them (then null).
    /// </summary>
    public SlotCounts? PassOneCounts { get; set; }

    /// <summary>
    /// The cores' anchors, when the sweep that computed the cores gathered them all (<see cref="MemberSweep"/>, in
    /// spill order), until the weak-link stage's anchor table takes them (then null).
    /// </summary>
    public CoreAnchors? Anchors { get; set; }

    /// <summary>The cores' own spill file, or null.</summary>
    public FingerprintSpill? Spill => _spill;

    /// <summary>The documents whose groups' cores these are.</summary>
    public DocumentTable Docs => _docs;

    /// <summary>
    /// Computes the cores of <paramref name="sequence"/>'s groups by rounds: each block's cores go into a reused buffer
    /// (no array per group for the collector to copy), then are appended to the pages (and so to the spill file, if
    /// any) in the sequence's order, whichever worker computed them.
    /// </summary>
    private void ComputeIn(int[] sequence, GroupLayout groups, ParallelOptions parallel, bool askAhead, ICoreSweepWork? alongside)
    {
        int workers = Internal.Workers.Count(parallel.MaxDegreeOfParallelism, int.MaxValue);
        int blocks = BlocksPerWorker * workers;
        var fixedSet = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = parallel.CancellationToken };
        var buffers = new CoreBlock[blocks];
        var trim = new SpillTrim(askAhead ? _docs.Store.Spill : null, _spill);
        var ahead = new ReadAhead(trim);
        for (int b = 0; b < blocks; b++)
        {
            buffers[b] = new CoreBlock();
        }
        // The next round is asked for on a thread of its own while this one runs: asking is a system call per merged
        // range, and the kernel takes the page cache's pages for the reads (and under a memory limit reclaims others)
        // in the caller; on the sweep's thread it left the other workers idle at each round's end.
        var asking = Task.CompletedTask;
        try
        {
            ComputeRounds(sequence, groups, fixedSet, parallel, askAhead, alongside, buffers, ahead, ref asking);
        }
        catch
        {
            // The round's error goes up; the ask still running finishes first, and its own error is observed here.
            asking.ContinueWith(static t => t.Exception, TaskScheduler.Default).Wait();
            throw;
        }
        asking.GetAwaiter().GetResult();
        trim.Release();
    }

    private void ComputeRounds(int[] sequence, GroupLayout groups, ParallelOptions fixedSet, ParallelOptions parallel, bool askAhead,
        ICoreSweepWork? alongside, CoreBlock[] buffers, ReadAhead ahead, ref Task asking)
    {
        int blocks = buffers.Length, round = blocks * GroupsPerBlock;
        for (int first = 0; first < sequence.Length; first += round)
        {
            if (askAhead)
            {
                asking.GetAwaiter().GetResult();
                var next = RoundAt(sequence, first + round, round);
                asking = Task.Run(() => AskFor(groups, next, alongside, ahead), parallel.CancellationToken);
            }
            var chunk = RoundAt(sequence, first, round);
            Parallel.For(0, blocks, askAhead ? fixedSet : parallel, b => buffers[b].Compute(_docs, groups, chunk.Count <= b * GroupsPerBlock ? []
                : chunk.AsSpan(b * GroupsPerBlock, Math.Min(GroupsPerBlock, chunk.Count - b * GroupsPerBlock))));
            foreach (var block in buffers)
            {
                for (int k = 0; k < block.Groups; k++)
                {
                    Set(block.Group(k), block.Core(k), block.SameAs(k));
                }
            }
            alongside?.Run(this, chunk);
        }
    }

    private static ArraySegment<int> RoundAt(int[] sequence, int start, int round) =>
        start >= sequence.Length ? ArraySegment<int>.Empty : new ArraySegment<int>(sequence, start, Math.Min(round, sequence.Length - start));

    /// <summary>
    /// Starts reading, in one <see cref="ReadAhead"/>, the members of the groups of several in <paramref name="chunk"/>,
    /// or what <paramref name="alongside"/> asks for of each group when given (those members and more).
    /// </summary>
    private void AskFor(GroupLayout groups, ArraySegment<int> chunk, ICoreSweepWork? alongside, ReadAhead ahead)
    {
        foreach (int g in chunk)
        {
            if (alongside is not null)
            {
                alongside.AskFor(g, ahead);
            }
            else if (groups.Size(g) > 1)
            {
                AskForMembers(_docs, groups, g, ahead);
            }
        }
        ahead.Issue();
    }

    /// <summary>Adds the fingerprints of group <paramref name="g"/>'s members to <paramref name="ahead"/>.</summary>
    public static void AskForMembers(DocumentTable docs, GroupLayout groups, int g, ReadAhead ahead)
    {
        foreach (int m in groups.MembersOf(g))
        {
            ahead.Add(docs.Fingerprints(m));
        }
    }

    /// <summary>The fingerprints of the first <paramref name="groups"/> groups' cores, counted without reading them.</summary>
    public long Fingerprints(int groups)
    {
        long total = 0;
        for (int g = 0; g < groups; g++)
        {
            total += Length(g);
        }
        return total;
    }

    /// <summary>The length of group <paramref name="g"/>'s core, without reading it.</summary>
    public int Length(int g) => _counts[g] < 0 ? _docs.FingerprintCount((int)_locations[g]) : _counts[g];

    /// <summary>
    /// Cores computed elsewhere by <see cref="Compute(DocumentTable, GroupLayout, string?, ParallelOptions)"/> (a
    /// partitioned index's batch run keeps them where they were computed and judges the weak links on them), given
    /// group by group: null for a group of one, whose core is its representative's fingerprints.
    /// </summary>
    public static GroupCores Of(DocumentTable docs, int[] groupRep, Func<int, uint[]?> coreOf)
    {
        var cores = new GroupCores(docs, groupRep, spillDirectory: null);
        for (int g = 0; g < groupRep.Length; g++)
        {
            var core = coreOf(g);
            cores.Set(g, core, core is null ? groupRep[g] : -1);
        }
        cores.Seal();
        return cores;
    }

    public ReadOnlySpan<uint> this[int g] => _counts[g] < 0 ? _docs.Fingerprints((int)_locations[g]) : _pages.Get(_locations[g], _counts[g]);

    /// <summary>
    /// Sets group <paramref name="g"/>'s core: <paramref name="core"/>, or the fingerprints of document
    /// <paramref name="sameAs"/> when that is not −1 (the one member of a group of one, or a member whose set is the core).
    /// </summary>
    private void Set(int g, ReadOnlySpan<uint> core, int sameAs)
    {
        if (sameAs >= 0)
        {
            _counts[g] = -1;
            _locations[g] = sameAs;
            return;
        }
        _locations[g] = _pages.Append(core);
        _counts[g] = core.Length;
    }

    public void Seal() => _pages.Seal();

    public void Dispose() => _spill?.Dispose();

    /// <summary>
    /// The fingerprints that at least half the members (and at least two) hold, or either member of a pair, in a
    /// buffer of the calling thread; empty for a group of one.
    /// </summary>
    internal static ReadOnlySpan<uint> CoreOf(DocumentTable docs, GroupLayout groups, int g)
    {
        int size = groups.Size(g);
        if (size == 1)
        {
            return [];
        }
        int start = groups.Starts[g];
        return QuorumMerge.Of(size, r => docs.Fingerprints(groups.Members[start + r]), Quorum(size));
    }

    /// <summary>
    /// How many of a group's <paramref name="size"/> members must hold a fingerprint for it to be in the core: one of
    /// a group of one or two, else half of them and at least two.
    /// </summary>
    /// <remarks>
    /// A group of two keeps both texts: a source grouped with one cut copy keeps the rest of its own text for the
    /// copies that quote that rest; a third member's vote is what tells a site's wrapping from the story.
    /// </remarks>
    internal static int Quorum(int size) => size <= 2 ? 1 : Math.Max(2, (size + 1) / 2);
}
