using GpuAE.Compute.Cpu;
using GpuAE.Data;
using GpuAE.Tests.Compute;
using GpuAE.Training;
using GpuAE.Metrics;
using GpuAE.Noise;
using GpuAE.Optimizers;

namespace GpuAE.Tests.Training;

/// <summary>
/// Each convolutional model trains on a GPU runtime as on the CPU: every conv-family op
/// (conv, transposed conv, pooling, upsampling, batch norm, dropout) in one short run.
/// </summary>
[Collection(AcceleratorCollection.Name)]
public sealed class ConvTrainingParityTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            // GPUs only: ilgpu-cpu costs microseconds per work-item, far too slow for these models;
            // SmallConvTrainingParityTests covers every conv-family op on it.
            foreach (var spec in TrainingRuntimes.Gpus())
            foreach (var model in new[] { "conv-keras", "conv-mnist", "conv-linear", "cnn-keras" }) data.Add(spec, model);
            return data;
        }
    }

    private static bool BatchNormalised(string model) => model is "conv-linear" or "cnn-keras";

    private static Dataset Synthetic(string split, int n, int seed) =>
        new("synthetic", split, TestData.Images(n, 28, 28, seed), new byte[n], KnownDatasets.DigitClassNames);

    private static TrainingResult<Evaluation> Train(GpuAE.Compute.Accelerator acc, string model)
    {
        var options = new TrainingOptions
        {
            // The batch-normalised models train with SGD, not Adam: Adam scales a near-zero gradient
            // (pure rounding noise) up to a full step, so with batch norm any two summation orders
            // (the CPU's own two conv variants included) part by ~1e-3 in test MSE after a few steps.
            // cnn-keras batch-normalises 1x1 maps: a last batch of 2 images (20 = 9 + 9 + 2) would normalise two values per
            // channel, whose near-zero variance turns rounding differences into diverging steps; one batch of 20 keeps it conditioned.
            Model = model, Noise = NoiseSpec.Parse("mask:0.2"), Epochs = 2, Batch = model == "cnn-keras" ? 20 : 9, Seed = 5,
            Optimizer = BatchNormalised(model) ? OptimizerKind.Sgd : OptimizerKind.Adam, LearningRate = BatchNormalised(model) ? 0.01f : 0.003f,
            Out = Directory.CreateTempSubdirectory("gpuae-conv-parity-").FullName,
        };
        try { return Trainer.Run(options, acc, Synthetic("train", 20, 1), Synthetic("test", 11, 2), SilentObserver.Instance); }
        finally { Directory.Delete(options.Out, recursive: true); }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_conv_model_trains_on_a_gpu_runtime_as_on_the_cpu(string spec, string model)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        if (acc is null) return;
        var cpu = Train(new CpuAccelerator(), model);
        var gpu = Train(acc, model);
        for (int e = 0; e < cpu.Epochs.Count; e++)
        {
            output.WriteLine($"{model} epoch {e + 1}: cpu {cpu.Epochs[e].TrainLoss:G7} / {cpu.Epochs[e].Test.MseDenoised:G7}, {spec} {gpu.Epochs[e].TrainLoss:G7} / {gpu.Epochs[e].Test.MseDenoised:G7}");
            Assert.Equal(cpu.Epochs[e].TrainLoss, gpu.Epochs[e].TrainLoss, 1e-4 * cpu.Epochs[e].TrainLoss);
            Assert.Equal(cpu.Epochs[e].Test.MseDenoised, gpu.Epochs[e].Test.MseDenoised, 1e-3 * cpu.Epochs[e].Test.MseDenoised);
        }
    }
}
