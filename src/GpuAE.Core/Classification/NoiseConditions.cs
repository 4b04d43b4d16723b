using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Noise;
using GpuAE.Training;
using GpuAE.Metrics;

namespace GpuAE.Classification;

/// <summary>
/// A classifier's results on the same images clean, corrupted, and corrupted then denoised
/// (Denoised is null without a denoiser). The noisy and denoised passes see the same noise draws.
/// </summary>
public sealed record NoiseConditions(ClassificationResult Clean, ClassificationResult Noisy, ClassificationResult? Denoised)
{
    public static readonly string[] Names = ["clean", "noisy", "denoised"];

    /// <summary>(name, result) for each condition that was run, in the order clean, noisy, denoised.</summary>
    public IEnumerable<(string Name, ClassificationResult Result)> Present()
    {
        yield return ("clean", Clean);
        yield return ("noisy", Noisy);
        if (Denoised is not null) yield return ("denoised", Denoised);
    }

    /// <summary>
    /// The share of the accuracy lost to the noise that denoising wins back:
    /// (denoised - noisy) / (clean - noisy); null without a denoiser or when the noise cost nothing.
    /// </summary>
    public double? RecoveredFraction =>
        Denoised is null || Clean.Accuracy - Noisy.Accuracy <= 0 ? null
            : (Denoised.Accuracy - Noisy.Accuracy) / (Clean.Accuracy - Noisy.Accuracy);

    /// <summary>Classifies `data` clean, with `noise`, and with `noise` then `denoiser`.</summary>
    public static NoiseConditions Measure(Accelerator acc, Network classifier, Network? denoiser, Dataset data, NoiseSpec noise, ulong seed)
    {
        using var feeder = new BatchFeeder(acc, data, classifier.MaxBatch);
        using var plain = Evaluator.ForClassifier(acc, classifier);
        var clean = plain.Classification(data, NoiseSpec.None, seed, feeder);
        var noisy = plain.Classification(data, noise, seed, feeder);
        if (denoiser is null) return new NoiseConditions(clean, noisy, null);
        using var denoising = Evaluator.ForClassifier(acc, classifier, denoiser);
        return new NoiseConditions(clean, noisy, denoising.Classification(data, noise, seed, feeder));
    }
}
