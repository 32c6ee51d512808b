namespace NearDup.Distributed;

/// <summary>What storing one batch did: documents added, already present (the same document again), and the ids refused because another document has them, sorted.</summary>
internal sealed record StoreOutcome(long Added, long AlreadyPresent, List<string> Conflicts);
