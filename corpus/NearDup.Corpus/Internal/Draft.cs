namespace NearDup.Corpus.Internal;

/// <summary>A document before it gets its output-order id.</summary>
internal readonly record struct Draft(string Text, string? Date, string Source, string Cluster, string Role);
