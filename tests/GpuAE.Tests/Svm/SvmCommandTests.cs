using System.Text.Json.Nodes;
using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Svm;

/// <summary>`gpuae svm` as a user runs it: mistakes are one line and exit 2; a run writes its outputs.</summary>
public sealed class SvmCommandTests(ITestOutputHelper output)
{
    [Fact]
    public void A_zero_c_is_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("svm", "--c", "0"), "--c must be a positive number, got 0");

    [Fact]
    public void A_negative_gamma_is_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("svm", "--gamma", "-1"), "--gamma must be a positive number");

    [Fact]
    public void Stacked_features_of_a_missing_checkpoint_are_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("svm", "--features", "stacked:no/such/model.gae"), "checkpoint 'no/such/model.gae' not found");

    [Fact]
    public void A_run_writes_a_summary_and_a_confusion_chart()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        string outDir = Path.Combine(Directory.CreateTempSubdirectory("gpuae-svm-").FullName, "svm");
        var r = GpuaeProcess.Run("svm", "--data-dir", RealData.DataDir, "--train-limit", "300", "--test-limit", "100", "--out", outDir);
        output.WriteLine(r.Stdout + r.Stderr);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("test accuracy", r.Stdout);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")))!;
        Assert.Equal("gpuae-svm/1", (string?)summary["format"]);
        Assert.Equal(100, summary["confusion_matrix"]!["counts"]!.AsArray().Sum(row => row!.AsArray().Sum(v => (int)v!)));
        Assert.Equal(10, summary["per_class_accuracy"]!.AsArray().Count);
        Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(outDir, "confusion.svg")).TrimStart().Split('\n').First(l => l.Contains("<svg")).TrimStart());
    }
}
