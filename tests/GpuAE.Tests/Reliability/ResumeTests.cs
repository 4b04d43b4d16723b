using System.Diagnostics;
using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Reliability;

/// <summary>
/// `gpuae train --resume RUN` after SIGKILL at random points ends with exactly what an
/// uninterrupted run with the same seed writes: the same metrics (all but the time columns),
/// the same summary and a byte-identical model.gae on the CPU accelerator.
/// </summary>
public sealed class ResumeTests(ITestOutputHelper output)
{
    private void KilledRunEndsLikeAnUninterruptedOne(string[] trainArgs, int kills, int seed)
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        using var dir = new TempDirectory();
        string whole = dir.File("whole"), killed = dir.File("killed");
        string[] Args(string folder) => [.. trainArgs, "--data-dir", RealData.DataDir, "--device", "cpu", "--quiet", "--out", folder];
        var clock = Stopwatch.StartNew();
        var reference = GpuaeProcess.Run(Args(whole));
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        var outcome = KilledRun.Run(Args(killed), ["train", "--resume", killed, "--data-dir", RealData.DataDir, "--quiet"], killed, clock.Elapsed, kills, seed, output);
        Assert.True(outcome.Last.ExitCode == 0, outcome.Last.Stderr);
        Assert.True(outcome.Kills > 0, "no kill landed before the run finished");
        Assert.Contains(outcome.ProgressAtResume, p => p > 0); // at least one start continued from the middle, not from the beginning
        Assert.Equal(KilledRun.MetricsWithoutTimes(whole), KilledRun.MetricsWithoutTimes(killed));
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "model.gae")), File.ReadAllBytes(Path.Combine(killed, "model.gae")));
        Assert.Equal(KilledRun.SummaryWithoutTimes(whole).Replace(whole, killed), KilledRun.SummaryWithoutTimes(killed));
        Assert.False(File.Exists(Path.Combine(killed, "resume.gae")));
    }

    [Fact]
    public void A_denoiser_killed_at_random_points_resumes_to_the_uninterrupted_result() =>
        KilledRunEndsLikeAnUninterruptedOne(["train", "--model", "dense", "--hidden", "64", "--optimizer", "adam", "--lr", "0.002", "--lr-schedule", "cosine",
            "--epochs", "5", "--batch", "32", "--train-limit", "1024", "--test-limit", "128"], kills: 4, seed: 13);

    [Fact]
    public void A_classifier_with_dropout_and_batch_norm_killed_at_random_points_resumes_to_the_uninterrupted_result() =>
        KilledRunEndsLikeAnUninterruptedOne(["train", "--model", "vgg-small", "--epochs", "3", "--batch", "32", "--train-limit", "256", "--test-limit", "64"],
            kills: 3, seed: 7);

    [Fact]
    public void A_cross_validation_killed_at_random_points_resumes_to_the_uninterrupted_result()
    {
        if (!RealData.Require(output, "mnist")) return;
        using var dir = new TempDirectory();
        string classifier = dir.File("lenet");
        var trained = GpuaeProcess.Run("train", "--model", "lenet", "--dataset", "mnist", "--epochs", "1", "--train-limit", "128", "--test-limit", "32",
            "--data-dir", RealData.DataDir, "--device", "cpu", "--quiet", "--out", classifier);
        Assert.True(trained.ExitCode == 0, trained.Stderr);
        string[] Args(string folder, params string[] more) => ["classify", "--classifier", Path.Combine(classifier, "model.gae"), "--dataset", "mnist",
            "--folds", "3", "--epochs", "2", "--batch", "32", "--train-limit", "600", "--noise", "saltpepper:0.2",
            "--data-dir", RealData.DataDir, "--device", "cpu", "--quiet", "--out", folder, .. more];
        string whole = dir.File("whole"), killed = dir.File("killed");
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, GpuaeProcess.Run(Args(whole)).ExitCode);
        var outcome = KilledRun.Run(Args(killed), Args(killed, "--resume"), killed, clock.Elapsed, kills: 3, seed: 5, output);
        Assert.True(outcome.Last.ExitCode == 0, outcome.Last.Stderr);
        Assert.Contains(outcome.ProgressAtResume, p => p > 0);
        Assert.Equal(KilledRun.CsvWithoutLastColumn(Path.Combine(whole, "folds.csv")), KilledRun.CsvWithoutLastColumn(Path.Combine(killed, "folds.csv")));
        Assert.Equal(KilledRun.SummaryWithoutTimes(whole).Replace(whole, killed), KilledRun.SummaryWithoutTimes(killed));
        Assert.False(File.Exists(Path.Combine(killed, "resume.gae")));
    }

    [Fact]
    public void A_stacked_run_with_self_training_killed_at_random_points_resumes_to_the_uninterrupted_result()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        using var dir = new TempDirectory();
        string[] Args(string folder, params string[] more) => ["stacked", "--layers", "32,16", "--pretrain-iters", "300", "--train-limit", "400", "--test-limit", "100",
            "--labels-per-class", "5", "--finetune", "all", "--finetune-epochs", "30", "--self-training", "2",
            "--data-dir", RealData.DataDir, "--device", "cpu", "--quiet", "--out", folder, .. more];
        string whole = dir.File("whole"), killed = dir.File("killed");
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, GpuaeProcess.Run(Args(whole)).ExitCode);
        var outcome = KilledRun.Run(Args(killed), Args(killed, "--resume"), killed, clock.Elapsed, kills: 4, seed: 11, output);
        Assert.True(outcome.Last.ExitCode == 0, outcome.Last.Stderr);
        Assert.Contains(outcome.ProgressAtResume, p => p > 0);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "model.gae")), File.ReadAllBytes(Path.Combine(killed, "model.gae")));
        Assert.Equal(KilledRun.MetricsWithoutTimes(whole), KilledRun.MetricsWithoutTimes(killed));
        Assert.Equal(File.ReadAllLines(Path.Combine(whole, "pretraining.csv")), File.ReadAllLines(Path.Combine(killed, "pretraining.csv")));
        Assert.Equal(KilledRun.SummaryWithoutTimes(whole).Replace(whole, killed), KilledRun.SummaryWithoutTimes(killed));
    }

    [Fact]
    public void Resume_refuses_options_that_would_change_the_run()
    {
        using var dir = new TempDirectory();
        var r = GpuaeProcess.Run("train", "--resume", dir.Path, "--epochs", "9");
        CliAssert.OneLineUsageError(r, "drop --epochs");
    }

    [Fact]
    public void Resume_of_a_folder_without_state_says_so()
    {
        using var dir = new TempDirectory();
        var r = GpuaeProcess.Run("train", "--resume", dir.Path);
        CliAssert.OneLineUsageError(r, "has no resume.gae");
    }
}
