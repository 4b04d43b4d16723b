using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Metrics;
using GpuAE.Noise;
using GpuAE.Training;

namespace GpuAE.Analysis;

/// <summary>
/// Encodes images with a trained autoencoder: the code of an image is the output of the
/// network's bottleneck, the layer with the smallest output (the last such layer before the
/// decoder starts growing again, so an activation after the bottleneck Dense is included).
/// </summary>
public static class LatentCodes
{
    public static int BottleneckLayer(Network network)
    {
        int best = 0;
        for (int i = 1; i < network.Layers.Count; i++)
        {
            int size = network.Layers[i].OutputShape.Size, bestSize = network.Layers[best].OutputShape.Size;
            if (size < bestSize || (size == bestSize && i == best + 1)) best = i;
        }
        return best;
    }

    /// <summary>Codes of the first `count` images, corrupted with `noise` as evaluation does.</summary>
    public static float[] Encode(Accelerator acc, Network network, Dataset data, int count, NoiseSpec noise, ulong seed)
    {
        int layer = BottleneckLayer(network);
        int dim = network.Layers[layer].OutputShape.Size;
        var codes = new float[count * dim];
        using var feeder = new BatchFeeder(acc, data, network.MaxBatch);
        using var noisy = acc.Allocate(network.MaxBatch * network.InputShape.Size);
        for (int start = 0, batch = 0; start < count; start += network.MaxBatch, batch++)
        {
            int rows = feeder.LoadRange(start, Math.Min(network.MaxBatch, count - start));
            acc.ApplyNoise(feeder.Images, noisy, rows, data.Height, data.Width,
                noise.Resolve(seed, Evaluator.EvaluationEpoch, (uint)batch), seed, Evaluator.EvaluationEpoch, (uint)start);
            network.Forward(noisy, rows, training: false);
            acc.Download(network.Layers[layer].Output, codes.AsSpan(start * dim, rows * dim));
        }
        return codes;
    }
}
