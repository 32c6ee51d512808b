using System.Diagnostics;

namespace NearDup.Cli;

/// <summary>
/// A progress line on stderr with rate and ETA, redrawn at most a few times a second, shown only when stderr
/// is a terminal and not --quiet. When stderr is a file or pipe, nothing is drawn.
/// </summary>
internal sealed class ConsoleProgress : IDisposable
{
    private readonly string _label;
    private readonly Func<long> _bytesDone;
    private readonly Func<long> _bytesTotal;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _enabled;
    private long _lastDraw = -1000;
    private long _items;

    public ConsoleProgress(string label, bool quiet, Func<long> bytesDone, Func<long> bytesTotal)
    {
        _label = label;
        _bytesDone = bytesDone;
        _bytesTotal = bytesTotal;
        _enabled = !quiet && !Console.IsErrorRedirected;
    }

    public void Report(long items)
    {
        _items = items;
        if (!_enabled || _clock.ElapsedMilliseconds - _lastDraw < 200)
        {
            return;
        }
        _lastDraw = _clock.ElapsedMilliseconds;
        Draw();
    }

    public void Stage(string text)
    {
        if (_enabled)
        {
            Console.Error.Write($"\r{text}".PadRight(Math.Max(20, SafeWidth() - 1)));
        }
    }

    private void Draw()
    {
        double seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        long done = _bytesDone(), total = _bytesTotal();
        double rate = done / seconds / 1e6;
        string bar = "";
        string eta = "";
        if (total > 0)
        {
            double fraction = Math.Clamp((double)done / total, 0, 1);
            int filled = (int)(fraction * 24);
            bar = "[" + new string('#', filled) + new string('.', 24 - filled) + $"] {fraction * 100,3:0}% ";
            if (fraction > 0.01)
            {
                eta = $" ETA {TimeSpan.FromSeconds(seconds * (1 - fraction) / fraction):m\\:ss}";
            }
        }
        string line = $"\r{_label} {bar}{_items:N0} docs  {_items / seconds:N0} docs/s  {rate:N1} MB/s{eta}";
        Console.Error.Write(line.PadRight(Math.Max(20, SafeWidth() - 1)));
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    public void Dispose()
    {
        if (_enabled)
        {
            Console.Error.Write("\r" + new string(' ', Math.Max(20, SafeWidth() - 1)) + "\r");
        }
    }
}
