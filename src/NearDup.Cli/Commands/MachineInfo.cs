using System.Runtime;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Cli.Commands;

/// <summary>What a report's figures were taken on; <c>Vectors</c> is the widest vectors the JIT accelerates, which picks the kernels' tier (figures of one tier are not another's).</summary>
internal sealed record MachineInfo(string Cpu, int LogicalCores, string Vectors, string Runtime, string Os, string Gc)
{
    public static MachineInfo Current() => new(CpuName(), Environment.ProcessorCount, WidestVectors(), RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription, (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Batch ? ", non-concurrent" : ", concurrent"));

    private static string WidestVectors() =>
        Vector512.IsHardwareAccelerated ? "512-bit (AVX-512)"
        : Vector256.IsHardwareAccelerated ? "256-bit (AVX2)"
        : Vector128.IsHardwareAccelerated ? "128-bit"
        : "none";

    private static string CpuName()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null)
                {
                    return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
            // Fall through to the architecture.
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
