using System.Text.Json.Nodes;
using GpuAE.Checkpoints;
using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Models;
using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Classification;

/// <summary>
/// `gpuae classify` end to end on real MNIST with small limits. The checkpoints hold freshly
/// initialised weights: these tests check the plumbing and the files, not accuracy.
/// </summary>
public sealed class ClassifyCliTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string SaveUntrained(string model)
    {
        var config = new ModelConfig { Name = model, Loss = ModelCatalog.Find(model).DefaultLoss };
        using var acc = new CpuAccelerator();
        using var network = ModelCatalog.Create(config);
        network.Build(acc, new TensorShape(1, 28, 28), 2, seed: 5);
        string path = _dir.File($"{model}.gae");
        Checkpoint.Save(path, config, network);
        return path;
    }

    private GpuaeProcess.Result Classify(params string[] args)
    {
        var r = GpuaeProcess.Run(["classify", "--dataset", "mnist", "--data-dir", RealData.DataDir, "--device", "cpu", .. args]);
        output.WriteLine(r.Stdout);
        output.WriteLine(r.Stderr);
        return r;
    }

    [Fact]
    public void Classify_with_a_denoiser_reports_clean_noisy_and_denoised_accuracy_and_writes_every_file()
    {
        if (!RealData.Require(output, "mnist")) return;
        string outDir = _dir.File("run");
        var r = Classify("--classifier", SaveUntrained("lenet"), "--denoiser", SaveUntrained("alexnet-dae"), "--noise", "saltpepper:0.2",
            "--test-limit", "150", "--batch", "64", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Matches(@"accuracy\s+\S+ %\s+\S+ %\s+\S+ %", r.Stdout);
        foreach (var condition in new[] { "clean", "noisy", "denoised" })
        {
            Assert.Contains($"confusion matrix, {condition} (150 images", r.Stdout);
            Assert.Equal(11, File.ReadAllLines(Path.Combine(outDir, $"confusion-{condition}.csv")).Length);
            Assert.True(File.Exists(Path.Combine(outDir, $"confusion-{condition}.svg")));
            Assert.True(File.Exists(Path.Combine(outDir, $"confusion-{condition}.png")));
        }
        Assert.True(File.Exists(Path.Combine(outDir, "accuracy.svg")));
        Assert.True(File.Exists(Path.Combine(outDir, "accuracy.png")));
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")))!;
        Assert.Equal("gpuae-classify/1", (string?)summary["format"]);
        Assert.Equal("alexnet-dae", (string?)summary["inputs"]!["denoiser"]!["model"]);
        Assert.Equal(150, (int)summary["denoised"]!["images"]!);
    }

    [Fact]
    public void Classify_without_a_denoiser_writes_only_the_clean_and_noisy_conditions()
    {
        if (!RealData.Require(output, "mnist")) return;
        string outDir = _dir.File("run");
        var r = Classify("--classifier", SaveUntrained("lenet"), "--noise", "mask:0.5", "--test-limit", "40", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.True(File.Exists(Path.Combine(outDir, "confusion-noisy.csv")));
        Assert.False(File.Exists(Path.Combine(outDir, "confusion-denoised.csv")));
        Assert.Null(JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")))!["denoised"]);
    }

    [Fact]
    public void Folds_cross_validate_on_the_training_split_and_report_each_fold_and_the_mean()
    {
        if (!RealData.Require(output, "mnist")) return;
        string outDir = _dir.File("folds");
        var r = Classify("--classifier", SaveUntrained("lenet"), "--denoiser", SaveUntrained("vgg-dae"), "--noise", "saltpepper:0.2",
            "--folds", "3", "--train-limit", "90", "--epochs", "1", "--batch", "32", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("fold 3/3: training lenet on 60 images, holding out 30", r.Stdout);
        Assert.Matches(@"mean\s+\d+\.\d\d±\d+\.\d\d", r.Stdout);
        var folds = File.ReadAllLines(Path.Combine(outDir, "folds.csv"));
        Assert.Equal(4, folds.Length);
        Assert.StartsWith("fold,train_images,held_out_images,clean_accuracy,noisy_accuracy,denoised_accuracy", folds[0]);
        var denoised = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")))!["denoised"]!;
        Assert.NotNull(denoised["fold_accuracy_mean"]);
        Assert.NotNull(denoised["fold_accuracy_std"]);
        Assert.Equal(90, (int)denoised["images"]!);
    }

    [Fact]
    public void Folds_can_train_on_denoised_images()
    {
        if (!RealData.Require(output, "mnist")) return;
        string outDir = _dir.File("folds-denoised");
        var r = Classify("--classifier", SaveUntrained("lenet"), "--denoiser", SaveUntrained("vgg-dae"), "--noise", "saltpepper:0.2",
            "--folds", "2", "--fold-train", "denoised", "--train-limit", "40", "--epochs", "1", "--batch", "32", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("denoising the 40 training images (noise saltpepper:0.2)", r.Stdout);
        Assert.Contains("fold 2/2: training lenet on 20 denoised images, holding out 20", r.Stdout);
        Assert.Equal("denoised", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")))!["configuration"]!["FoldTrain"]);
    }

    [Fact]
    public void Training_the_folds_on_denoised_images_without_a_denoiser_is_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("classify", "--classifier", SaveUntrained("lenet"), "--folds", "2", "--fold-train", "denoised"),
            "--fold-train denoised needs --denoiser");

    [Fact]
    public void Fold_training_without_folds_is_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("classify", "--classifier", SaveUntrained("lenet"), "--fold-train", "denoised"), "--fold-train needs --folds K");

    [Fact]
    public void A_denoiser_given_as_the_classifier_is_a_one_line_error()
    {
        var r = GpuaeProcess.Run("classify", "--classifier", SaveUntrained("vgg-dae"), "--dataset", "mnist");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("gpuae: --classifier: checkpoint '" + _dir.File("vgg-dae.gae") + "' holds vgg-dae, a denoising autoencoder; --classifier needs a classifier checkpoint",
            r.Stderr.Trim());
    }

    [Fact]
    public void A_classifier_given_as_the_denoiser_is_a_one_line_error()
    {
        var r = GpuaeProcess.Run("classify", "--classifier", SaveUntrained("lenet"), "--denoiser", SaveUntrained("resnet-small"), "--dataset", "mnist");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--denoiser: checkpoint", r.Stderr);
        Assert.Contains("holds resnet-small, a classifier", r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("1", "gpuae: --folds must be at least 2, got 1")]
    [InlineData("-3", "gpuae: --folds must be at least 2, got -3")]
    public void A_fold_count_below_2_is_a_one_line_error(string folds, string message)
    {
        var r = GpuaeProcess.Run("classify", "--classifier", SaveUntrained("lenet"), "--folds", folds);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(message, r.Stderr.Trim());
    }

    [Fact]
    public void An_unknown_learning_rate_schedule_for_the_folds_is_a_one_line_error()
    {
        var r = GpuaeProcess.Run("classify", "--classifier", SaveUntrained("lenet"), "--folds", "2", "--lr-schedule", "wobbly");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("gpuae: --lr-schedule: 'wobbly' is not constant, cosine or step:E:F", r.Stderr.Trim());
    }

    [Fact]
    public void More_folds_than_training_images_is_a_one_line_error()
    {
        if (!RealData.Require(output, "mnist")) return;
        var r = Classify("--classifier", SaveUntrained("lenet"), "--folds", "5", "--train-limit", "4");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("gpuae: --folds 5: only 4 training images to share among the folds", r.Stderr.Trim());
    }
}
