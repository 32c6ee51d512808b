using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Cli.Input;

// A text string of a JSONL line is cut by an escape every 60-odd bytes (paragraph breaks, quotes), so the search for
// its next stop is short and called often: the general search's set-up, then a copy call, cost as much as the bytes.
// Here one 32-byte load is both searched (three compares: a control byte, the quote, the backslash) and stored to the
// destination whole, before it is known where the run ends; the bytes stored past the stop are overwritten by what
// comes next or lie past the string's end, inside the destination. The scalar twin NextStop takes the last bytes.
internal static partial class FlatJsonLine
{
    /// <summary><see cref="NextStop"/> 32 bytes a step while the line, and the destination if any, have 32 bytes left.</summary>
    private static int NextStopVector256(ReadOnlySpan<byte> line, int j, Span<byte> destination, ref int written)
    {
        bool copy = !destination.IsEmpty;
        ref byte source = ref MemoryMarshal.GetReference(line);
        ref byte target = ref MemoryMarshal.GetReference(destination);
        int step = copy ? Vector256<byte>.Count : 0, w = written;
        // Without a destination w stays 0, so the room test always passes.
        while (line.Length - j >= Vector256<byte>.Count && (!copy || destination.Length - w >= Vector256<byte>.Count))
        {
            var v = Vector256.LoadUnsafe(ref source, (nuint)j);
            if (copy)
            {
                v.StoreUnsafe(ref target, (nuint)w);
            }
            uint stops = (Vector256.LessThan(v, Vector256.Create((byte)0x20)) | Vector256.Equals(v, Vector256.Create((byte)'"'))
                | Vector256.Equals(v, Vector256.Create((byte)'\\'))).ExtractMostSignificantBits();
            if (stops != 0)
            {
                int run = BitOperations.TrailingZeroCount(stops);
                written = w + (copy ? run : 0);
                return j + run;
            }
            j += Vector256<byte>.Count;
            w += step;
        }
        written = w;
        return NextStop(line, j, destination, ref written);
    }
}
