using NearDup.Cli.Output;

namespace NearDup.Cli.Pipeline;

/// <summary>
/// Where a run given no <c>--spill-dir</c> keeps its fingerprints: on the heap, unless the input's size predicts more
/// heap than this process may have (the machine's memory, or its container's limit), in which case they go to a spill
/// file in the temporary folder. The output is the same either way; without it such a run was ended by the kernel, out
/// of memory, after reading for minutes. <see cref="Note"/> says which was chosen and why, for stderr.
/// </summary>
/// <param name="Directory">The spill folder, or null to keep the fingerprints on the heap.</param>
/// <param name="Note">What to tell the user, or null when the input fits (or its size is unknown).</param>
internal sealed record SpillChoice(string? Directory, string? Note)
{
    /// <summary>Share of the heap this process may have that the estimate may take before the run spills: the rest is each stage's working memory and the estimate's error.</summary>
    public const double HeapShare = 0.8;

    /// <summary>
    /// Heap per document, whatever its length: band keys, fields, the id and its string, the facts, each stage's
    /// arrays (README, Memory: about 230 bytes and 4 per fact).
    /// </summary>
    public const long BytesPerDocument = 400;

    /// <summary>Heap per byte of text at sample rate 1 (fingerprints and positions, 6 bytes per sampled shingle), and its part that does not shrink with the rate.</summary>
    public const double BytesPerTextByte = 1.0, FixedBytesPerTextByte = 0.04;

    /// <summary>Heap of a run of nothing: the runtime's own, the reader's buffers.</summary>
    public const long BaseBytes = 64L << 20;

    /// <summary>Spill file per byte of text at sample rate 1 (gen 1M: 4.73 GB spilled of 5.96 GB), with room to spare.</summary>
    public const double SpillPerTextByte = 0.9;

    private static SpillChoice InMemory { get; } = new(null, null);

    /// <summary>The choice for <paramref name="input"/>, read with <paramref name="inputOptions"/>, on this machine, spilling to the temporary folder (<c>TMPDIR</c>).</summary>
    public static SpillChoice For(string input, Input.InputOptions inputOptions, double sampleRate)
    {
        var size = InputSize.Of(input, inputOptions);
        if (!size.IsKnown)
        {
            return InMemory;
        }
        string temp = Path.TrimEndingDirectorySeparator(Path.GetTempPath());
        return Decide(input, size, sampleRate, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, temp, FreeBytes(temp));
    }

    /// <summary>
    /// The choice for an input of <paramref name="size"/> read at <paramref name="sampleRate"/> where the process may
    /// have <paramref name="availableHeap"/> bytes of heap and <paramref name="temp"/> has <paramref name="freeDisk"/>
    /// bytes free (-1: unknown). The input fits when its estimate (<see cref="HeapNeed"/>) is at most
    /// <see cref="HeapShare"/> of the heap; otherwise it spills when the disk can hold the spill file, and is kept in
    /// memory with a warning when it cannot.
    /// </summary>
    internal static SpillChoice Decide(string input, InputSize size, double sampleRate, long availableHeap, string temp, long freeDisk)
    {
        long need = HeapNeed(size, sampleRate);
        if (!size.IsKnown || availableHeap <= 0 || need <= HeapShare * availableHeap)
        {
            return InMemory;
        }
        long spill = SpillBytes(size, sampleRate);
        string what = $"{input} needs about {ByteSize.Format(need)} of memory and this process may have {ByteSize.Format(availableHeap)}";
        if (freeDisk >= 0 && freeDisk < spill)
        {
            return new SpillChoice(null, $"{what}, and the temporary folder {temp} has {ByteSize.Format(freeDisk)} free for a spill file of about "
                + $"{ByteSize.Format(spill)}: the fingerprints stay in memory, which may run out. Give --spill-dir DIR on a larger disk, or a lower --sample-rate.");
        }
        return new SpillChoice(temp, $"{what}: the fingerprints go to a spill file of about {ByteSize.Format(spill)} in {temp}, deleted at the end "
            + "(the same output, more slowly). --spill-dir DIR picks the folder; --no-spill keeps them in memory.");
    }

    /// <summary>
    /// Why <paramref name="input"/> cannot be kept in memory as <c>--no-spill</c> asks, or null when it may fit (or its
    /// size is unknown). Refused only when the estimate passes the whole heap, not the share a spill starts at: such a
    /// run would read for minutes before running out, and a runtime out of its heap may end by a signal instead of an
    /// exception, with no message at all.
    /// </summary>
    public static string? WhyNotInMemory(string input, Input.InputOptions inputOptions, double sampleRate) =>
        WhyNotInMemory(input, InputSize.Of(input, inputOptions), sampleRate, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary><see cref="WhyNotInMemory(string, Input.InputOptions, double)"/> for an input of <paramref name="size"/> where the process may have <paramref name="availableHeap"/> bytes of heap.</summary>
    internal static string? WhyNotInMemory(string input, InputSize size, double sampleRate, long availableHeap)
    {
        long need = HeapNeed(size, sampleRate);
        return !size.IsKnown || availableHeap <= 0 || need <= availableHeap
            ? null
            : $"{input} needs about {ByteSize.Format(need)} of memory and this process may have {ByteSize.Format(availableHeap)} (the machine's memory, "
                + "or its container's limit): kept in memory as --no-spill asks, it would run out. Leave out --no-spill to spill to the temporary folder, "
                + "or give --spill-dir DIR, or a lower --sample-rate.";
    }

    /// <summary>Heap a run in memory is estimated to need: gen 1M (5.96 GB, rate 1) 6.4 GB at its peak, estimated 6.7 GB.</summary>
    internal static long HeapNeed(InputSize size, double sampleRate) =>
        BaseBytes + (size.Documents * BytesPerDocument) + (long)(size.TextBytes * (FixedBytesPerTextByte + (BytesPerTextByte * sampleRate)));

    private static long SpillBytes(InputSize size, double sampleRate) => (long)(size.TextBytes * SpillPerTextByte * sampleRate);

    /// <summary>Free bytes where <paramref name="folder"/> lies, or -1 when the system cannot say.</summary>
    private static long FreeBytes(string folder)
    {
        try
        {
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return -1;
        }
    }
}
