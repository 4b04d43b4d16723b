using GpuAE.Classification;
using GpuAE.Compute;
using GpuAE.Compute.Cpu;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Tests.Compute;
using GpuAE.Training;

namespace GpuAE.Tests.Classification;

/// <summary>
/// Every new model trains on every accelerator, and a GPU runtime's losses follow the CPU's.
/// SGD rather than Adam: with batch norm, Adam blows rounding noise in near-zero gradients up to
/// full steps (see ConvTrainingParityTests).
/// </summary>
[Collection(AcceleratorCollection.Name)]
public sealed class DeepModelTrainingTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var spec in AcceleratorSpecs.Specs().Where(s => !AcceleratorSpecs.IsEmulated(s))) // too slow on ilgpu-cpu: see TrainingRuntimes
            foreach (var model in DeepModelTests.Classifiers.Concat(DeepModelTests.Denoisers)) data.Add(spec, model);
            return data;
        }
    }

    private static Dataset Synthetic(string split, int n, int seed) =>
        new("synthetic", split, TestData.Images(n, 28, 28, seed), Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray(), KnownDatasets.DigitClassNames);

    /// <summary>Two epochs on 20 images in batches of 9 (a short last batch); the per-epoch train losses.</summary>
    private static double[] Train(Accelerator acc, string model)
    {
        var train = Synthetic("train", 20, 1);
        var test = Synthetic("test", 11, 2);
        if (ModelCatalog.Find(model).IsClassifier)
        {
            using var network = ModelCatalog.Create(new ModelConfig { Name = model });
            network.Build(acc, new TensorShape(1, 28, 28), 9, seed: 5);
            using var optimizer = Optimizer.Create("sgd", 0.01f, 0.9f);
            var fit = FitLoop.FitClassifier(acc, network, optimizer, train, test, new FitSettings(2, 0.01f, LearningRateSchedule.Constant), NoiseSpec.Parse("saltpepper:0.1"), 5, SilentObserver.Instance);
            return fit.Epochs.Select(e => e.TrainLoss).ToArray();
        }
        var options = new TrainingOptions
        {
            // The loss sums over a sample's 784 pixels, so a step is 784 times a per-pixel mean's: lr 1e-3 keeps it stable.
            Model = model, Noise = NoiseSpec.Parse("saltpepper:0.1"), Epochs = 2, Batch = 9, Seed = 5, Optimizer = OptimizerKind.Sgd, LearningRate = 1e-3f,
            Out = Directory.CreateTempSubdirectory("gpuae-deep-train-").FullName,
        };
        try { return Trainer.Run(options, acc, train, test, SilentObserver.Instance).Epochs.Select(e => e.TrainLoss).ToArray(); }
        finally { Directory.Delete(options.Out, recursive: true); }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Model_trains_with_finite_losses_and_a_gpu_runtime_follows_the_cpu(string spec, string model)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        if (acc is null) return;
        var losses = Train(acc, model);
        output.WriteLine($"{model} on {spec}: train loss per epoch {string.Join(", ", losses.Select(l => l.ToString("G7")))}");
        Assert.All(losses, l => Assert.True(double.IsFinite(l) && l > 0, $"loss {l}"));
        if (spec == "cpu") return;
        var cpu = Train(new CpuAccelerator(), model);
        for (int e = 0; e < cpu.Length; e++) Assert.Equal(cpu[e], losses[e], 1e-3 * cpu[e]);
    }
}
