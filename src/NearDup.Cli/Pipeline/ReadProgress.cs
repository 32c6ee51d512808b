namespace NearDup.Cli.Pipeline;

/// <summary>Documents read so far, drawn on a progress line on the calling thread (<see cref="Progress{T}"/> would post to the thread pool).</summary>
internal sealed class ReadProgress(ConsoleProgress line) : IProgress<long>
{
    public void Report(long value) => line.Report(value);
}
