using System.Runtime.Intrinsics;

namespace NearDup.Signatures;

/// <summary>
/// Name → kernel table for MinHash and SimHash (STYLE 4.9, like Sep's <c>SepParserFactory</c>).
/// Every engine picks <see cref="Current"/>: the widest hardware-accelerated tier, or the one named by
/// the <c>NEARDUP_FORCE_KERNEL</c> environment variable (read once per process), which pins one tier for
/// tests and benchmarks. Wider is not assumed to be faster; the benchmarks measure every tier.
/// </summary>
internal static class SignatureKernels
{
    /// <summary>Environment variable that pins a kernel by name, e.g. <c>NEARDUP_FORCE_KERNEL=Vector256</c>.</summary>
    public const string ForceVariable = "NEARDUP_FORCE_KERNEL";

    private static readonly string? s_forced = Environment.GetEnvironmentVariable(ForceVariable);

    /// <summary>Every kernel, accelerated or not (non-accelerated tiers still run, in software).</summary>
    public static IReadOnlyList<KeyValuePair<string, SignatureKernel>> All { get; } =
    [
        new(nameof(SignatureKernel.Scalar), SignatureKernel.Scalar),
        new(nameof(SignatureKernel.Vector128), SignatureKernel.Vector128),
        new(nameof(SignatureKernel.Vector256), SignatureKernel.Vector256),
        new(nameof(SignatureKernel.Vector512), SignatureKernel.Vector512),
    ];

    /// <summary>The kernels the hardware accelerates, narrowest first; <c>Scalar</c> is always present.</summary>
    public static IReadOnlyList<KeyValuePair<string, SignatureKernel>> Available { get; } =
        [.. All.Where(p => IsAccelerated(p.Value))];

    /// <summary>The widest accelerated kernel (dispatch widest first, STYLE 4.2).</summary>
    public static SignatureKernel Best { get; } = Available[^1].Value;

    /// <summary>The kernel named by <see cref="ForceVariable"/>, or <see langword="null"/> when unset or not available.</summary>
    private static readonly SignatureKernel? s_forcedKernel = FindAvailable(s_forced);

    /// <summary>The kernel engines use: <see cref="ForceVariable"/> if set, else <see cref="Best"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="ForceVariable"/> names no available kernel.</exception>
    public static SignatureKernel Current
    {
        get
        {
            if (string.IsNullOrEmpty(s_forced))
            {
                return Best;
            }
            if (s_forcedKernel is { } kernel)
            {
                return kernel;
            }
            SignatureThrow.UnknownKernel(s_forced, string.Join(", ", Available.Select(p => p.Key)));
            return default;
        }
    }

    /// <summary>Looks a kernel up by name in <see cref="All"/> (tests and benchmarks).</summary>
    public static SignatureKernel Parse(string name)
    {
        foreach (var pair in All)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }
        SignatureThrow.UnknownKernelName(name, nameof(name));
        return default;
    }

    private static SignatureKernel? FindAvailable(string? name)
    {
        foreach (var pair in Available)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }
        return null;
    }

    /// <summary>Whether the JIT maps <paramref name="kernel"/> to hardware instructions on this machine.</summary>
    public static bool IsAccelerated(SignatureKernel kernel) => kernel switch
    {
        SignatureKernel.Scalar => true,
        SignatureKernel.Vector128 => Vector128.IsHardwareAccelerated,
        SignatureKernel.Vector256 => Vector256.IsHardwareAccelerated,
        SignatureKernel.Vector512 => Vector512.IsHardwareAccelerated,
        _ => false,
    };
}
