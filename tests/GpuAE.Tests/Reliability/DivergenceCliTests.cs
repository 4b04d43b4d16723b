using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Reliability;

/// <summary>
/// A loss that stops being finite stops training at once: one line (epoch, step, last finite
/// loss, a hint), exit code 4, and the run folder as it was after the last good epoch. A sweep
/// records such a cell as diverged and goes on.
/// </summary>
public sealed class DivergenceCliTests(ITestOutputHelper output)
{
    private static void DivergedLine(GpuaeProcess.Result r)
    {
        Assert.Equal(4, r.ExitCode);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Matches(@"^gpuae: training diverged: at epoch \d+, step \d+/\d+ the training loss became (NaN|-?Infinity); the last finite loss was [\d.]+ \(epoch \d+, step \d+\); try a lower --lr", lines[0]);
        Assert.DoesNotContain("   at ", r.Stderr + r.Stdout);
    }

    [Fact]
    public void Adam_at_lr_1e38_stops_in_the_first_epoch_with_exit_4_and_writes_no_model()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        using var dir = new TempDirectory();
        var r = GpuaeProcess.Run(SmallRun.TrainArgs(RealData.DataDir, dir.File("run"), "--optimizer", "adam", "--lr", "1e38", "--epochs", "3", "--batch", "16"));
        output.WriteLine(r.Stdout + r.Stderr);
        DivergedLine(r);
        Assert.Contains("at epoch 1, step 2/", r.Stderr);
        Assert.Contains("no epoch finished, so there is no checkpoint", r.Stderr);
        Assert.False(File.Exists(dir.File("run/model.gae")));
        Assert.False(File.Exists(dir.File("run/summary.json")));
    }

    [Fact]
    public void Conv_keras_at_lr_1e6_stops_with_exit_4()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        using var dir = new TempDirectory();
        var r = GpuaeProcess.Run("train", "--model", "conv-keras", "--lr", "1e6", "--epochs", "2", "--train-limit", "64", "--test-limit", "16", "--batch", "16",
            "--data-dir", RealData.DataDir, "--device", "cpu", "--quiet", "--out", dir.File("run"));
        output.WriteLine(r.Stdout + r.Stderr);
        DivergedLine(r);
    }

    [Fact]
    public void A_run_that_diverges_later_keeps_the_checkpoint_and_metrics_of_its_last_good_epoch()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        using var dir = new TempDirectory();
        string run = dir.File("run");
        // epoch 1 at lr 0.1; from epoch 2 on the step schedule multiplies it by 1e38
        var r = GpuaeProcess.Run(SmallRun.TrainArgs(RealData.DataDir, run, "--epochs", "3", "--batch", "16", "--lr", "0.1", "--lr-schedule", "step:1:1e38"));
        output.WriteLine(r.Stdout + r.Stderr);
        DivergedLine(r);
        Assert.Contains("at epoch 2, step", r.Stderr);
        Assert.Contains("keeps the checkpoint and metrics of epoch 1", r.Stderr);
        var metrics = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        Assert.Equal(2, metrics.Length);
        Assert.DoesNotContain("NaN", metrics[1]);
        var e = GpuaeProcess.Run("eval", "--checkpoint", Path.Combine(run, "model.gae"), "--test-limit", "32", "--data-dir", RealData.DataDir, "--device", "cpu", "--noise", "mask:0.2");
        Assert.Equal(0, e.ExitCode);
        Assert.DoesNotContain("NaN", e.Stdout);
    }

    [Fact]
    public void A_sweep_records_a_diverged_cell_and_goes_on()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        using var dir = new TempDirectory();
        var r = GpuaeProcess.Run("sweep", "--grid", "lr=1e38,0.001", "--optimizer", "adam", "--hidden", "16", "--epochs", "1", "--batch", "16", "--train-limit", "64", "--test-limit", "32",
            "--data-dir", RealData.DataDir, "--device", "cpu", "--quiet", "--out", dir.File("s"));
        output.WriteLine(r.Stdout + r.Stderr);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("note: 1 cell diverged", r.Stdout);
        var rows = File.ReadAllLines(dir.File("s/results.csv"));
        Assert.Contains(",status,train_seconds", rows[0]);
        Assert.Equal(3, rows.Length);
        Assert.Contains(",diverged,", rows[1]);
        Assert.Contains(",ok,", rows[2]);
        Assert.DoesNotContain("NaN", rows[2]);
    }
}
