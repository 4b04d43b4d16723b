using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Metrics;
using GpuAE.Noise;
using GpuAE.Training;

namespace GpuAE.Classification;

/// <summary>A classifier's predictions on one split: the confusion matrix and the mean cross-entropy.</summary>
public sealed record ClassificationResult(ConfusionMatrix Confusion, double Loss)
{
    public double Accuracy => Confusion.Accuracy;
}

/// <summary>Per-sample predicted classes and the softmax probability of each prediction.</summary>
public sealed record Predictions(int[] Classes, float[] Confidence);

/// <summary>
/// Classifies a split on the device: clean images -> noise (optional) -> denoiser (optional) ->
/// classifier. Only the logits (batch x classes) come back to the host, where the arg-max and
/// the confusion matrix are computed. The noise counters are the autoencoder evaluator's, so the
/// same seed corrupts the same test images in `gpuae eval`, `gpuae classify` and `gpuae denoise`.
/// </summary>
public sealed class ClassificationEvaluator : IDisposable
{
    private readonly Accelerator _acc;
    private readonly Network _classifier;
    private readonly Network? _denoiser;
    private readonly Loss _loss = new SoftmaxCrossEntropy();
    private readonly DeviceBuffer _noisy;
    private readonly DeviceLossTotal _lossTotal;
    private readonly float[] _logits;

    public ClassificationEvaluator(Accelerator accelerator, Network classifier, Network? denoiser = null)
    {
        if (denoiser is not null && denoiser.OutputShape.Size != classifier.InputShape.Size)
            throw new ArgumentException($"the denoiser outputs {denoiser.OutputShape} but the classifier takes {classifier.InputShape}");
        if (denoiser is not null && denoiser.MaxBatch < classifier.MaxBatch)
            throw new ArgumentException($"the denoiser was built for batches of {denoiser.MaxBatch}, the classifier for {classifier.MaxBatch}");
        _acc = accelerator;
        _classifier = classifier;
        _denoiser = denoiser;
        _loss.Build(accelerator, classifier);
        _noisy = accelerator.Allocate(classifier.MaxBatch * classifier.InputShape.Size);
        _lossTotal = new DeviceLossTotal(accelerator);
        _logits = new float[classifier.MaxBatch * classifier.OutputShape.Size];
    }

    public ClassificationResult Evaluate(Dataset data, NoiseSpec noise, ulong seed, BatchFeeder feeder)
    {
        var (predicted, _, loss) = Classify(data, noise, seed, feeder);
        var truth = data.Labels.Select(l => (int)l).ToArray();
        return new ClassificationResult(new ConfusionMatrix(_classifier.OutputShape.Size, truth, predicted), loss);
    }

    /// <summary>Each sample's predicted class and its softmax probability (what self-training ranks pseudo-labels by).</summary>
    public Predictions Predict(Dataset data, BatchFeeder feeder)
    {
        var (predicted, confidence, _) = Classify(data, NoiseSpec.None, seed: 0, feeder); // clean images: the seed draws no noise
        return new Predictions(predicted, confidence);
    }

    private (int[] Predicted, float[] Confidence, double Loss) Classify(Dataset data, NoiseSpec noise, ulong seed, BatchFeeder feeder)
    {
        int classes = _classifier.OutputShape.Size, maxBatch = _classifier.MaxBatch;
        var predicted = new int[data.Count];
        var confidence = new float[data.Count];
        _lossTotal.Reset();
        for (int start = 0, batch = 0; start < data.Count; start += maxBatch, batch++)
        {
            int rows = feeder.LoadRange(start, Math.Min(maxBatch, data.Count - start), withLabels: true);
            var input = feeder.Images;
            if (noise != NoiseSpec.None)
            {
                _acc.ApplyNoise(input, _noisy, rows, data.Height, data.Width, noise.Resolve(seed, Evaluator.EvaluationEpoch, (uint)batch), seed, Evaluator.EvaluationEpoch, (uint)start);
                input = _noisy;
            }
            if (_denoiser is not null) input = _denoiser.Forward(input, rows, training: false);
            var logits = _classifier.Forward(input, rows, training: false);
            _loss.Compute(_classifier, feeder.Labels, rows);
            _lossTotal.Add(_loss.RowLoss, rows);
            _acc.Download(logits, _logits.AsSpan(0, rows * classes));
            for (int i = 0; i < rows; i++)
            {
                var row = _logits.AsSpan(i * classes, classes);
                predicted[start + i] = ArgMax(row);
                confidence[start + i] = SoftmaxProbability(row, predicted[start + i]);
            }
        }
        return (predicted, confidence, _lossTotal.Peek() / Math.Max(1, data.Count));
    }

    /// <summary>softmax(logits)[k], computed from the largest logit down so it cannot overflow.</summary>
    public static float SoftmaxProbability(ReadOnlySpan<float> logits, int k)
    {
        float max = float.NegativeInfinity;
        foreach (float l in logits) max = MathF.Max(max, l);
        double sum = 0;
        foreach (float l in logits) sum += Math.Exp(l - max);
        return (float)(Math.Exp(logits[k] - max) / sum);
    }

    /// <summary>The first index of the largest logit (NaN logits never win).</summary>
    public static int ArgMax(ReadOnlySpan<float> logits)
    {
        int best = 0;
        for (int c = 1; c < logits.Length; c++)
            if (logits[c] > logits[best] || float.IsNaN(logits[best])) best = c;
        return best;
    }

    public void Dispose()
    {
        _loss.Dispose();
        _noisy.Dispose();
        _lossTotal.Dispose();
    }
}
