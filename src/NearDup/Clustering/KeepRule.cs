namespace NearDup.Clustering;

/// <summary>Which document of a set of copies <see cref="Deduplicator"/> keeps.</summary>
public enum KeepRule
{
    /// <summary>The cluster's canonical: the original the others copy.</summary>
    Canonical,

    /// <summary>The earliest dated; undated documents come after dated ones, then the canonical, then input order.</summary>
    Earliest,

    /// <summary>The longest text (UTF-8 bytes); ties go to the canonical, then to input order.</summary>
    Longest,

    /// <summary>The first in the order the documents were added.</summary>
    First,
}
