using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Training;
using GpuAE.Metrics;

namespace GpuAE.Classification;

/// <summary>
/// One held-out fold: the sizes of its two parts, the fresh classifier's results on the held-out part,
/// and its learning curve (loss and accuracy on the held-out images after every epoch).
/// </summary>
public sealed record FoldResult(int Fold, int TrainCount, int HeldOutCount, NoiseConditions Results, double Seconds,
    IReadOnlyList<EpochRecord<ClassificationResult>>? Epochs = null);

/// <summary>
/// K-fold cross-validation of a classifier architecture on a training split (`gpuae classify
/// --folds K`, the deep-denoise-classify preset): the split is shuffled with the seed and cut into
/// K nearly equal folds; for each fold a fresh classifier (weights drawn from the seed) trains on
/// the other K - 1 folds and is measured on the held-out one clean, noisy and denoised.
/// </summary>
public static class CrossValidation
{
    /// <param name="TrainOnDenoised">
    /// Train each fold's classifier on the denoiser's output for noisy training images (noise
    /// <c>testNoise</c>, drawn per image position with the seed) instead of on clean images: the
    /// pipeline then classifies only what the denoiser produces, as a denoise-then-classify system
    /// would be built. The held-out fold is measured as always (clean, noisy, denoised).
    /// </param>
    public sealed record Settings(int Folds, int Epochs, int Batch, OptimizerSpec Optimizer, ulong Seed, NoiseSpec TrainNoise,
        LearningRateSchedule? Schedule = null, bool TrainOnDenoised = false);

    /// <param name="state">where the run keeps its resume state (null: none): finished folds are skipped, the fold in progress continues after its last finished epoch</param>
    public static IReadOnlyList<FoldResult> Run(Accelerator acc, ModelConfig classifier, Network? denoiser, Dataset data, NoiseSpec testNoise,
        Settings s, ITrainingObserver observer, FoldState? state = null)
    {
        CheckFolds(s.Folds, data.Count);
        if (s.TrainOnDenoised && denoiser is null) throw new ArgumentException("training the folds on denoised images needs a denoiser");
        var trainingImages = s.TrainOnDenoised ? Denoised(acc, denoiser!, data, testNoise, s.Seed, observer) : data;
        var results = new List<FoldResult>(state?.Finished ?? []);
        if (results.Count > 0) observer.OnMessage($"resuming: {Text.Plural.Of(results.Count, "fold")} of {s.Folds} already done");
        for (int fold = results.Count; fold < s.Folds; fold++)
        {
            var (trainIndices, heldOutIndices) = FoldIndices(data.Count, s.Folds, fold, s.Seed);
            var heldOut = Part(data, heldOutIndices, "held-out");
            var train = Part(trainingImages, trainIndices, "train");
            observer.OnMessage($"fold {fold + 1}/{s.Folds}: training {classifier.Name} on {train.Count} {(s.TrainOnDenoised ? "denoised " : "")}images, holding out {heldOut.Count}");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // The learning curve is measured on the held-out images as this fold's classifier is trained to see them.
            var curveImages = s.TrainOnDenoised ? Part(trainingImages, heldOutIndices, "held-out") : heldOut;
            var (conditions, epochs) = RunFold(acc, classifier, denoiser, train, heldOut, curveImages, testNoise, s, new PrefixedObserver(observer, $"fold {fold + 1}/{s.Folds}"), state, results);
            results.Add(new FoldResult(fold + 1, train.Count, heldOut.Count, conditions, clock.Elapsed.TotalSeconds, epochs));
            observer.OnMessage($"fold {fold + 1}/{s.Folds}: " + string.Join("  ", conditions.Present().Select(c => $"{c.Name} {c.Result.Accuracy:P2}")));
        }
        return results;
    }

    /// <summary>The split with every image replaced by the denoiser's output for its noisy version (labels kept).</summary>
    public static Dataset Denoised(Accelerator acc, Network denoiser, Dataset data, NoiseSpec noise, ulong seed, ITrainingObserver observer)
    {
        observer.OnMessage($"denoising the {data.Count} training images (noise {noise}) for the folds' classifiers");
        using var run = Denoising.Denoiser.Borrow(acc, "denoiser", denoiser);
        var (_, denoised) = run.Run(data.Images, data.Count, noise, seed);
        return new Dataset(data.Name, $"{data.Split} (denoised)", denoised, data.Labels, data.ClassNames, data.Height, data.Width);
    }

