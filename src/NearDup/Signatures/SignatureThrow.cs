using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace NearDup.Signatures;

/// <summary>
/// Throw helpers for the signature engines. Keeping <c>throw</c> out of the callers keeps them small
/// enough to inline (STYLE 3.9; Sep <c>Internals/SepThrow.cs</c>).
/// </summary>
[StackTraceHidden]
internal static class SignatureThrow
{
    [DoesNotReturn]
    public static void DestinationTooShort(int required, int actual, string paramName) =>
        throw new ArgumentException(
            $"Destination is too short: {required} elements are required but only {actual} are available.", paramName);

    [DoesNotReturn]
    public static void InvalidOption(string optionsType, string property, string message) =>
        throw new ArgumentException($"{optionsType}.{property} {message}", "options");

    [DoesNotReturn]
    public static void LengthMismatch(string paramName, int expected, int actual) =>
        throw new ArgumentException($"Length {actual} does not match the expected length {expected}.", paramName);

    [DoesNotReturn]
    public static void InvalidOffsets(string message) =>
        throw new ArgumentException(message, "offsets");

    [DoesNotReturn]
    public static void InvalidDegreeOfParallelism(int value) =>
        throw new ArgumentOutOfRangeException(
            "maxDegreeOfParallelism", value, "Must be -1 (all cores) or a positive number of threads.");

    [DoesNotReturn]
    public static void UnknownKernel(string name, string available) =>
        throw new KernelSelectionException(
            $"{SignatureKernels.ForceVariable}='{name}' names no kernel available on this machine (names: Scalar, Vector128, Vector256, Vector512, any case; unset it for the widest); available: {available}.");

    [DoesNotReturn]
    public static void UnknownKernelName(string name, string paramName) =>
        throw new ArgumentException($"Unknown signature kernel '{name}'.", paramName);
}
