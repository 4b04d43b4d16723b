using GpuAE.Compute.Cpu;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Training;

namespace GpuAE.Tests.Training;

public sealed class TrainingSessionTests
{
    private readonly CpuAccelerator _acc = new();

    private static Dataset Synthetic(int n) =>
        new("synthetic", "train", TestData.Images(n, 28, 28, 8), new byte[n], KnownDatasets.DigitClassNames);

    private TrainingSession Session(Dataset data, int batch, string optimizer = "sgd", float lr = 0.1f)
    {
        var network = ModelCatalog.Create(new ModelConfig { Name = "dense", Hidden = 64 });
        network.Build(_acc, new TensorShape(1, 28, 28), batch, seed: 1);
        var loss = Loss.Create("bce");
        loss.Build(_acc, network);
        return new TrainingSession(_acc, network, loss, Optimizer.Create(optimizer, lr, 0f), data, NoiseSpec.Parse("mask:0.2"), 1);
    }

    [Fact]
    public void After_the_first_step_a_training_step_allocates_no_device_buffers()
    {
        var data = Synthetic(64);
        using var s = Session(data, 16, "adam", 1e-3f);
        var order = s.ShuffledOrder(1);
        s.Step(order, 0, 16, 1, 0);
        long before = _acc.AllocationCount;
        for (uint b = 1; b < 4; b++) s.Step(order, (int)b * 16, 16, 1, b);
        Assert.Equal(before, _acc.AllocationCount);
    }

    [Fact]
    public void Training_on_one_batch_lowers_its_loss()
    {
        var data = Synthetic(32);
        using var s = Session(data, 32, "sgd", 0.05f);
        var order = Enumerable.Range(0, 32).ToArray();
        s.Step(order, 0, 32, 1, 0);
        double first = s.TakeLossSum();
        for (int i = 0; i < 30; i++) s.Step(order, 0, 32, 1, 0);
        s.TakeLossSum();
        s.Step(order, 0, 32, 1, 0);
        Assert.True(s.TakeLossSum() < 0.9 * first);
    }

    [Fact]
    public void The_epoch_order_is_a_permutation_that_changes_with_the_epoch()
    {
        using var s = Session(Synthetic(100), 10);
        var a = s.ShuffledOrder(1);
        Assert.Equal(Enumerable.Range(0, 100), a.OrderBy(i => i));
        Assert.NotEqual(a, s.ShuffledOrder(2));
        Assert.Equal(a, s.ShuffledOrder(1));
    }

    [Fact]
    public void A_smaller_last_batch_runs_on_buffers_sized_for_the_full_batch()
    {
        var data = Synthetic(20);
        using var s = Session(data, 16);
        var order = s.ShuffledOrder(1);
        s.Step(order, 16, 4, 1, 1);
        Assert.True(double.IsFinite(s.TakeLossSum()));
    }
}

public sealed class RunFolderTests
{
    [Fact]
    public void A_diverged_run_still_writes_its_summary_with_non_finite_metrics_named()
    {
        string dir = Directory.CreateTempSubdirectory("gpuae-diverged-").FullName;
        using var acc = new CpuAccelerator();
        var final = new GpuAE.Metrics.Evaluation(10, "mask:0.2", double.NaN, 0.1, double.PositiveInfinity, 10, double.NaN, 0.5, double.NaN);
        var result = new TrainingResult<GpuAE.Metrics.Evaluation>(new ModelConfig { Name = "dense" }, [], final, 5, 1.0);
        new RunFolder(dir).WriteSummary(new TrainingOptions { Out = dir }, acc, result, "sgd");
        string json = File.ReadAllText(Path.Combine(dir, "summary.json"));
        Assert.Contains("\"NaN\"", json);
        Assert.Contains("\"Infinity\"", json);
        Directory.Delete(dir, recursive: true);
    }
}
