using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Metrics;
using GpuAE.Noise;
using GpuAE.Training;

namespace GpuAE.Analysis;

/// <summary>
/// Encodes images with a trained autoencoder: the code of an image is the output of the
/// network's bottleneck, the layer with the smallest output among those that are not the size
/// of the reconstruction (an overcomplete dense autoencoder's 1000-unit code is larger than its
/// 784-pixel output). Of equal, consecutive layers the last is taken, so the activation after
/// the bottleneck Dense is the code.
/// </summary>
public static class LatentCodes
{
    public static int BottleneckLayer(Network network)
    {
        int reconstruction = network.OutputShape.Size;
        int best = -1;
        for (int i = 0; i < network.Layers.Count; i++)
        {
            int size = network.Layers[i].OutputShape.Size;
            if (size == reconstruction) continue;
            if (best < 0 || size < network.Layers[best].OutputShape.Size || (size == network.Layers[best].OutputShape.Size && i == best + 1)) best = i;
        }
        return best >= 0 ? best : 0;
    }

    /// <summary>Loads a checkpoint and returns its config and the codes of the first `count` images.</summary>
    public static (Models.ModelConfig Config, float[] Codes) EncodeCheckpoint(Accelerator acc, string checkpoint, Dataset data, int count, NoiseSpec noise, ulong seed)
    {
        var (config, network) = Checkpoints.Checkpoint.Load(checkpoint, acc, Math.Min(256, count), new TensorShape(1, data.Height, data.Width));
        using (network) return (config, Encode(acc, network, data, count, noise, seed));
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
