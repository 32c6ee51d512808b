using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NearDup.Benchmarks;

/// <summary>
/// MB/s (10^6 bytes per second) of a benchmark whose work is one document of <c>Bytes</c> UTF-8 bytes per
/// operation: the document size over the mean time. Benchmarks without a <c>Bytes</c> parameter show "-".
/// </summary>
internal sealed class ThroughputColumn : IColumn
{
    public const string ParameterName = "Bytes";

    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Document megabytes (10^6 B of UTF-8) per second on one core: Bytes / Mean";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var parameter = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == ParameterName);
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (parameter?.Value is not int bytes || statistics is null || statistics.Mean <= 0)
        {
            return "-";
        }
        double megabytesPerSecond = bytes / statistics.Mean * 1e9 / 1e6;
        return megabytesPerSecond.ToString("N1", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

/// <summary>Adds <see cref="ThroughputColumn"/> to a benchmark class.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ThroughputColumnAttribute : BenchmarkDotNet.Attributes.ColumnConfigBaseAttribute
{
    public ThroughputColumnAttribute()
        : base(new ThroughputColumn())
    {
    }
}
