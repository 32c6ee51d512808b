using System.Diagnostics;

namespace NearDup.Cli;

/// <summary>
/// Progress on stderr, unless --quiet: on a terminal one line with rate and ETA, redrawn at most a few times a
/// second; to a file or pipe (nohup, CI logs) a whole line every <see cref="LogInterval"/> at most, so a run of
/// many minutes says how far it is without filling the log. A run shorter than the interval writes nothing.
/// </summary>
internal sealed class ConsoleProgress : IDisposable
{
    private readonly string _label;
    private readonly Func<long> _bytesDone;
    private readonly Func<long> _bytesTotal;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _enabled;
    private readonly bool _log;
    private readonly long _logInterval;
    private long _lastDraw = -1000;
    private long _lastLog;
    private long _items;

    /// <summary>Longest silence between two progress lines written to a file or pipe.</summary>
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    public ConsoleProgress(string label, bool quiet, Func<long> bytesDone, Func<long> bytesTotal)
        : this(label, quiet, bytesDone, bytesTotal, Console.IsErrorRedirected, LogInterval)
    {
    }

    /// <summary>With <paramref name="log"/>, whole lines every <paramref name="logInterval"/> at most, as to a file or pipe.</summary>
    internal ConsoleProgress(string label, bool quiet, Func<long> bytesDone, Func<long> bytesTotal, bool log, TimeSpan logInterval)
    {
        _label = label;
        _bytesDone = bytesDone;
        _bytesTotal = bytesTotal;
        _log = !quiet && log;
        _enabled = !quiet && !log;
        _logInterval = (long)logInterval.TotalMilliseconds;
    }

    public void Report(long items)
    {
        _items = items;
        if (_log && LogDue())
        {
            Console.Error.WriteLine(Describe());
        }
        if (!_enabled || _clock.ElapsedMilliseconds - _lastDraw < 200)
        {
            return;
        }
        _lastDraw = _clock.ElapsedMilliseconds;
        Console.Error.Write(("\r" + Describe()).PadRight(Math.Max(20, SafeWidth() - 1)));
    }

    public void Stage(string text)
    {
        if (_log && LogDue())
        {
            Console.Error.WriteLine(text);
        }
        if (_enabled)
        {
            Console.Error.Write($"\r{text}".PadRight(Math.Max(20, SafeWidth() - 1)));
        }
    }

    /// <summary>Writes <paramref name="text"/> on a line of its own (on a terminal, over the progress line, which is drawn again below it); nothing with --quiet.</summary>
    public void Note(string text)
    {
        if (_enabled || _log)
        {
            Console.Error.WriteLine(_enabled ? ("\r" + text).PadRight(Math.Max(20, SafeWidth() - 1)) : text);
            _lastDraw = -1000;
        }
    }

    private bool LogDue()
    {
        long now = _clock.ElapsedMilliseconds;
        if (now - _lastLog < _logInterval)
        {
            return false;
        }
        _lastLog = now;
        return true;
    }

    private string Describe()
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
        return $"{_label} {bar}{_items:N0} docs  {_items / seconds:N0} docs/s  {rate:N1} MB/s{eta}";
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
