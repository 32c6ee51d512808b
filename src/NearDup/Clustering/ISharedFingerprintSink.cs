namespace NearDup.Clustering;

/// <summary>What <see cref="SharedFingerprints.Merge{TSink}"/> tells of each shared, non-boilerplate fingerprint.</summary>
internal interface ISharedFingerprintSink
{
    /// <summary>The fingerprint at <paramref name="indexA"/> of the first set equals the one at <paramref name="indexB"/> of the second.</summary>
    public void Add(int indexA, int indexB);
}
