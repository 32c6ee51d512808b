namespace NearDup.Distributed.Hosting;

/// <summary>The rule our placements share: turn k goes to the (k mod n)th of n silos ordered by address, the same in every silo.</summary>
internal static class SiloTurns
{
    /// <summary>The silo of turn <paramref name="turn"/> among <paramref name="silos"/>.</summary>
    public static SiloAddress Of(int turn, IEnumerable<SiloAddress> silos)
    {
        var ordered = silos.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
        return ordered[turn % ordered.Length];
    }
}
