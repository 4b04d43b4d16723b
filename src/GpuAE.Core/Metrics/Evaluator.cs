using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Noise;

namespace GpuAE.Metrics;

/// <summary>
/// Runs a trained network over a split on the device, for denoisers and classifiers alike:
/// clean batch -> noise (unless none) -> optional denoiser -> network -> loss against the target
/// (the clean images, or the labels for softmax cross-entropy), summed on the device, and the
/// batch handed to a measure (<see cref="ReconstructionMeasure"/>: image quality;
/// <see cref="ClassificationMeasure"/>: predicted classes). The noise uses a fixed epoch counter
/// and the images' dataset indices, so every evaluation of a split with the same seed sees the
/// same noisy images, in `eval`, `train`, `classify`, `tsne` and `denoise` alike.
/// </summary>
public sealed class Evaluator : IDisposable
{
    public const uint EvaluationEpoch = 0xFFFFFFFFu;

    private readonly Accelerator _acc;
    private readonly Network _network;
    private readonly Network? _denoiser;
    private readonly Loss _loss;
    private readonly bool _ownsLoss;
    private readonly DeviceBuffer _noisy;
    private readonly DeviceLossTotal _lossTotal;
    private ReconstructionMeasure? _reconstruction;
    private ClassificationMeasure? _classification;

    /// <param name="denoiser">run on the (noisy) input before <paramref name="network"/>: a denoise-then-classify pipeline</param>
    public Evaluator(Accelerator accelerator, Network network, Loss loss, Network? denoiser = null) : this(accelerator, network, loss, denoiser, ownsLoss: false) { }

    /// <summary>An evaluator of a classifier with its own softmax cross-entropy.</summary>
    public static Evaluator ForClassifier(Accelerator accelerator, Network classifier, Network? denoiser = null)
    {
        var loss = new SoftmaxCrossEntropy();
        try
        {
            loss.Build(accelerator, classifier);
            return new Evaluator(accelerator, classifier, loss, denoiser, ownsLoss: true);
        }
        catch { loss.Dispose(); throw; }
    }

    private Evaluator(Accelerator accelerator, Network network, Loss loss, Network? denoiser, bool ownsLoss)
    {
        if (denoiser is not null && denoiser.OutputShape.Size != network.InputShape.Size)
            throw new ArgumentException($"the denoiser outputs {denoiser.OutputShape} but the classifier takes {network.InputShape}");
        if (denoiser is not null && denoiser.MaxBatch < network.MaxBatch)
            throw new ArgumentException($"the denoiser was built for batches of {denoiser.MaxBatch}, the classifier for {network.MaxBatch}");
        _acc = accelerator;
        _network = network;
        _denoiser = denoiser;
        _loss = loss;
        _ownsLoss = ownsLoss;
        _noisy = accelerator.Allocate(network.MaxBatch * network.InputShape.Size);
        _lossTotal = new DeviceLossTotal(accelerator);
    }

    private bool TargetIsLabel => _loss is SoftmaxCrossEntropy;

    /// <summary>Denoising quality of the network's output against the clean images.</summary>
    public Evaluation Denoising(Dataset data, NoiseSpec noise, ulong seed, BatchFeeder feeder) =>
        Evaluate(data, noise, seed, feeder, _reconstruction ??= new ReconstructionMeasure(_acc, _network.MaxBatch));

    /// <summary>A classifier's confusion matrix and mean cross-entropy.</summary>
    public ClassificationResult Classification(Dataset data, NoiseSpec noise, ulong seed, BatchFeeder feeder) =>
        Evaluate(data, noise, seed, feeder, Classes()).Result;

    /// <summary>Each clean sample's predicted class and its softmax probability (what self-training ranks pseudo-labels by).</summary>
    public Predictions Predict(Dataset data, BatchFeeder feeder) =>
        Evaluate(data, NoiseSpec.None, seed: 0, feeder, Classes()).Predictions; // clean images: the seed draws no noise

    private ClassificationMeasure Classes() => _classification ??= new ClassificationMeasure(_acc, _network.MaxBatch, _network.OutputShape.Size);

