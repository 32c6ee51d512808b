namespace NearDup.Signatures;

public sealed partial class SimHasher
{
    /// <summary>
    /// Computes the unweighted fingerprints of many documents stored back to back: document <c>i</c>'s hashes are
    /// <c>allHashes[offsets[i]..offsets[i + 1]]</c> and its fingerprint goes to <c>destination[i]</c>.
    /// </summary>
    /// <remarks>Parallel over contiguous document ranges; the output is identical for every degree of parallelism.</remarks>
    /// <param name="allHashes">Every document's feature hashes, concatenated.</param>
    /// <param name="offsets">documentCount + 1 non-decreasing start offsets into <paramref name="allHashes"/>.</param>
    /// <param name="destination">Receives documentCount fingerprints.</param>
    /// <param name="maxDegreeOfParallelism">−1 for all cores (the default), or a positive thread count.</param>
    /// <exception cref="ArgumentException">The offsets are invalid or <paramref name="destination"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below −1.</exception>
    public void ComputeBatch(ReadOnlySpan<ulong> allHashes, ReadOnlySpan<int> offsets, Span<ulong> destination, int maxDegreeOfParallelism = -1) =>
        ComputeBatchCore(allHashes, [], weighted: false, offsets, destination, maxDegreeOfParallelism);

    /// <summary>
    /// Computes the weighted fingerprints of many documents: like
    /// <see cref="ComputeBatch(ReadOnlySpan{ulong}, ReadOnlySpan{int}, Span{ulong}, int)"/>, with
    /// <c>allWeights[j]</c> the weight of <c>allHashes[j]</c>.
    /// </summary>
    /// <param name="allHashes">Every document's feature hashes, concatenated.</param>
    /// <param name="allWeights">One weight per hash in <paramref name="allHashes"/>.</param>
    /// <param name="offsets">documentCount + 1 non-decreasing start offsets into <paramref name="allHashes"/>.</param>
    /// <param name="destination">Receives documentCount fingerprints.</param>
    /// <param name="maxDegreeOfParallelism">−1 for all cores (the default), or a positive thread count.</param>
    /// <exception cref="ArgumentException">The lengths differ, the offsets are invalid or <paramref name="destination"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below −1.</exception>
    public void ComputeBatch(ReadOnlySpan<ulong> allHashes, ReadOnlySpan<float> allWeights, ReadOnlySpan<int> offsets, Span<ulong> destination, int maxDegreeOfParallelism = -1)
    {
        if (allWeights.Length != allHashes.Length)
        {
            SignatureThrow.LengthMismatch(nameof(allWeights), allHashes.Length, allWeights.Length);
        }
        ComputeBatchCore(allHashes, allWeights, weighted: true, offsets, destination, maxDegreeOfParallelism);
    }

    private unsafe void ComputeBatchCore(ReadOnlySpan<ulong> allHashes, ReadOnlySpan<float> allWeights, bool weighted, ReadOnlySpan<int> offsets, Span<ulong> destination, int maxDegreeOfParallelism)
    {
        int documents = SignatureBatch.Validate(allHashes, offsets, destination.Length, 1, maxDegreeOfParallelism);
        int degree = SignatureBatch.Degree(maxDegreeOfParallelism, documents);
        if (degree == 1)
        {
            ComputeRange(allHashes, allWeights, weighted, offsets, destination, 0, documents);
            return;
        }

        // Spans cannot be captured by the worker lambda, so the buffers are pinned for the duration of the
        // (synchronous) Parallel.For and rebuilt as spans inside it; no pointer escapes this method.
        fixed (ulong* hashesPtr = allHashes)
        fixed (float* weightsPtr = allWeights)
        fixed (int* offsetsPtr = offsets)
        fixed (ulong* destinationPtr = destination)
        {
            nint hashesAddress = (nint)hashesPtr, weightsAddress = (nint)weightsPtr;
            nint offsetsAddress = (nint)offsetsPtr, destinationAddress = (nint)destinationPtr;
            int hashCount = allHashes.Length, weightCount = allWeights.Length;
            int offsetCount = offsets.Length, destinationCount = destination.Length;
            int ranges = SignatureBatch.Ranges(degree, documents);
            Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = degree }, range =>
            {
                ComputeRange(
                    new ReadOnlySpan<ulong>((void*)hashesAddress, hashCount),
                    new ReadOnlySpan<float>((void*)weightsAddress, weightCount),
                    weighted,
                    new ReadOnlySpan<int>((void*)offsetsAddress, offsetCount),
                    new Span<ulong>((void*)destinationAddress, destinationCount),
                    SignatureBatch.RangeStart(range, ranges, documents),
                    SignatureBatch.RangeStart(range + 1, ranges, documents));
            });
        }
    }

    private void ComputeRange(ReadOnlySpan<ulong> allHashes, ReadOnlySpan<float> allWeights, bool weighted, ReadOnlySpan<int> offsets, Span<ulong> destination, int first, int end)
    {
        for (int i = first; i < end; i++)
        {
            var range = new Range(offsets[i], offsets[i + 1]);
            destination[i] = weighted ? ComputeWeighted(allHashes[range], allWeights[range]) : Compute(allHashes[range]);
        }
    }
}
