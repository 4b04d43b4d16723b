using System.Diagnostics;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Models;
using GpuAE.Optimizers;

namespace GpuAE.Benchmarks;

/// <summary>Median milliseconds of one layer's forward and backward pass in a training step.</summary>
public sealed record LayerTiming(int Index, string Layer, double ForwardMs, double BackwardMs);

/// <summary>The per-layer split of a training step, plus the loss and optimizer times.</summary>
public sealed record LayerProfileResult(string Model, string Device, int Batch, IReadOnlyList<LayerTiming> Layers, double LossMs, double OptimizerMs)
{
    public double TotalMs => Layers.Sum(l => l.ForwardMs + l.BackwardMs) + LossMs + OptimizerMs;
}

/// <summary>
/// `gpuae bench train --layers`: where a training step's time goes. Runs the step one layer at a
/// time (a fused pair as one piece, timed on its first layer) on a fixed batch, waiting for the device after each piece (so GPU times include the
/// launch and the wait, and sum to more than a pipelined step), and reports medians over steps.
/// </summary>
public static class LayerProfile
{
    public static LayerProfileResult Run(Accelerator acc, Dataset data, string model, int batch, string optimizer, float learningRate, int warmup, int steps, ulong seed = 1, bool fuse = true)
    {
        var entry = ModelCatalog.Find(model);
        var config = new ModelConfig { Name = entry.Name, InputHeight = data.Height, InputWidth = data.Width, Loss = entry.DefaultLoss };
        using var network = ModelCatalog.Create(config);
        network.FuseLayers = fuse;
        batch = Math.Min(batch, data.Count);
        network.Build(acc, new TensorShape(1, data.Height, data.Width), batch, seed);
        using var loss = Loss.Create(config.Loss);
        loss.Build(acc, network);
        using var opt = Optimizer.Create(optimizer, learningRate, 0f);
        using var images = acc.Allocate(batch * data.Height * data.Width);
        using var labels = acc.Allocate(batch);
        images.Upload(data.Images.AsSpan(0, batch * data.Height * data.Width));
        labels.Upload(data.Labels.Take(batch).Select(l => (float)l).ToArray());
        var target = entry.IsClassifier ? labels : images;

        int n = network.Layers.Count;
        var forward = Enumerable.Range(0, n).Select(_ => new List<double>()).ToArray();
        var backward = Enumerable.Range(0, n).Select(_ => new List<double>()).ToArray();
        var lossMs = new List<double>();
        var optMs = new List<double>();
        var notes = Enumerable.Range(0, n).Select(_ => new SortedSet<string>()).ToArray(); // where a fused layer's passes are timed
        // The network's own steps, so that a fused pair is timed as one piece (on its first layer).
        void Step(bool record)
        {
            var x = images;
            for (int i = 0; i < n;)
            {
                int at = i, ran = 0;
                var input = x;
                Time(acc, record ? forward[at] : null, () => ran = network.ForwardAt(at, input, batch, training: true));
                for (int j = at + 1; j < at + ran; j++) notes[j].Add($"fwd in #{at}");
                i += ran;
                x = network.Layers[i - 1].Output;
            }
            LossGradient g = default;
            Time(acc, record ? lossMs : null, () => g = loss.Compute(network, target, batch));
            var grad = g.Gradient;
            for (int i = g.Layer; i >= 0;)
            {
                int at = i, ran = 0;
                var dy = grad;
                DeviceBuffer? below = null;
                Time(acc, record ? backward[at] : null, () => (ran, below) = network.BackwardAt(at, dy, batch));
                for (int j = at - ran + 1; j < at; j++) notes[j].Add($"bwd in #{at}");
                i -= ran;
                grad = below!;
            }
            Time(acc, record ? optMs : null, () => opt.Step(acc, network.Parameters));
        }
        Timing.WarmUp(() => Step(record: false), warmup, TrainingBenchmark.WarmUpMilliseconds);
        for (int step = 0; step < steps; step++) Step(record: true);
        var layers = Enumerable.Range(0, n).Select(i => new LayerTiming(i, network.Layers[i].Describe() + (notes[i].Count == 0 ? "" : $" ({string.Join(", ", notes[i])})"),
            forward[i].Count == 0 ? 0 : Timing.Median(forward[i]), backward[i].Count == 0 ? 0 : Timing.Median(backward[i]))).ToList();
        return new LayerProfileResult(entry.Name, acc.Info.Spec, batch, layers, Timing.Median(lossMs), Timing.Median(optMs));
    }

    private static void Time(Accelerator acc, List<double>? into, Action work)
    {
        var clock = Stopwatch.StartNew();
        work();
        acc.Synchronize();
        into?.Add(clock.Elapsed.TotalMilliseconds);
    }
}
