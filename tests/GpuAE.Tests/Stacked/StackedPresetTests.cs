using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Stacked;

/// <summary>The stacked presets of `gpuae reproduce` put the Ogety report's accuracies beside GpuAE's.</summary>
public sealed class StackedPresetTests(ITestOutputHelper output)
{
    private static string[] Comparison(string dir, string preset) => File.ReadAllLines(Path.Combine(dir, preset + "-quick", "comparison.csv"));

    [Fact]
    public void The_quick_svm_baseline_preset_compares_the_svm_with_the_stacked_autoencoder()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        string dir = Directory.CreateTempSubdirectory("gpuae-stacked-reproduce-").FullName;
        var r = GpuaeProcess.Run("reproduce", "svm-baseline", "--quick", "--device", "cpu", "--data-dir", RealData.DataDir, "--out", dir);
        output.WriteLine(r.Stdout);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var rows = Comparison(dir, "svm-baseline");
        Assert.Contains(rows, l => l.Contains("raw pixels\",test accuracy (%),84.32,"));
        Assert.Contains(rows, l => l.Contains("finetune softmax\",test accuracy (%),76.4,"));
        Directory.Delete(dir, recursive: true);
    }
}
