namespace NearDup.Cli.Pipeline;

/// <summary>
/// Documents read so far, drawn on a progress line on the calling thread (<see cref="Progress{T}"/> would post to the
/// thread pool), with <paramref name="watch"/>'s warning when the heap fills (<see cref="MemoryWatch"/>).
/// </summary>
internal sealed class ReadProgress(ConsoleProgress line, MemoryWatch? watch = null) : IProgress<long>
{
    public void Report(long value)
    {
        line.Report(value);
        if (watch?.Check() is { } warning)
        {
            line.Note(warning);
        }
    }
}
