using System.Diagnostics;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Metrics;
using GpuAE.Noise;
using GpuAE.Optimizers;

namespace GpuAE.Training;

/// <summary>
/// How a fit runs: epochs, the base learning rate and its schedule, how often to evaluate, and
/// the number of the first epoch's record (successive fits on one network, such as fine-tuning
/// then self-training rounds, number their epochs on as one curve).
/// </summary>
public sealed record FitSettings(int Epochs, float LearningRate, LearningRateSchedule Schedule, int EvaluateEvery = 1)
{
    public int EpochOffset { get; init; }

    /// <summary>The epoch to start at: 1, or the one after the last finished epoch of a run that is resumed (shuffles, noise and the schedule follow the epoch number).</summary>
    public int FirstEpoch { get; init; } = 1;

    /// <summary>Where tuned kernel choices are remembered; when set, the hot ops' variants are tuned on the model's shapes before the first epoch.</summary>
    public GpuAE.Compute.Tuning.TuningCache? Tuning { get; init; }
}

/// <summary>What a fit produced: a record per evaluated epoch (earlier fits' records first) and the last evaluation.</summary>
public sealed record FitResult<T>(IReadOnlyList<EpochRecord<T>> Epochs, T Final, double WallSeconds) where T : ITestResult;

/// <summary>
/// The one training loop, of denoisers and classifiers alike: for each epoch set the scheduled
/// learning rate, run the session's shuffled pass, then every K epochs (and after the last)
/// evaluate on the test split with the task's evaluation, record the epoch, hand the records to
/// <c>afterEvaluation</c> (metrics.csv is rewritten there, so a killed run keeps its finished
/// epochs) and tell the observer, with a warning when the loss explodes or the output collapses.
/// </summary>
public static class FitLoop
{
    /// <param name="afterEpoch">called with the epoch number once each epoch (and its evaluation, if any) is done: where a run saves what it needs to resume</param>
    public static FitResult<T> Run<T>(TrainingSession session, Func<T> evaluate, FitSettings s, ITrainingObserver observer,
        Action<IReadOnlyList<EpochRecord<T>>>? afterEvaluation = null, IReadOnlyList<EpochRecord<T>>? earlier = null, Action<int>? afterEpoch = null) where T : ITestResult
    {
        if (s.FirstEpoch < 1 || s.FirstEpoch > s.Epochs) throw new ArgumentOutOfRangeException(nameof(s), $"first epoch {s.FirstEpoch} outside 1..{s.Epochs}");
        if (s.Tuning is not null) session.TuneKernels(s.Tuning, observer.OnMessage);
        var records = new List<EpochRecord<T>>(earlier ?? []);
        var watch = new DivergenceWatch();
        var wall = Stopwatch.StartNew();
        T final = default!;
        int shown = s.Epochs + s.EpochOffset;
        for (int epoch = s.FirstEpoch; epoch <= s.Epochs; epoch++)
        {
            session.Optimizer.LearningRate = s.Schedule.RateAt(s.LearningRate, epoch, s.Epochs);
            var (trainLoss, seconds) = session.RunEpoch((uint)epoch, s.Epochs, observer);
            string? lossWarning = watch.Check(epoch + s.EpochOffset, trainLoss);
            if (epoch % Math.Max(1, s.EvaluateEvery) == 0 || epoch == s.Epochs)
            {
                final = evaluate();
                var record = new EpochRecord<T>(epoch + s.EpochOffset, trainLoss, final, seconds, session.Train.Count / seconds);
                records.Add(record);
                afterEvaluation?.Invoke(records);
                observer.OnEpoch(record, shown);
                if (watch.CheckCollapse(record.Epoch, final.Collapse) is string collapse) observer.OnMessage(collapse);
            }
            if (lossWarning is not null) observer.OnMessage(lossWarning);
            afterEpoch?.Invoke(epoch);
        }
        return new FitResult<T>(records, final, wall.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Fits a built classifier with softmax cross-entropy on <paramref name="train"/> (corrupted by
    /// <paramref name="trainNoise"/>), evaluating on clean <paramref name="test"/> images: `train`
    /// on classifier models, the stacked autoencoder's fine-tuning and `classify --folds`.
    /// Layers below <paramref name="firstTrainableLayer"/> stay frozen.
    /// </summary>
    public static FitResult<ClassificationResult> FitClassifier(Accelerator acc, Network network, Optimizer optimizer, Dataset train, Dataset test,
        FitSettings s, NoiseSpec trainNoise, ulong seed, ITrainingObserver observer, int firstTrainableLayer = 0,
        Action<IReadOnlyList<EpochRecord<ClassificationResult>>>? afterEvaluation = null, IReadOnlyList<EpochRecord<ClassificationResult>>? earlier = null)
    {
        using var session = TrainingSession.ForClassifier(acc, network, optimizer, train, trainNoise, seed, firstTrainableLayer);
        using var evaluator = Evaluator.ForClassifier(acc, network);
        using var feeder = new BatchFeeder(acc, test, network.MaxBatch);
        return Run(session, () => evaluator.Classification(test, NoiseSpec.None, seed, feeder), s, observer, afterEvaluation, earlier);
    }
}
