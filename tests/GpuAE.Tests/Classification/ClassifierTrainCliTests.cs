using System.Text.Json.Nodes;
using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Classification;

/// <summary>`gpuae train` on a classifier model, and the commands that need an autoencoder refusing one.</summary>
public sealed class ClassifierTrainCliTests(ITestOutputHelper output)
{
    [Fact]
    public void Training_lenet_writes_a_classifier_run_folder_with_its_confusion_matrix()
    {
        if (!RealData.Require(output, "mnist")) return;
        string dir = Directory.CreateTempSubdirectory("gpuae-lenet-").FullName;
        var r = GpuaeProcess.Run("train", "--model", "lenet", "--dataset", "mnist", "--data-dir", RealData.DataDir, "--epochs", "1",
            "--train-limit", "1000", "--test-limit", "300", "--optimizer", "adam", "--lr", "0.001", "--device", "cpu", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("noise none", r.Stdout);
        foreach (var f in new[] { "metrics.csv", "summary.json", "model.gae", "confusion.csv", "confusion.svg", "confusion.png", "loss.svg", "loss.png", "accuracy.svg", "accuracy.png" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!;
        Assert.Equal("gpuae-classifier/1", (string?)summary["format"]);
        var counts = summary["confusion_matrix"]!["counts"]!.AsArray();
        Assert.Equal(300, counts.Sum(row => row!.AsArray().Sum(c => (int)c!)));
        Assert.Equal(11, File.ReadAllLines(Path.Combine(dir, "confusion.csv")).Length);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Bench_train_times_a_classifier_against_its_labels()
    {
        var r = GpuaeProcess.Run("bench", "train", "--model", "lenet", "--device", "cpu", "--steps", "2", "--runs", "1", "--warmup", "0",
            "--noise", "none", "--batch", "16", "--data-dir", RealData.DataDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("lenet", r.Stdout);
    }

    [Fact]
    public void A_classifier_with_a_reconstruction_loss_is_refused() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("train", "--model", "lenet", "--loss", "bce"), "lenet is a classifier");

    [Fact]
    public void Sweeping_a_classifier_is_refused() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("sweep", "--model", "lenet", "--out", Path.GetTempPath()), "'lenet' is a classifier");
}
