using System.Diagnostics;
using GpuAE.Compute;
using GpuAE.Compute.Tuning;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Training;

namespace GpuAE.Benchmarks;

/// <summary>One measured setting of `gpuae bench train`.</summary>
public sealed record TrainingBenchmarkResult(
    string Model, string Device, int Batch, string Optimizer, string Noise, int StepsPerRun, int Runs,
    double MedianImagesPerSecond, double MinImagesPerSecond, double MaxImagesPerSecond, double MedianStepMilliseconds,
    long PeakResidentBytes, long PeakDeviceBytes, long DeviceAllocationsAfterFirstStep, double HostBytesPerStep,
    double KernelLaunchesPerStep, bool Graph, IReadOnlyList<string> KernelChoices,
    string Batches, double UploadsPerStep, double DownloadsPerStep, bool Fused);

/// <summary>
/// Times full training steps (batch, noise, forward, backward, optimizer) after a warm-up:
/// `runs` timed runs of `steps` steps each, reporting the median images/s. Before the warm-up the
/// hot ops' variants are tuned on the model's shapes (KernelTuner, cached per device) unless
/// `--kernels` chose them. Also reports the kernel launches per step (they decide small-model
/// speed on a GPU), how the batch reaches the device (gathered from a split kept there, or copied
/// from the host: `hostBatches` forces the host copy, to compare) with the accelerator's count of
/// uploads and downloads per step, and checks the memory discipline: device allocations and host
/// bytes allocated per step after the first. `fuse: false` runs every layer on its own (Network.FuseLayers), to compare.
/// </summary>
public static class TrainingBenchmark
{
    /// <summary>Untimed steps last at least this long (unless none are asked for), so the timed runs see compiled code (Timing.WarmUp).</summary>
    public const int WarmUpMilliseconds = 3000;

    public static TrainingBenchmarkResult Run(Accelerator acc, Dataset data, string model, int batch, string optimizer,
        float learningRate, string noise, int warmup, int steps, int runs, ulong seed = 1, TuningCache? tuning = null, bool? graph = null, bool hostBatches = false, bool fuse = true)
    {
        var entry = ModelCatalog.Find(model);
        var config = new ModelConfig { Name = entry.Name, InputHeight = data.Height, InputWidth = data.Width, Loss = entry.DefaultLoss };
        using var network = ModelCatalog.Create(config);
        network.FuseLayers = fuse;
        network.Build(acc, new TensorShape(1, data.Height, data.Width), batch, seed);
        using var loss = Loss.Create(config.Loss);
        loss.Build(acc, network);
        using var opt = Optimizer.Create(optimizer, learningRate, 0f);
        using var session = new TrainingSession(acc, network, loss, opt, data, NoiseSpec.Parse(noise), seed,
            residence: hostBatches ? SplitResidence.Host("asked for") : null);
        session.UseStepGraph(graph); // as train does: where the device records graphs, unless told
        var order = session.ShuffledOrder(1);
        int batches = Math.Max(1, data.Count / batch);
        uint step = 0;
        void OneStep()
        {
            int b = (int)(step % (uint)batches);
            session.Step(order, b * batch, batch, 1, step);
            step++;
        }

        OneStep();
        var choices = tuning is null ? [] : KernelTuner.TuneStep(acc, OneStep, tuning);
        OneStep();
        long allocationsAfterFirst = acc.AllocationCount;
        Timing.WarmUp(OneStep, warmup, WarmUpMilliseconds);
        acc.Synchronize();
        long hostBefore = GC.GetTotalAllocatedBytes(precise: true), launchesBefore = acc.LaunchCount, uploadsBefore = acc.UploadCount, downloadsBefore = acc.DownloadCount;
        var rates = new List<double>();
        var stepMs = new List<double>();
        for (int r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < steps; i++) OneStep();
            acc.Synchronize();
            double seconds = clock.Elapsed.TotalSeconds;
            rates.Add(steps * batch / seconds);
            stepMs.Add(seconds * 1000 / steps);
        }
        double hostPerStep = (GC.GetTotalAllocatedBytes(precise: true) - hostBefore) / (double)(steps * runs);
        double launchesPerStep = (acc.LaunchCount - launchesBefore) / (double)(steps * runs);
        double uploadsPerStep = (acc.UploadCount - uploadsBefore) / (double)(steps * runs);
        double downloadsPerStep = (acc.DownloadCount - downloadsBefore) / (double)(steps * runs);
        session.TakeLossSum();
        return new TrainingBenchmarkResult(entry.Name, acc.Info.Spec, batch, opt.Name, noise, steps, runs,
            Timing.Median(rates), rates.Min(), rates.Max(), Timing.Median(stepMs),
            Timing.PeakResidentBytes(), acc.PeakAllocatedBytes, acc.AllocationCount - allocationsAfterFirst, hostPerStep,
            launchesPerStep, session.GraphReplaying, [.. choices.Select(c => c.ToString()), .. (graph != false && session.GraphNote is string note ? [$"step graph: not used ({note})"] : Array.Empty<string>())],
            session.Feeder.Residence.Path, uploadsPerStep, downloadsPerStep, fuse);
    }
}
