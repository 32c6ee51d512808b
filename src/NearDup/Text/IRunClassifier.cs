namespace NearDup.Text;

/// <summary>
/// Classifies one 64-byte block of the run finder (<see cref="Utf8WordHashes.FindRuns{TClassifier}"/>) with one vector
/// width, bit j for byte j. A type parameter rather than a branch, so that the JIT compiles one loop per width and a
/// test can run a narrower width's loop on a machine that has a wider one.
/// </summary>
internal interface IRunClassifier
{
    /// <summary>
    /// The bits of the ASCII letters and digits among the 64 bytes at <paramref name="block"/>, and in
    /// <paramref name="nonAscii"/> those of the bytes of 0x80 or more.
    /// </summary>
    public static abstract ulong WordBits(ref byte block, out ulong nonAscii);
}
