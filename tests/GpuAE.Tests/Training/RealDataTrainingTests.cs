using GpuAE.Compute.Cpu;
using GpuAE.Data;
using GpuAE.Tests.Data;
using GpuAE.Training;
using GpuAE.Noise;
using GpuAE.Optimizers;

namespace GpuAE.Tests.Training;

/// <summary>A short run on real Fashion-MNIST must learn to denoise and write its run folder.</summary>
public sealed class RealDataTrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void A_short_run_on_fashion_mnist_raises_denoised_psnr_above_the_noisy_input()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        var train = DatasetStore.Load("fashion-mnist", "train", RealData.DataDir).Take(3000);
        var test = DatasetStore.Load("fashion-mnist", "test", RealData.DataDir).Take(500);
        string dir = Directory.CreateTempSubdirectory("gpuae-run-").FullName;
        var options = new TrainingOptions
        {
            Model = "dense", Hidden = 256, Noise = NoiseSpec.Parse("mask:0.2"), Epochs = 3, Batch = 32, Optimizer = OptimizerKind.Adam,
            LearningRate = 3e-3f, Seed = 1, Out = dir,
        };
        using var acc = new CpuAccelerator();
        var result = Trainer.Run(options, acc, train, test, SilentObserver.Instance);
        foreach (var e in result.Epochs) output.WriteLine(e.ToCsv());

        Assert.True(result.Final.PsnrDenoised > result.Final.PsnrNoisy + 1.0,
            $"denoised PSNR {result.Final.PsnrDenoised:F2} dB vs noisy {result.Final.PsnrNoisy:F2} dB");
        Assert.True(result.Epochs[^1].Test.PsnrDenoised > result.Epochs[0].Test.PsnrDenoised);
        foreach (var file in new[] { "metrics.csv", "summary.json", "model.gae", "loss.svg", "loss.png", "samples.png" })
            Assert.True(File.Exists(Path.Combine(dir, file)), $"{file} missing from the run folder");
        Assert.Equal(4, File.ReadAllLines(Path.Combine(dir, "metrics.csv")).Length);
        Directory.Delete(dir, recursive: true);
    }
}
