namespace NearDup.Distributed.Hosting;

/// <summary>The rule our placements share: turn k goes to the (k mod n)th of n silos ordered by address, the same in every silo.</summary>
internal static class SiloTurns
{
    /// <summary>
    /// The silo of turn <paramref name="turn"/> among <paramref name="silos"/>. A silo restarted on the same endpoint
    /// supersedes its earlier incarnation: a view of the membership may still hold a killed silo as active after it
    /// came back (until the cluster declares it dead), and a turn given to it would wait for a process that is gone.
    /// </summary>
    public static SiloAddress Of(int turn, IEnumerable<SiloAddress> silos)
    {
        var ordered = silos.GroupBy(s => s.Endpoint).Select(g => g.MaxBy(s => s.Generation)!)
            .OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
        return ordered[turn % ordered.Length];
    }
}
