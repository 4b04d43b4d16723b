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
/// time on a fixed batch, waiting for the device after each piece (so GPU times include the
/// launch and the wait, and sum to more than a pipelined step), and reports medians over steps.
/// </summary>
public static class LayerProfile
{
    public static LayerProfileResult Run(Accelerator acc, Dataset data, string model, int batch, string optimizer, float learningRate, int warmup, int steps, ulong seed = 1)
    {
        var entry = ModelCatalog.Find(model);
        var config = new ModelConfig { Name = entry.Name, InputHeight = data.Height, InputWidth = data.Width, Loss = entry.DefaultLoss };
        using var network = ModelCatalog.Create(config);
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
        for (int step = 0; step < warmup + steps; step++)
        {
            bool record = step >= warmup;
            var x = images;
            for (int i = 0; i < n; i++)
            {
                var layer = network.Layers[i];
                Time(acc, record ? forward[i] : null, () => layer.Forward(x, batch, training: true));
                x = layer.Output;
            }
            LossGradient g = default;
            Time(acc, record ? lossMs : null, () => g = loss.Compute(network, target, batch));
            var grad = g.Gradient;
            for (int i = g.Layer; i >= 0; i--)
            {
                var layer = network.Layers[i];
                var dy = grad;
                Time(acc, record ? backward[i] : null, () => layer.Backward(dy, batch));
                grad = layer.InputGradient!;
            }
            Time(acc, record ? optMs : null, () => opt.Step(acc, network.Parameters));
        }
        var layers = Enumerable.Range(0, n).Select(i => new LayerTiming(i, network.Layers[i].Describe(),
            Timing.Median(forward[i]), backward[i].Count == 0 ? 0 : Timing.Median(backward[i]))).ToList();
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
