using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace NearDup.Internal;

/// <summary>Throw sites kept out of line so that callers stay small enough to inline.</summary>
[StackTraceHidden]
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowArgument(string paramName, string message) => throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static void ThrowArgumentOutOfRange(string paramName, object? value, string message) =>
        throw new ArgumentOutOfRangeException(paramName, value, message);

    [DoesNotReturn]
    public static void ThrowDestinationTooShort(string paramName = "destination") =>
        throw new ArgumentException("Destination is too short.", paramName);

    [DoesNotReturn]
    public static void ThrowInvalidOperation(string message) => throw new InvalidOperationException(message);
}