    /// <summary>Throws unless 2 <= folds <= count (each fold must hold at least one image).</summary>
    public static void CheckFolds(int folds, int count)
    {
        if (folds < 2) throw new ArgumentException($"--folds must be at least 2, got {folds}");
        if (folds > count) throw new ArgumentException($"--folds {folds}: only {count} training images to share among the folds");
    }

    private static (NoiseConditions Conditions, IReadOnlyList<EpochRecord<ClassificationResult>> Epochs) RunFold(Accelerator acc, ModelConfig config,
        Network? denoiser, Dataset train, Dataset heldOut, Dataset curveImages, NoiseSpec testNoise, Settings s, ITrainingObserver observer,
        FoldState? state, IReadOnlyList<FoldResult> finished)
    {
        using var network = ModelCatalog.Create(config);
        network.Build(acc, new TensorShape(config.InputChannels, config.InputHeight, config.InputWidth), Math.Min(s.Batch, train.Count), s.Seed);
        using var optimizer = s.Optimizer.Create();
        var settings = new FitSettings(s.Epochs, s.Optimizer.LearningRate, s.Schedule ?? LearningRateSchedule.Constant);
        IReadOnlyList<EpochRecord<ClassificationResult>>? earlier = null;
        if (state?.InProgress(finished.Count) is { } saved)
        {
            saved.RestoreInto(acc, network, optimizer);
            (settings, earlier) = (saved.Continue(settings), saved.Records<ClassificationResult>());
            observer.OnMessage($"resuming after epoch {saved.Epoch} of {s.Epochs}");
        }
        else state?.Save(finished, new FitState<ClassificationResult>(0, [], double.NaN, 0), network, optimizer);
        // The fit's per-epoch evaluation (the learning curve) runs on curveImages.
        var fit = FitLoop.FitClassifier(acc, network, optimizer, train, curveImages, settings, s.TrainNoise, s.Seed, observer, earlier: earlier,
            afterEpoch: state is null ? null : f => state.Save(finished, f, network, optimizer));
        return (NoiseConditions.Measure(acc, network, denoiser, heldOut, testNoise, s.Seed), fit.Epochs);
    }

    /// <summary>
    /// Fold `fold` of `folds` as (the other folds, the fold): positions fold*n/K .. (fold+1)*n/K of
    /// the seed's permutation of the images, so the folds partition the split.
    /// </summary>
    public static (Dataset Train, Dataset HeldOut) Split(Dataset data, int folds, int fold, ulong seed)
    {
        var (train, heldOut) = FoldIndices(data.Count, folds, fold, seed);
        return (Part(data, train, "train"), Part(data, heldOut, "held-out"));
    }

    /// <summary>The image indices of <see cref="Split"/>: they depend only on the count and the seed.</summary>
    public static (int[] Train, int[] HeldOut) FoldIndices(int count, int folds, int fold, ulong seed)
    {
        var order = TrainingSession.ShuffledOrder(count, seed, epoch: 0);
        int start = (int)((long)fold * count / folds), end = (int)((long)(fold + 1) * count / folds);
        return ([.. order[..start], .. order[end..]], order[start..end]);
    }

    private static Dataset Part(Dataset data, int[] indices, string part) => data.Select(indices, $"{data.Split} ({part})");

    /// <summary>
    /// The folds' held-out results as one: confusion matrices summed (every image of the split
    /// counted once) and losses weighted by fold size.
    /// </summary>
    public static NoiseConditions Pool(IReadOnlyList<FoldResult> folds)
    {
        ClassificationResult PoolCondition(Func<NoiseConditions, ClassificationResult> pick)
        {
            var parts = folds.Select(f => pick(f.Results)).ToList();
            int classes = parts[0].Confusion.ClassCount;
            var counts = new int[classes, classes];
            foreach (var m in parts.Select(p => p.Confusion))
                for (int t = 0; t < classes; t++)
                    for (int p = 0; p < classes; p++) counts[t, p] += m.Counts[t, p];
            var pooled = new ConfusionMatrix(counts);
            double loss = parts.Sum(p => p.Loss * p.Confusion.Total) / Math.Max(1, pooled.Total);
            return new ClassificationResult(pooled, loss);
        }

        bool denoised = folds[0].Results.Denoised is not null;
        return new NoiseConditions(PoolCondition(r => r.Clean), PoolCondition(r => r.Noisy), denoised ? PoolCondition(r => r.Denoised!) : null);
    }

    /// <summary>Mean and sample standard deviation (n - 1; 0 for a single value).</summary>
    public static (double Mean, double Std) MeanStd(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        double ss = values.Sum(v => (v - mean) * (v - mean));
        return (mean, values.Count > 1 ? Math.Sqrt(ss / (values.Count - 1)) : 0);
    }
}
