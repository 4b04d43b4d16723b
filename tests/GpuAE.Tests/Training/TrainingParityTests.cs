using GpuAE.Compute.Cpu;
using GpuAE.Data;
using GpuAE.Tests.Compute;
using GpuAE.Training;
using GpuAE.Metrics;
using GpuAE.Noise;
using GpuAE.Optimizers;

namespace GpuAE.Tests.Training;

/// <summary>A short training run on a GPU runtime follows the CPU run's loss curve within float tolerance.</summary>
[Collection(AcceleratorCollection.Name)] // the shared accelerators are not thread-safe
public sealed class TrainingParityTests(ITestOutputHelper output)
{
    private static Dataset Synthetic(string split, int n, int seed) =>
        new("synthetic", split, TestData.Images(n, 28, 28, seed), new byte[n], KnownDatasets.DigitClassNames);

    /// <summary>Three epochs of 300 images; on the emulator (ilgpu-cpu, microseconds per work-item) two epochs of 20, hidden 16.</summary>
    private static TrainingResult<Evaluation> Train(GpuAE.Compute.Accelerator acc, string optimizer, float lr, bool small, bool graph = false)
    {
        var options = new TrainingOptions
        {
            StepGraph = graph,
            Model = "dense", Hidden = small ? 16 : 48, Noise = NoiseSpec.Parse("gaussian:0.3"), Epochs = small ? 2 : 3, Batch = small ? 10 : 37, Optimizer = OptimizerSpec.ParseKind(optimizer),
            LearningRate = lr, Seed = 5, Out = Directory.CreateTempSubdirectory("gpuae-parity-").FullName,
        };
        try { return Trainer.Run(options, acc, Synthetic("train", small ? 20 : 300, 1), Synthetic("test", small ? 4 : 70, 2), SilentObserver.Instance); }
        finally { Directory.Delete(options.Out, recursive: true); }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void Training_on_a_gpu_runtime_matches_the_cpu_loss_curve(string spec)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        if (acc is null) return;
        foreach (var (optimizer, lr) in new[] { ("sgd", 0.1f), ("adam", 0.003f) })
        {
            bool small = AcceleratorSpecs.IsEmulated(spec);
            var cpu = Train(new CpuAccelerator(), optimizer, lr, small);
            var gpu = Train(acc, optimizer, lr, small);
            for (int e = 0; e < cpu.Epochs.Count; e++)
            {
                output.WriteLine($"{optimizer} epoch {e + 1}: cpu {cpu.Epochs[e].TrainLoss:G7} / {cpu.Epochs[e].Test.MseDenoised:G7}, {spec} {gpu.Epochs[e].TrainLoss:G7} / {gpu.Epochs[e].Test.MseDenoised:G7}");
                Assert.Equal(cpu.Epochs[e].TrainLoss, gpu.Epochs[e].TrainLoss, 1e-4 * cpu.Epochs[e].TrainLoss);
                Assert.Equal(cpu.Epochs[e].Test.MseDenoised, gpu.Epochs[e].Test.MseDenoised, 1e-3 * cpu.Epochs[e].Test.MseDenoised);
                Assert.Equal(cpu.Epochs[e].Test.SsimDenoised, gpu.Epochs[e].Test.SsimDenoised, 1e-3);
            }
        }
    }

    /// <summary>Full-batch steps recorded once as a CUDA graph and replayed train as the CPU does (GPUs only; elsewhere this is the eager run again).</summary>
    [Theory]
    [MemberData(nameof(Gpus))]
    public void Training_with_a_recorded_step_graph_matches_the_cpu_loss_curve(string spec)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        var cpu = Train(new CpuAccelerator(), "adam", 0.003f, small: false);
        var gpu = Train(acc, "adam", 0.003f, small: false, graph: true);
        for (int e = 0; e < cpu.Epochs.Count; e++)
        {
            output.WriteLine($"epoch {e + 1}: cpu {cpu.Epochs[e].TrainLoss:G7}, {spec} with graph {gpu.Epochs[e].TrainLoss:G7}");
            Assert.Equal(cpu.Epochs[e].TrainLoss, gpu.Epochs[e].TrainLoss, 1e-4 * cpu.Epochs[e].TrainLoss);
            Assert.Equal(cpu.Epochs[e].Test.MseDenoised, gpu.Epochs[e].Test.MseDenoised, 1e-3 * cpu.Epochs[e].Test.MseDenoised);
        }
    }

    public static TheoryData<string> Gpus => new(TrainingRuntimes.Gpus());
}