    /// <summary>One pass over the split; the loss is read from the device once, at the end.</summary>
    public T Evaluate<T>(Dataset data, NoiseSpec noise, ulong seed, BatchFeeder feeder, IBatchMeasure<T> measure)
    {
        int maxBatch = _network.MaxBatch;
        measure.Begin(data);
        _lossTotal.Reset();
        for (int start = 0, batch = 0; start < data.Count; start += maxBatch, batch++)
        {
            int rows = feeder.LoadRange(start, Math.Min(maxBatch, data.Count - start), withLabels: TargetIsLabel);
            var input = feeder.Images;
            if (noise != NoiseSpec.None || measure.NeedsNoisyCopy)
            {
                _acc.ApplyNoise(input, _noisy, rows, data.Height, data.Width, noise.Resolve(seed, EvaluationEpoch, (uint)batch), seed, EvaluationEpoch, (uint)start);
                input = _noisy;
            }
            var fed = _denoiser is null ? input : _denoiser.Forward(input, rows, training: false);
            var output = _network.Forward(fed, rows, training: false);
            // The loss kernels also write a gradient (they are fused); it is not used here.
            _loss.Compute(_network, TargetIsLabel ? feeder.Labels : feeder.Images, rows);
            _lossTotal.Add(_loss.RowLoss, rows);
            measure.Add(new EvaluatedBatch(start, rows, data.Height, data.Width, feeder.Images, input, output));
        }
        double loss = _lossTotal.Peek() / ((double)Math.Max(1, data.Count) * _loss.TermsPerSample(_network));
        return measure.End(data.Count, loss, noise);
    }

    /// <summary>A built classifier's results on a split (noisy with <paramref name="noise"/>, then denoised when a denoiser is given).</summary>
    public static ClassificationResult Classify(Accelerator acc, Network classifier, Dataset data, NoiseSpec noise, ulong seed, Network? denoiser = null)
    {
        using var evaluator = ForClassifier(acc, classifier, denoiser);
        using var feeder = new BatchFeeder(acc, data, classifier.MaxBatch);
        return evaluator.Classification(data, noise, seed, feeder);
    }

    /// <summary>A built classifier's predicted class and its probability for every clean image of a split.</summary>
    public static Predictions Predict(Accelerator acc, Network classifier, Dataset data)
    {
        using var evaluator = ForClassifier(acc, classifier);
        using var feeder = new BatchFeeder(acc, data, classifier.MaxBatch);
        return evaluator.Predict(data, feeder);
    }

    /// <summary>Clean, noisy and denoised versions of the first `count` images, for sample grids.</summary>
    public (float[] Clean, float[] Noisy, float[] Denoised) Samples(Dataset data, NoiseSpec noise, ulong seed, BatchFeeder feeder, int count)
    {
        int rows = feeder.LoadRange(0, Math.Min(count, Math.Min(_network.MaxBatch, data.Count)));
        int pixels = data.Height * data.Width;
        _acc.ApplyNoise(feeder.Images, _noisy, rows, data.Height, data.Width, noise.Resolve(seed, EvaluationEpoch, 0), seed, EvaluationEpoch, 0);
        var output = _network.Forward(_noisy, rows, training: false);
        var clean = new float[rows * pixels];
        var noisy = new float[rows * pixels];
        var denoised = new float[rows * pixels];
        _acc.Download(feeder.Images, clean);
        _acc.Download(_noisy, noisy);
        _acc.Download(output, denoised);
        return (clean, noisy, denoised);
    }

    public void Dispose()
    {
        _noisy.Dispose();
        _lossTotal.Dispose();
        _reconstruction?.Dispose();
        if (_ownsLoss) _loss.Dispose();
    }
}

/// <summary>One evaluated batch: dataset rows [Start, Start + Rows), the clean images, the network's input (noisy) and its output.</summary>
public readonly record struct EvaluatedBatch(int Start, int Rows, int Height, int Width, DeviceBuffer Clean, DeviceBuffer Input, DeviceBuffer Output);

/// <summary>What an evaluation measures batch by batch (the strategy of <see cref="Evaluator"/>).</summary>
public interface IBatchMeasure<out T>
{
    /// <summary>The measure compares the noisy input with the clean images, so the input is copied even without noise.</summary>
    bool NeedsNoisyCopy { get; }

    void Begin(Dataset data);
    void Add(EvaluatedBatch batch);
    T End(int images, double loss, NoiseSpec noise);
}
