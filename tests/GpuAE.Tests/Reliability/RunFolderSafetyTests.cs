using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Reliability;

/// <summary>
/// A run folder holding another run's results is not overwritten by accident: train, sweep,
/// reproduce, stacked and classify stop with one line unless --force (or --resume); a sweep
/// refuses a folder of a different sweep or of a training run. Unknown or stray words on the
/// command line are errors, not ignored.
/// </summary>
public sealed class RunFolderSafetyTests(ITestOutputHelper output)
{
    [Fact]
    public void Train_into_a_folder_holding_a_run_is_refused_and_the_run_is_left_alone()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        using var dir = new TempDirectory();
        string run = dir.File("run");
        Assert.Equal(0, GpuaeProcess.Run(SmallRun.TrainArgs(RealData.DataDir, run)).ExitCode);
        var before = File.ReadAllBytes(Path.Combine(run, "model.gae"));
        var r = GpuaeProcess.Run(SmallRun.TrainArgs(RealData.DataDir, run, "--seed", "2"));
        CliAssert.OneLineUsageError(r, "holds another run");
        Assert.Contains("--force", r.Stderr);
        Assert.Contains("--resume", r.Stderr);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(run, "model.gae")));
    }

    [Fact]
    public void Train_with_force_replaces_the_run()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        using var dir = new TempDirectory();
        string run = dir.File("run");
        Assert.Equal(0, GpuaeProcess.Run(SmallRun.TrainArgs(RealData.DataDir, run)).ExitCode);
        var before = File.ReadAllBytes(Path.Combine(run, "model.gae"));
        var r = GpuaeProcess.Run(SmallRun.TrainArgs(RealData.DataDir, run, "--seed", "2", "--force"));
        Assert.Equal(0, r.ExitCode);
        Assert.NotEqual(before, File.ReadAllBytes(Path.Combine(run, "model.gae")));
    }

    [Fact]
    public void A_sweep_refuses_a_folder_holding_a_training_run()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        using var dir = new TempDirectory();
        string run = dir.File("run");
        Assert.Equal(0, GpuaeProcess.Run(SmallRun.TrainArgs(RealData.DataDir, run)).ExitCode);
        var r = GpuaeProcess.Run("sweep", "--hidden", "16", "--epochs", "1", "--train-limit", "64", "--test-limit", "32",
            "--data-dir", RealData.DataDir, "--device", "cpu", "--out", run);
        CliAssert.OneLineUsageError(r, "holds another run");
        Assert.False(File.Exists(Path.Combine(run, "sweep.json")));
    }

    [Fact]
    public void A_sweep_refuses_a_folder_of_a_different_sweep_unless_forced()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        using var dir = new TempDirectory();
        string[] Sweep(string epochs, params string[] more) => ["sweep", "--hidden", "16", "--epochs", epochs, "--train-limit", "64", "--test-limit", "32",
            "--data-dir", RealData.DataDir, "--device", "cpu", "--quiet", "--out", dir.File("s"), .. more];
        Assert.Equal(0, GpuaeProcess.Run(Sweep("1")).ExitCode);
        CliAssert.OneLineUsageError(GpuaeProcess.Run(Sweep("2")), "holds a different sweep");
        var forced = GpuaeProcess.Run(Sweep("2", "--force"));
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("\"Epochs\": 2", File.ReadAllText(dir.File("s/sweep.json")));
        Assert.Equal(2, File.ReadAllLines(dir.File("s/results.csv")).Length);
    }

    [Fact]
    public void Reproduce_refuses_a_folder_that_holds_the_experiments_results()
    {
        using var dir = new TempDirectory();
        string done = dir.File("dense-lr-quick");
        Directory.CreateDirectory(done);
        File.WriteAllText(Path.Combine(done, "comparison.csv"), "experiment,setting,quantity,paper,gpuae,note\n");
        var r = GpuaeProcess.Run("reproduce", "dense-lr", "--quick", "--out", dir.Path, "--device", "cpu");
        CliAssert.OneLineUsageError(r, "holds this experiment's results");
        Assert.Contains("--force", r.Stderr);
        var resumed = GpuaeProcess.Run("reproduce", "dense-lr", "--quick", "--out", dir.Path, "--device", "cpu", "--resume");
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("skipped", resumed.Stdout);
    }

    [Theory]
    [InlineData("train", "extra", "--epochs", "1")]
    [InlineData("train", "--epochs", "1", "extra")]
    [InlineData("eval", "stray", "--checkpoint", "x.gae")]
    [InlineData("report", "runs", "more", "--out", "r.html")]
    [InlineData("sweep", "merge", "a", "--out", "m", "--stray-option")]
    public void A_stray_or_unknown_argument_is_an_error(params string[] args)
    {
        var r = GpuaeProcess.Run(args);
        Assert.Equal(2, r.ExitCode);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Matches("unexpected argument '(extra|stray|more)'|unknown option '--stray-option'", lines[0]);
    }
}
