using System.Diagnostics;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Training;

namespace GpuAE.Classification;

/// <summary>What one supervised fit produced: a record per evaluated epoch and the last test result.</summary>
public sealed record ClassifierFitResult(IReadOnlyList<ClassifierEpochRecord> Epochs, ClassificationResult Test, double WallSeconds);

/// <summary>
/// The supervised training loop shared by `gpuae train` on classifier models, the stacked
/// autoencoder's fine-tuning and `gpuae classify --folds`: shuffled epochs of
/// <see cref="TrainingSession.ForClassifier"/> steps, a test evaluation after every K epochs and the last.
/// </summary>
public static class ClassifierFit
{
    public sealed record Settings(int Epochs, NoiseSpec TrainNoise, ulong Seed, int FirstTrainableLayer = 0, int EvaluateEvery = 1,
        LearningRateSchedule? Schedule = null);

    public static ClassifierFitResult Run(Accelerator acc, Network network, Optimizer optimizer, Dataset train, Dataset test, Settings s,
        ITrainingObserver observer, Action<IReadOnlyList<ClassifierEpochRecord>>? afterEvaluation = null)
    {
        using var session = TrainingSession.ForClassifier(acc, network, optimizer, train, s.TrainNoise, s.Seed, s.FirstTrainableLayer);
        using var evaluator = new ClassificationEvaluator(acc, network);
        using var testFeeder = new BatchFeeder(acc, test, network.MaxBatch);
        var records = new List<ClassifierEpochRecord>();
        var wall = Stopwatch.StartNew();
        ClassificationResult last = null!;
        float baseRate = optimizer.LearningRate;
        for (int epoch = 1; epoch <= s.Epochs; epoch++)
        {
            optimizer.LearningRate = (s.Schedule ?? LearningRateSchedule.Constant).RateAt(baseRate, epoch, s.Epochs);
            var (trainLoss, seconds) = session.RunEpoch((uint)epoch, s.Epochs, observer);
            if (epoch % Math.Max(1, s.EvaluateEvery) != 0 && epoch != s.Epochs) continue;
            last = evaluator.Evaluate(test, NoiseSpec.None, s.Seed, testFeeder);
            var record = new ClassifierEpochRecord(epoch, trainLoss, last.Loss, last.Accuracy, seconds, train.Count / seconds);
            records.Add(record);
            afterEvaluation?.Invoke(records);
            observer.OnClassifierEpoch(record, s.Epochs);
        }
        return new ClassifierFitResult(records, last, wall.Elapsed.TotalSeconds);
    }
}
