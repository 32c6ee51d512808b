using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace NearDup.Hashing;

/// <summary>
/// Cold throw paths for the hashing types. Keeping the <c>throw</c> out of the callers keeps them small
/// enough to inline (same pattern as System.IO.Hashing's <c>ThrowDestinationTooShort</c>).
/// </summary>
[StackTraceHidden]
internal static class ThrowHelper
{
    [DoesNotReturn]
    internal static void ThrowDestinationTooShort() =>
        throw new ArgumentException("Destination is too short.", "destination");

    [DoesNotReturn]
    internal static void ThrowArgumentOutOfRange(string paramName) =>
        throw new ArgumentOutOfRangeException(paramName);
}
