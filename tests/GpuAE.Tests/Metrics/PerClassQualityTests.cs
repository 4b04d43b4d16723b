using GpuAE.Compute.Cpu;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Metrics;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Metrics;

public sealed class PerClassQualityTests
{
    [Fact]
    public void Per_class_rows_add_up_to_the_whole_split_as_the_evaluator_measures_it()
    {
        using var acc = new CpuAccelerator();
        var labels = Enumerable.Range(0, 30).Select(i => (byte)(i % 3)).ToArray();
        var data = new Dataset("synthetic", "test", TestData.Images(30, 28, 28, 4), labels, KnownDatasets.DigitClassNames);
        using var network = ModelCatalog.Create(new ModelConfig { Name = "dense", Hidden = 20 });
        network.Build(acc, new TensorShape(1, 28, 28), 8, seed: 2);
        var noise = NoiseSpec.Parse("mask:0.3");

        var quality = PerClassQuality.Measure(acc, network, data, noise, seed: 9);
        using var loss = Loss.Create(LossKind.Bce);
        loss.Build(acc, network);
        using var evaluator = new Evaluator(acc, network, loss);
        using var feeder = new BatchFeeder(acc, data, network.MaxBatch);
        var whole = evaluator.Denoising(data, noise, 9, feeder);

        Assert.Equal([0, 1, 2], quality.Classes.Select(c => c.Class));
        Assert.All(quality.Classes, c => Assert.Equal(10, c.Count));
        Assert.Equal(whole.PsnrDenoised, quality.All.PsnrDenoised, 9);
        Assert.Equal(whole.SsimNoisy, quality.All.SsimNoisy, 6); // the evaluator sums SSIM on the device in float
        Assert.Equal(quality.All.PsnrDenoised, quality.Classes.Average(c => c.PsnrDenoised), 9);
        using var dir = new TempDirectory();
        quality.Write(dir.Path);
        Assert.Equal(5, File.ReadAllLines(dir.File(PerClassQuality.FileName)).Length);
    }
}
