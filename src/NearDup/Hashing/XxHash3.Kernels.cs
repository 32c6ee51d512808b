using System.Runtime.Intrinsics;

namespace NearDup.Hashing;

// Run-time choice of the long-input stripe kernel: widest hardware-accelerated vector first, scalar last
// (style guide 4.2). Every kernel produces identical hashes; XxHash3KernelTests checks each against
// ScalarKernel. NEARDUP_FORCE_KERNEL=<name> pins one of the names in Kernels (as Sep's SEPFORCEPARSER
// does) so CI can run the whole suite per kernel; an unknown or unavailable name is ignored.
public sealed partial class XxHash3
{
    /// <summary>Environment variable that pins the accumulate kernel by name (see <see cref="Kernels"/>).</summary>
    internal const string ForceKernelVariable = "NEARDUP_FORCE_KERNEL";

    /// <summary>The accumulate kernels, widest first.</summary>
    internal enum AccumulateKernel
    {
        Vector512,
        Vector256,
        Vector128,
        Scalar,
    }

    /// <summary>Kernels usable on this machine by name, widest first; always ends with "Scalar".</summary>
    internal static IReadOnlyList<KeyValuePair<string, AccumulateKernel>> Kernels { get; } = CreateKernelTable();

    /// <summary>The kernel the public API uses: the forced one if valid, else the first entry of <see cref="Kernels"/>.</summary>
    internal static AccumulateKernel ActiveKernel { get; } = SelectKernel(Environment.GetEnvironmentVariable(ForceKernelVariable));

    // A static readonly field is a JIT-time constant once the class is initialized, so tier-1 code folds the
    // kernel switch in HashLong down to one direct call.
    private static readonly AccumulateKernel s_activeKernel = ActiveKernel;

    private static KeyValuePair<string, AccumulateKernel>[] CreateKernelTable()
    {
        var table = new List<KeyValuePair<string, AccumulateKernel>>(4);
        if (BitConverter.IsLittleEndian)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                table.Add(new(nameof(AccumulateKernel.Vector512), AccumulateKernel.Vector512));
            }

            if (Vector256.IsHardwareAccelerated)
            {
                table.Add(new(nameof(AccumulateKernel.Vector256), AccumulateKernel.Vector256));
            }

            if (Vector128.IsHardwareAccelerated)
            {
                table.Add(new(nameof(AccumulateKernel.Vector128), AccumulateKernel.Vector128));
            }
        }

        table.Add(new(nameof(AccumulateKernel.Scalar), AccumulateKernel.Scalar));
        return [.. table];
    }

    /// <summary>Resolves <paramref name="forcedName"/> (case-insensitive) against <see cref="Kernels"/>.</summary>
    internal static AccumulateKernel SelectKernel(string? forcedName)
    {
        if (!string.IsNullOrEmpty(forcedName))
        {
            foreach (KeyValuePair<string, AccumulateKernel> entry in Kernels)
            {
                if (string.Equals(entry.Key, forcedName, StringComparison.OrdinalIgnoreCase))
                {
                    return entry.Value;
                }
            }
        }

        return Kernels[0].Value;
    }
}
