using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Noise;

namespace GpuAE.Metrics;

/// <summary>
/// A classifier's predictions over a split: only the logits (batch x classes) come back to the
/// host, where the arg-max, its softmax probability and the confusion matrix are computed.
/// </summary>
public sealed class ClassificationMeasure(Accelerator acc, int maxBatch, int classes)
    : IBatchMeasure<(ClassificationResult Result, Predictions Predictions)>
{
    private readonly float[] _logits = new float[maxBatch * classes];
    private int[] _predicted = [];
    private float[] _confidence = [];
    private int[] _truth = [];

    public bool NeedsNoisyCopy => false;

    public void Begin(Dataset data)
    {
        _predicted = new int[data.Count];
        _confidence = new float[data.Count];
        _truth = data.Labels.Select(l => (int)l).ToArray();
    }

    public void Add(EvaluatedBatch b)
    {
        acc.Download(b.Output, _logits.AsSpan(0, b.Rows * classes));
        for (int i = 0; i < b.Rows; i++)
        {
            var row = _logits.AsSpan(i * classes, classes);
            int k = ArgMax(row);
            _predicted[b.Start + i] = k;
            _confidence[b.Start + i] = SoftmaxProbability(row, k);
        }
    }

    public (ClassificationResult Result, Predictions Predictions) End(int images, double loss, NoiseSpec noise) =>
        (new ClassificationResult(new ConfusionMatrix(classes, _truth, _predicted), loss), new Predictions(_predicted, _confidence));

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
}
