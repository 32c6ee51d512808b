namespace NearDup.Clustering;

/// <summary>What <see cref="Deduplicator"/> removes and what it keeps.</summary>
public sealed record DedupOptions
{
    /// <summary>Exact and syndicated copies removed, the canonical kept.</summary>
    public static DedupOptions Default { get; } = new();

    /// <summary>
    /// The kinds of copy removed. Default exact and syndicated: those are the same text, so removing them loses
    /// nothing; a rewrite, an excerpt or a template still holds text of its own.
    /// </summary>
    public CopyKinds Kinds { get; init; } = CopyKinds.Exact | CopyKinds.Syndicated;

    /// <summary>Which document of each set of copies is kept. Default <see cref="KeepRule.Canonical"/>.</summary>
    public KeepRule Keep { get; init; } = KeepRule.Canonical;

    /// <summary>
    /// Bounds on the copies removed: a member below them is not a copy to remove and is kept (see <see cref="OutputFilter"/>).
    /// Its <see cref="OutputFilter.Roles"/> are not read: <see cref="Kinds"/> says which roles go.
    /// </summary>
    public OutputFilter Bounds { get; init; } = OutputFilter.None;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if ((Kinds & ~CopyKinds.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Kinds), Kinds, $"DedupOptions.Kinds holds unknown flags; got {Kinds}.");
        }
        if (!Enum.IsDefined(Keep))
        {
            throw new ArgumentOutOfRangeException(nameof(Keep), Keep, $"DedupOptions.Keep is not a KeepRule; got {Keep}.");
        }
        ArgumentNullException.ThrowIfNull(Bounds);
        Bounds.Validate();
    }
}
