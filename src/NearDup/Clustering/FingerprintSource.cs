namespace NearDup.Clustering;

/// <summary>The fingerprint set number <paramref name="index"/>.</summary>
internal delegate ReadOnlySpan<uint> FingerprintSource(int index);
