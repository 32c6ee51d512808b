namespace NearDup.Clustering;

/// <summary>What <see cref="Deduplicator"/> keeps of a document besides its sketch: where it came in, its length and date.</summary>
/// <param name="Order">Its place in the order documents were added, from 0.</param>
/// <param name="Bytes">Length of its text in UTF-8 bytes.</param>
/// <param name="Date">Its date, if any.</param>
internal readonly record struct DocumentFacts(int Order, long Bytes, DateTimeOffset? Date);
