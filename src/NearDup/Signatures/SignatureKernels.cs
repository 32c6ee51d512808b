using System.Runtime.Intrinsics;

namespace NearDup.Signatures;

/// <summary>
/// Name → kernel table for MinHash and SimHash (STYLE 4.9, like Sep's <c>SepParserFactory</c>), and the one place
/// that reads <c>NEARDUP_FORCE_KERNEL</c>. The rule, for both the variable and <see cref="Parse"/>: a name is one of
/// <see cref="All"/>'s keys, compared ignoring case. Unset or empty, engines use <see cref="Best"/>; set, engines use
/// the kernel it names, which must also be <see cref="Available"/> on this machine (a forced tier that the hardware
/// does not accelerate would run in software and mislead a benchmark), else every engine's construction throws an
/// <see cref="InvalidOperationException"/> naming the value and the available kernels. The variable is read once per
/// process. Wider is not assumed to be faster; the benchmarks measure every tier.
/// </summary>
internal static class SignatureKernels
{
    /// <summary>Environment variable that pins a kernel by name, e.g. <c>NEARDUP_FORCE_KERNEL=Vector256</c>.</summary>
    public const string ForceVariable = "NEARDUP_FORCE_KERNEL";

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

    private static readonly string? s_forced = Environment.GetEnvironmentVariable(ForceVariable);

    /// <summary>The kernel engines use: <see cref="Resolve"/> of <see cref="ForceVariable"/>'s value.</summary>
    /// <exception cref="InvalidOperationException"><see cref="ForceVariable"/> names no available kernel.</exception>
    public static SignatureKernel Current => Resolve(s_forced);

    /// <summary>The kernel a <see cref="ForceVariable"/> value selects, by the rule in the class summary.</summary>
    /// <exception cref="InvalidOperationException">The value names no available kernel.</exception>
    public static SignatureKernel Resolve(string? forced)
    {
        if (string.IsNullOrEmpty(forced))
        {
            return Best;
        }
        if (Find(forced) is not { } kernel || !IsAccelerated(kernel))
        {
            SignatureThrow.UnknownKernel(forced, string.Join(", ", Available.Select(p => p.Key)));
            return default;
        }
        return kernel;
    }

    /// <summary>Looks a kernel up by name in <see cref="All"/>, accelerated or not (tests and benchmarks run every tier).</summary>
    /// <exception cref="ArgumentException">The name is no kernel's.</exception>
    public static SignatureKernel Parse(string name)
    {
        if (Find(name) is not { } kernel)
        {
            SignatureThrow.UnknownKernelName(name, nameof(name));
            return default;
        }
        return kernel;
    }

    private static SignatureKernel? Find(string name)
    {
        foreach (var pair in All)
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
