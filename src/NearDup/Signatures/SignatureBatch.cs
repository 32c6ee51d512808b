namespace NearDup.Signatures;

/// <summary>
/// Validation and partitioning shared by <see cref="MinHasher"/> and <see cref="SimHasher"/> batch APIs.
/// Documents are independent, so the result never depends on how they are split across threads.
/// </summary>
internal static class SignatureBatch
{
    /// <summary>Checks the CSR layout (<paramref name="offsets"/> non-decreasing, within the hashes) and returns the document count.</summary>
    public static int Validate(ReadOnlySpan<ulong> allHashes, ReadOnlySpan<int> offsets, int destinationLength, int slotsPerDocument, int maxDegreeOfParallelism)
    {
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            SignatureThrow.InvalidDegreeOfParallelism(maxDegreeOfParallelism);
        }
        if (offsets.IsEmpty)
        {
            SignatureThrow.InvalidOffsets("Offsets must hold documentCount + 1 entries (at least one).");
        }
        int documents = offsets.Length - 1;
        int previous = offsets[0];
        if (previous < 0)
        {
            SignatureThrow.InvalidOffsets($"offsets[0] must not be negative (was {previous}).");
        }
        for (int i = 1; i < offsets.Length; i++)
        {
            int current = offsets[i];
            if (current < previous)
            {
                SignatureThrow.InvalidOffsets($"Offsets must be non-decreasing (offsets[{i}] = {current} < offsets[{i - 1}] = {previous}).");
            }
            previous = current;
        }
        if (previous > allHashes.Length)
        {
            SignatureThrow.InvalidOffsets($"offsets[^1] = {previous} exceeds the hash count {allHashes.Length}.");
        }
        long required = (long)documents * slotsPerDocument;
        if (destinationLength < required)
        {
            SignatureThrow.DestinationTooShort((int)Math.Min(required, int.MaxValue), destinationLength, "destination");
        }
        return documents;
    }

    /// <summary>Threads to use: all cores for −1, never more than one per document.</summary>
    public static int Degree(int maxDegreeOfParallelism, int documents)
    {
        int degree = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        return Math.Max(1, Math.Min(degree, documents));
    }

    /// <summary>
    /// Number of contiguous document ranges handed to <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>:
    /// four per thread so an uneven range does not leave a core idle.
    /// </summary>
    public static int Ranges(int degree, int documents) => Math.Min(documents, degree * 4);

    /// <summary>First document of range <paramref name="range"/> of <paramref name="ranges"/>.</summary>
    public static int RangeStart(int range, int ranges, int documents) => (int)((long)range * documents / ranges);
}
