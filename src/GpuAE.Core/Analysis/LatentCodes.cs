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

    public const string Code = "code", Output = "output";

    /// <summary>
    /// The layer a `--layer` value names: "code" the bottleneck (<see cref="BottleneckLayer"/>),
    /// "output" the last layer (a reconstruction, or a classifier's logits), or a layer's index in
    /// the model's table (`gpuae models`).
    /// </summary>
    public static int ResolveLayer(Network network, string choice)
    {
        if (choice == Code) return BottleneckLayer(network);
        if (choice == Output) return network.Layers.Count - 1;
        if (int.TryParse(choice, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index) && index < network.Layers.Count) return index;
        throw new ArgumentException($"--layer '{choice}': use code, output or a layer index 0..{network.Layers.Count - 1} (see `gpuae models`)");
    }

    /// <summary>Checks a `--layer` value before anything is loaded (an index is checked against the model once it is built).</summary>
    public static void CheckLayerChoice(string choice)
    {
        if (choice is Code or Output || int.TryParse(choice, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)) return;
        throw new ArgumentException($"--layer '{choice}': use code, output or a layer index (see `gpuae models`)");
    }

    /// <summary>What <see cref="EncodeCheckpoint"/> produced: the codes of `Count` images, `Dimension` values each, and the layer they came from.</summary>
    public sealed record Encoded(Models.ModelConfig Config, float[] Codes, int Dimension, int Layer, string LayerDescription);

    /// <summary>Loads a checkpoint (built for the data's image size) and returns its config and the codes of the first `count` images.</summary>
    public static (Models.ModelConfig Config, float[] Codes) EncodeCheckpoint(Accelerator acc, string checkpoint, Dataset data, int count, NoiseSpec noise, ulong seed)
    {
        var e = EncodeCheckpoint(acc, checkpoint, data, count, noise, seed, Code, 256);
        return (e.Config, e.Codes);
    }

    /// <summary>The outputs of the layer `layer` names (see <see cref="ResolveLayer"/>) for the first `count` images.</summary>
    public static Encoded EncodeCheckpoint(Accelerator acc, string checkpoint, Dataset data, int count, NoiseSpec noise, ulong seed, string layer, int batch)
    {
        var (config, network) = Checkpoints.Checkpoint.Load(checkpoint, acc, Math.Max(1, Math.Min(batch, count)), new TensorShape(1, data.Height, data.Width));
        using (network)
        {
            int index = ResolveLayer(network, layer);
            var codes = Encode(acc, network, data, count, noise, seed, index);
            return new Encoded(config, codes, network.Layers[index].OutputShape.Size, index, network.Layers[index].Describe());
        }
    }

    /// <summary>Outputs of layer `layer` (default: the bottleneck) for the first `count` images, corrupted with `noise` as evaluation does.</summary>
    public static float[] Encode(Accelerator acc, Network network, Dataset data, int count, NoiseSpec noise, ulong seed, int? layerIndex = null)
    {
        int layer = layerIndex ?? BottleneckLayer(network);
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
