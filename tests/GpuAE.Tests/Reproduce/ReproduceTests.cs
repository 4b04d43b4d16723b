using System.Text.Json.Nodes;
using GpuAE.Compute.Cpu;
using GpuAE.Reports;
using GpuAE.Reproduce;
using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;
using GpuAE.Training;

namespace GpuAE.Tests.Reproduce;

/// <summary>
/// `gpuae reproduce`: the presets, the command line, and GpuAE's own numbers in quick presets, each
/// held to a band that a broken model, noise or loss would miss.
/// </summary>
public sealed class ReproduceTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_preset_of_the_five_studies_is_listed() =>
        Assert.Equal(["dense-lr", "dense-hidden", "dense-noise", "conv-saltpepper", "conv-noise-types", "conv-gaussian-sigma",
                "stacked-lr", "stacked-labels", "stacked-noise", "svm-baseline", "conv-mnist-gaussian", "deep-denoise-classify"],
            Experiments.All.Select(p => p.Name));

    [Fact]
    public void Only_the_group2_preset_waits_for_a_gpu_at_full_size() =>
        Assert.Equal(["deep-denoise-classify"], Experiments.All.Where(p => p.NeedsGpu is not null).Select(p => p.Name));

    [Theory]
    [InlineData("dense-magic", "--quick", "unknown experiment 'dense-magic'")]
    [InlineData("stacked-lr", "--recipe=fancy", "--recipe: 'fancy' is not paper or best")]
    [InlineData("stacked-lr", "--seeds=0", "--seeds: '0'")]
    [InlineData("results", "--quick", "reproduce results: give the folder")]
    [InlineData("deep-denoise-classify", "--real-size", "--real-size goes with --quick")]
    public void A_bad_reproduce_command_is_a_one_line_error(string experiment, string option, string message)
    {
        var r = GpuaeProcess.Run("reproduce", experiment, option);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Quick_conv_mnist_gaussian_over_two_seeds_denoises_by_4_db_and_reports_mean_sd_and_interval()
    {
        if (!RealData.Require(output, "mnist")) return;
        using var dir = new TempDirectory();
        var r = GpuaeProcess.Run("reproduce", "conv-mnist-gaussian", "--quick", "--seeds", "1-2", "--device", "cpu", "--data-dir", RealData.DataDir, "--out", dir.Path);
        output.WriteLine(r.Stdout);
        Assert.True(r.ExitCode == 0, r.Stderr);
        string folder = Path.Combine(dir.Path, "conv-mnist-gaussian-quick");
        var table = CsvTable.Load(Path.Combine(folder, "comparison.csv"));
        string[] Row(string quantity) => table.Rows.Single(row => row[table.ColumnIndex("quantity")] == quantity);
        double Value(string quantity, string column) => CsvTable.ParseNumber(Row(quantity)[table.ColumnIndex(column)]);

        Assert.Equal(2, Value("test PSNR, denoised (dB)", "seeds"));
        Assert.True(Value("test PSNR, denoised (dB)", "gpuae_sd") > 0, "two seeds give two different runs");
        double noisy = 9.37; // PSNR of MNIST test images under gaussian:0.5, clipped (same on every seed to 0.05 dB)
        Assert.InRange(Value("test PSNR, denoised (dB)", "gpuae"), noisy + 4, 30);
        Assert.Equal(1568, Value("bottleneck size (values)", "gpuae"));
        Assert.Equal(1568, Value("bottleneck size (values)", "paper"));
        Assert.True(File.Exists(Path.Combine(folder, "seed-2", "conv-mnist", "per-class.csv")));
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, ReproduceRunner.RecordFile)))!;
        Assert.Equal("quick", record["scale"]!.GetValue<string>());
        Assert.Contains("cores", record["machine"]!.GetValue<string>());
    }

    [Fact]
    public void Quick_stacked_lr_classifies_fashion_mnist_between_60_and_85_percent_beside_table_1()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        using var dir = new TempDirectory();
        using var acc = new CpuAccelerator();
        var c = new ReproduceContext(acc, RealData.DataDir, dir.Path, quick: true, SilentObserver.Instance);
        StackedExperiments.LearningRate(c);
        var test = c.Rows.Single(r => r.Setting == "lr=0.1" && r.Quantity == "test accuracy (%)");
        Assert.Equal(72, test.Paper);
        Assert.InRange(test.GpuAE!.Value, 60, 85); // chance is 10 %; a softmax on a broken stack stays far below 60
        Assert.InRange(c.Rows.Single(r => r.Setting == "lr=0.1" && r.Quantity == "training accuracy (%)").GpuAE!.Value, 60, 90);
    }

    [Fact]
    public void Quick_conv_noise_types_reconstructs_its_input_so_gaussian_noise_of_sigma_1_adds_about_1_to_the_loss()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        using var dir = new TempDirectory();
        using var acc = new CpuAccelerator();
        var c = new ReproduceContext(acc, RealData.DataDir, dir.Path, quick: true, SilentObserver.Instance);
        Cs307Experiments.NoiseTypes(c);
        double Loss(string noise) => c.Rows.Single(r => r.Setting == noise && r.Quantity.StartsWith("average test loss, epoch 2")).GpuAE!.Value;
        // The report's Table 1: 1.598 - 0.599 = 1.0 = sigma^2, the noise no 4-unit code can reproduce.
        Assert.InRange(Loss("gaussian:1") - Loss("none"), 0.8, 1.2);
        Assert.InRange(Loss("none"), 0.56, 2.0);
        var knn = c.Rows.Single(r => r.Setting == "none" && r.Quantity == "t-SNE kNN accuracy, k=10 (%)");
        Assert.InRange(knn.GpuAE!.Value, 20, 100); // chance is 10 %
        Assert.All(c.Rows.Where(r => r.IsFigure && r.Figure is not null), r => Assert.True(File.Exists(Path.Combine(dir.Path, r.Figure!)), r.Figure));
    }
}
