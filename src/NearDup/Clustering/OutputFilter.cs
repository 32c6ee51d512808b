namespace NearDup.Clustering;

/// <summary>
/// Bounds on what a clustering reports (<see cref="ClusteringResult.Filter"/>): every copy in a cluster and every
/// pair has at least <see cref="MinJaccard"/> and <see cref="MinContainment"/>, and every copy a role in
/// <see cref="Roles"/>. A member outside them leaves its cluster and becomes a singleton (every document stays in
/// exactly one cluster); a pair outside them is dropped, reuse links found by the passage rule included.
/// </summary>
/// <remarks>
/// These bound the output only. <see cref="NearDupOptions.MinContainment"/> decides which verified pairs link
/// documents at all, but a member's scores are against its cluster's canonical, which it may reach through a
/// chain of copies, and the passage rule links texts below it: only a filter bounds what is reported.
/// </remarks>
public sealed record OutputFilter
{
    /// <summary>No bounds: the clustering as it is.</summary>
    public static OutputFilter None { get; } = new();

    /// <summary>Smallest Jaccard of a copy (against its canonical) and of a pair. Default 0.</summary>
    public double MinJaccard { get; init; }

    /// <summary>Smallest containment (over the smaller document) of a copy and of a pair. Default 0.</summary>
    public double MinContainment { get; init; }

    /// <summary>Roles a copy may have and stay in its cluster; <see cref="CopyKinds.Template"/> is not a role and is ignored. Default all.</summary>
    public CopyKinds Roles { get; init; } = CopyKinds.Roles;

    /// <summary>Whether the filter lets everything through.</summary>
    public bool IsNone => MinJaccard <= 0 && MinContainment <= 0 && (Roles & CopyKinds.Roles) == CopyKinds.Roles;

    /// <summary>Checks the bounds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound lies outside 0 to 1.</exception>
    public void Validate()
    {
        if (!(MinJaccard is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinJaccard), MinJaccard, $"OutputFilter.MinJaccard must be 0 to 1; got {MinJaccard}.");
        }
        if (!(MinContainment is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinContainment), MinContainment, $"OutputFilter.MinContainment must be 0 to 1; got {MinContainment}.");
        }
    }

    /// <summary>Whether a copy with this role and these scores against its canonical stays in its cluster.</summary>
    public bool Admits(ClusterMember member) =>
        member.Role == CopyRole.Canonical
        || (member.Jaccard >= MinJaccard && member.Containment >= MinContainment && (Roles & KindOf(member.Role)) != 0);

    /// <summary>Whether a pair is reported.</summary>
    public bool Admits(VerifiedPair pair) => pair.Jaccard >= MinJaccard && pair.Containment >= MinContainment;

    /// <summary>The kind flag of a copy role (<see cref="CopyKinds.None"/> for the canonical).</summary>
    public static CopyKinds KindOf(CopyRole role) => role switch
    {
        CopyRole.Exact => CopyKinds.Exact,
        CopyRole.Syndicated => CopyKinds.Syndicated,
        CopyRole.Rewritten => CopyKinds.Rewritten,
        CopyRole.Excerpt => CopyKinds.Excerpt,
        _ => CopyKinds.None,
    };
}
