using BenchmarkDotNet.Running;

namespace NearDup.Benchmarks;

/// <summary>BenchmarkDotNet entry point: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter *</c>.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == PassLoop.Command)
        {
            return PassLoop.Run(args);
        }
        if (args.Length > 0 && args[0] == SpillPageReport.Command)
        {
            return SpillPageReport.Run(args);
        }
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        foreach (var summary in summaries)
        {
            if (summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success))
            {
                return 1;
            }
        }
        return 0;
    }
}
