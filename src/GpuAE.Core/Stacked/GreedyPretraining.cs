using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Noise;
using GpuAE.Training;
using GpuAE.Models;
using GpuAE.Text;

namespace GpuAE.Stacked;

/// <summary>
/// Greedy layer-wise pretraining (Vincent et al. 2010; the Theano SdA tutorial): layer k is
/// trained as a denoising autoencoder on the clean codes of layers 0..k-1, which stay frozen
/// (they are not part of layer k's autoencoder at all); its encoder weights are then copied
/// into the stack and the codes of layer k computed once for layer k+1.
/// </summary>
public static class GreedyPretraining
{
    public sealed record Settings(int Iterations, int Batch, float LearningRate, NoiseSpec Noise, ulong Seed);

    /// <summary>Pretrains every layer of <paramref name="stack"/> (built by <see cref="StackedModel"/>) on <paramref name="pool"/>.</summary>
    public static List<LayerPretrainResult> Run(Accelerator acc, Network stack, int depth, Dataset pool, Settings s, ITrainingObserver observer)
    {
        var results = new List<LayerPretrainResult>();
        var codes = pool;
        for (int k = 0; k < depth; k++)
        {
            results.Add(PretrainLayer(acc, stack, k, codes, s, observer));
            if (k + 1 < depth) codes = CodeEncoder.Encode(acc, stack, StackedModel.EncoderDense(k) + 1, pool);
        }
        return results;
    }

    /// <summary>Trains layer k's autoencoder on <paramref name="codes"/> (the outputs of layer k-1) and installs its encoder.</summary>
    public static LayerPretrainResult PretrainLayer(Accelerator acc, Network stack, int k, Dataset codes, Settings s, ITrainingObserver observer)
    {
        var target = (Dense)stack.Layers[StackedModel.EncoderDense(k)];
        var (autoencoder, result) = LayerPretrainer.Train(acc, codes, k, target.Outputs, s.Iterations, s.Batch, s.LearningRate, s.Noise, s.Seed, observer);
        using (autoencoder)
        {
            var encoder = (Dense)autoencoder.Layers[0];
            acc.Copy(encoder.Weights.Value, 0, target.Weights.Value, 0, target.Weights.Length);
            acc.Copy(encoder.Bias.Value, 0, target.Bias.Value, 0, target.Bias.Length);
            acc.Synchronize();
        }
        observer.OnMessage($"pretrained layer {k + 1} ({result.Inputs} -> {result.Units}): {Plural.Of(result.Iterations, "iteration")}, reconstruction loss {result.FirstLoss:F4} -> {result.FinalLoss:F4} (BCE per unit), {result.SamplesPerSecond:F0} images/s, {result.Seconds:F1} s");
        return result;
    }
}
