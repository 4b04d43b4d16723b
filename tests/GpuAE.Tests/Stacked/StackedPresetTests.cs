using GpuAE.Reports;
using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Stacked;

/// <summary>The stacked presets of `gpuae reproduce` put the Ogety report's accuracies beside GpuAE's.</summary>
public sealed class StackedPresetTests(ITestOutputHelper output)
{
    [Fact]
    public void The_quick_svm_baseline_preset_compares_the_svm_with_the_stacked_autoencoder()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        using var dir = new TempDirectory();
        var r = GpuaeProcess.Run("reproduce", "svm-baseline", "--quick", "--device", "cpu", "--data-dir", RealData.DataDir, "--out", dir.Path);
        output.WriteLine(r.Stdout);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var table = CsvTable.Load(Path.Combine(dir.Path, "svm-baseline-quick", "comparison.csv"));
        double Ours(double paper) => CsvTable.ParseNumber(table.Rows.Single(row => row[table.ColumnIndex("paper")] == paper.ToString(System.Globalization.CultureInfo.InvariantCulture))[table.ColumnIndex("gpuae")]);
        Assert.InRange(Ours(84.32), 75, 92); // 1000 training / 200 test images: the SVM on pixels
        Assert.InRange(Ours(76.4), 55, 85);  // the stacked autoencoder, softmax on its frozen codes
    }
}
