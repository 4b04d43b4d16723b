using GpuAE.Reproduce;
using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Reproduce;

public sealed class ReproduceTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_preset_of_the_seed_papers_is_listed() =>
        Assert.Equal(["dense-lr", "dense-hidden", "dense-noise", "conv-saltpepper", "conv-noise-types", "conv-gaussian-sigma",
                "stacked-lr", "stacked-labels", "stacked-noise", "svm-baseline", "conv-mnist-gaussian", "deep-denoise-classify"],
            Experiments.All.Select(p => p.Name));

    [Fact]
    public void An_unknown_experiment_is_a_one_line_error()
    {
        var r = GpuaeProcess.Run("reproduce", "dense-magic", "--quick");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown experiment 'dense-magic'", r.Stderr);
    }

    [Fact]
    public void The_quick_conv_salt_and_pepper_preset_puts_the_papers_losses_beside_ours()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        string dir = Directory.CreateTempSubdirectory("gpuae-reproduce-").FullName;
        var r = GpuaeProcess.Run("reproduce", "conv-saltpepper", "--quick", "--device", "cpu", "--data-dir", RealData.DataDir, "--out", dir);
        output.WriteLine(r.Stdout);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var rows = File.ReadAllLines(Path.Combine(dir, "conv-saltpepper-quick", "comparison.csv"));
        Assert.Contains(rows, l => l.Contains("\"conv-keras\",validation loss (MSE),0.01255,"));
        Assert.Contains(rows, l => l.Contains("\"cnn-keras\",train loss (MSE),0.0187,"));
        Assert.True(File.Exists(Path.Combine(dir, "conv-saltpepper-quick", "conv-keras", "samples.png")));
        Directory.Delete(dir, recursive: true);
    }
}
