using System.Diagnostics;
using System.Globalization;
using GpuAE.Progress;

namespace GpuAE.Cli.Output;

/// <summary>How progress is shown: a live bar on a terminal, plain periodic lines in logs and CI, or not at all (--quiet).</summary>
public enum ProgressMode { Bar, Lines, Off }

/// <summary>
/// Progress of long work on the console. On a terminal one line is redrawn in place
/// ("epoch 3/20 [#####.....] 38% 23,040/60,000 images  loss 0.01234  2,345 images/s  ETA 0:01:23");
/// when stdout is a file or a pipe a plain line of the same facts is printed at most every
/// <see cref="LineInterval"/>, so a log shows the run moving without a line per step. Ordinary
/// output goes through <see cref="WriteLine"/>, which first erases a bar that is showing.
/// </summary>
public sealed class ProgressDisplay(TextWriter writer, ProgressMode mode, Func<TimeSpan>? clock = null)
{
    private const int BarCells = 20;
    private readonly Func<TimeSpan> _clock = clock ?? StopwatchClock();
    private TimeSpan? _lastLine;
    private int _barLength;

    /// <summary>The display of this process: a bar when stdout is a terminal, lines otherwise; --quiet turns it off.</summary>
    public static ProgressDisplay Console { get; set; } = ForConsole(quiet: false);

    public static ProgressDisplay ForConsole(bool quiet) =>
        new(System.Console.Out, quiet ? ProgressMode.Off : System.Console.IsOutputRedirected ? ProgressMode.Lines : ProgressMode.Bar);

    public ProgressMode Mode { get; } = mode;

    /// <summary>Plain progress lines are at least this far apart.</summary>
    public TimeSpan LineInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the work should report (it reads its running loss from the device only then); null when nothing is shown.</summary>
    public TimeSpan? ReportInterval => Mode switch
    {
        ProgressMode.Bar => TimeSpan.FromSeconds(1),
        ProgressMode.Lines => LineInterval,
        _ => null,
    };

    public void Update(WorkProgress p)
    {
        switch (Mode)
        {
            case ProgressMode.Bar:
                string bar = Bar(p);
                int width = TerminalWidth();
                if (bar.Length > width) bar = bar[..width];
                writer.Write("\r" + bar.PadRight(_barLength));
                writer.Flush();
                _barLength = bar.Length;
                break;
            case ProgressMode.Lines:
                var now = _clock();
                if (_lastLine is TimeSpan last && now - last < LineInterval) return;
                _lastLine = now;
                writer.WriteLine(Line(p));
                writer.Flush();
                break;
        }
    }

    /// <summary>Erases the bar, so the next output starts on a clean line.</summary>
    public void Clear()
    {
        if (_barLength == 0) return;
        writer.Write("\r" + new string(' ', _barLength) + "\r");
        _barLength = 0;
    }

    public void WriteLine(string text)
    {
        Clear();
        writer.WriteLine(text);
    }

    /// <summary>"epoch 3/20 [#######.............] 38% 23,040/60,000 images  loss 0.01234  2,345 images/s  ETA 0:01:23".</summary>
    public static string Bar(WorkProgress p)
    {
        string cells = "";
        if (p.Total > 0)
        {
            int filled = (int)Math.Clamp(BarCells * p.Done / p.Total, 0, BarCells);
            cells = $" [{new string('#', filled)}{new string('.', BarCells - filled)}] {Percent(p),3}%";
        }
        return $"{p.Label}{cells} {Facts(p, "  ")}";
    }

    /// <summary>"epoch 3/20: 23,040/60,000 images (38%), loss 0.01234, 2,345 images/s, ETA 0:01:23".</summary>
    public static string Line(WorkProgress p) => $"{p.Label}: {Facts(p, ", ", withPercent: true)}";

    private static string Facts(WorkProgress p, string separator, bool withPercent = false)
    {
        var parts = new List<string>
        {
            p.Total > 0 ? $"{N(p.Done)}/{N(p.Total)} {p.Unit}" + (withPercent ? $" ({Percent(p)}%)" : "") : $"{N(p.Done)} {p.Unit}",
        };
        if (double.IsFinite(p.RunningLoss)) parts.Add(string.Create(CultureInfo.InvariantCulture, $"loss {p.RunningLoss:G5}"));
        if (p.PerSecond > 0 && double.IsFinite(p.PerSecond)) parts.Add($"{N((long)Math.Round(p.PerSecond))} {p.Unit}/s");
        if (p.Eta is TimeSpan eta && eta >= TimeSpan.Zero && eta < TimeSpan.FromDays(100)) parts.Add($"ETA {Duration(eta)}");
        return string.Join(separator, parts);
    }

    private static long Percent(WorkProgress p) => p.Total > 0 ? Math.Clamp(100 * p.Done / p.Total, 0, 100) : 0;

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"0:01:23", "12:00:05", "2d 03:00:00".</summary>
    public static string Duration(TimeSpan t) =>
        t.TotalDays >= 1 ? $"{(int)t.TotalDays}d {t:hh\\:mm\\:ss}" : $"{(int)t.TotalHours}:{t:mm\\:ss}";

    private static Func<TimeSpan> StopwatchClock()
    {
        var watch = Stopwatch.StartNew();
        return () => watch.Elapsed;
    }

    private static int TerminalWidth()
    {
        try { return System.Console.WindowWidth > 20 ? System.Console.WindowWidth - 1 : 119; }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException) { return 119; }
    }
}
