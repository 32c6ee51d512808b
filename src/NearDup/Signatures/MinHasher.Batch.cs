namespace NearDup.Signatures;

public sealed partial class MinHasher
{
    /// <summary>
    /// Computes the signatures of many documents stored back to back: document <c>i</c>'s hashes are
    /// <c>allHashes[offsets[i]..offsets[i + 1]]</c> and its signature goes to
    /// <c>destination[(i * SignatureLength)..((i + 1) * SignatureLength)]</c>.
    /// </summary>
    /// <remarks>
    /// Runs contiguous ranges of documents on up to <paramref name="maxDegreeOfParallelism"/> threads with
    /// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>. Each signature depends only on its
    /// own document, so the output is identical for every degree of parallelism.
    /// </remarks>
    /// <param name="allHashes">Every document's shingle hashes, concatenated.</param>
    /// <param name="offsets">documentCount + 1 non-decreasing start offsets into <paramref name="allHashes"/>.</param>
    /// <param name="destination">Receives documentCount × <see cref="SignatureLength"/> slots.</param>
    /// <param name="maxDegreeOfParallelism">−1 for all cores (the default), or a positive thread count.</param>
    /// <exception cref="ArgumentException">The offsets are invalid or <paramref name="destination"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below −1.</exception>
    public unsafe void ComputeBatch(ReadOnlySpan<ulong> allHashes, ReadOnlySpan<int> offsets, Span<ulong> destination, int maxDegreeOfParallelism = -1)
    {
        int k = SignatureLength;
        int documents = SignatureBatch.Validate(allHashes, offsets, destination.Length, k, maxDegreeOfParallelism);
        int degree = SignatureBatch.Degree(maxDegreeOfParallelism, documents);
        if (degree == 1)
        {
            ComputeRange(allHashes, offsets, destination, 0, documents);
            return;
        }

        // Spans cannot be captured by the worker lambda, so the three buffers are pinned for the duration
        // of the (synchronous) Parallel.For and rebuilt as spans inside it; no pointer escapes this method.
        fixed (ulong* hashesPtr = allHashes)
        fixed (int* offsetsPtr = offsets)
        fixed (ulong* destinationPtr = destination)
        {
            nint hashesAddress = (nint)hashesPtr, offsetsAddress = (nint)offsetsPtr, destinationAddress = (nint)destinationPtr;
            int hashCount = allHashes.Length, offsetCount = offsets.Length, destinationCount = destination.Length;
            int ranges = SignatureBatch.Ranges(degree, documents);
            Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = degree }, range =>
            {
                var hashes = new ReadOnlySpan<ulong>((void*)hashesAddress, hashCount);
                var offs = new ReadOnlySpan<int>((void*)offsetsAddress, offsetCount);
                var dest = new Span<ulong>((void*)destinationAddress, destinationCount);
                ComputeRange(hashes, offs, dest,
                    SignatureBatch.RangeStart(range, ranges, documents), SignatureBatch.RangeStart(range + 1, ranges, documents));
            });
        }
    }

    private void ComputeRange(ReadOnlySpan<ulong> allHashes, ReadOnlySpan<int> offsets, Span<ulong> destination, int first, int end)
    {
        int k = SignatureLength;
        for (int i = first; i < end; i++)
        {
            ComputeCore(allHashes[offsets[i]..offsets[i + 1]], destination.Slice(i * k, k));
        }
    }
}
