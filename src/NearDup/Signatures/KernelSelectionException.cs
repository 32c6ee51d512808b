namespace NearDup.Signatures;

/// <summary>
/// <c>NEARDUP_FORCE_KERNEL</c> names no kernel available on this machine (<see cref="SignatureKernels.Resolve"/>): a
/// setting of the environment, which the CLI reports as bad input rather than as a bug.
/// </summary>
internal sealed class KernelSelectionException(string message) : InvalidOperationException(message);
