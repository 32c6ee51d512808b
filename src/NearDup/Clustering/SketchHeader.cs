namespace NearDup.Clustering;

/// <summary>
/// The scalar part of a sketch written into the caller's room by <see cref="Sketcher.SketchInto(ReadOnlySpan{byte}, Span{uint}, Span{uint}, Span{ushort}, Span{uint})"/>;
/// the counts say how much of that room holds it.
/// </summary>
/// <param name="ContentHash">Hash of the whole shingle sequence (see <see cref="DocumentSketch.ContentHash"/>).</param>
/// <param name="SimHash">The text's SimHash.</param>
/// <param name="ShingleCount">Shingles of the text.</param>
/// <param name="FingerprintCount">Sampled distinct fingerprints written, and as many positions.</param>
/// <param name="FactCount">Fact hashes written.</param>
internal readonly record struct SketchHeader(ulong ContentHash, ulong SimHash, int ShingleCount, int FingerprintCount, int FactCount);
