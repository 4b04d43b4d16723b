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
/// <see cref="ClassifierSession"/> steps, a test evaluation after every K epochs and the last.
/// </summary>
public static class ClassifierFit
{
    public sealed record Settings(int Epochs, NoiseSpec TrainNoise, ulong Seed, int FirstTrainableLayer = 0, int EvaluateEvery = 1,
        LearningRateSchedule? Schedule = null);

    public static ClassifierFitResult Run(Accelerator acc, Network network, Optimizer optimizer, Dataset train, Dataset test, Settings s,
        ITrainingObserver observer, Action<IReadOnlyList<ClassifierEpochRecord>>? afterEvaluation = null)
    {
        using var session = new ClassifierSession(acc, network, optimizer, train, s.TrainNoise, s.Seed, s.FirstTrainableLayer);
        using var evaluator = new ClassificationEvaluator(acc, network);
        using var testFeeder = new BatchFeeder(acc, test, network.MaxBatch);
        var records = new List<ClassifierEpochRecord>();
        var wall = Stopwatch.StartNew();
        ClassificationResult last = null!;
        float baseRate = optimizer.LearningRate;
        for (int epoch = 1; epoch <= s.Epochs; epoch++)
        {
            optimizer.LearningRate = (s.Schedule ?? LearningRateSchedule.Constant).RateAt(baseRate, epoch, s.Epochs);
            var (trainLoss, seconds) = RunEpoch(session, (uint)epoch, s.Epochs, observer);
            if (epoch % Math.Max(1, s.EvaluateEvery) != 0 && epoch != s.Epochs) continue;
            last = evaluator.Evaluate(test, NoiseSpec.None, s.Seed, testFeeder);
            var record = new ClassifierEpochRecord(epoch, trainLoss, last.Loss, last.Accuracy, seconds, train.Count / seconds);
            records.Add(record);
            afterEvaluation?.Invoke(records);
            observer.OnClassifierEpoch(record, s.Epochs);
        }
        return new ClassifierFitResult(records, last, wall.Elapsed.TotalSeconds);
    }

    /// <summary>One shuffled pass; returns the mean cross-entropy per sample and the seconds it took.</summary>
    private static (double Loss, double Seconds) RunEpoch(ClassifierSession s, uint epoch, int epochs, ITrainingObserver observer)
    {
        int n = s.Train.Count, batch = s.Network.MaxBatch;
        var order = TrainingSession.ShuffledOrder(n, s.Seed, epoch);
        s.TakeLossSum();
        var clock = Stopwatch.StartNew();
        double nextReport = 1.0;
        uint b = 0;
        for (int start = 0; start < n; start += batch, b++)
        {
            int rows = Math.Min(batch, n - start);
            s.Step(order, start, rows, epoch, b);
            double elapsed = clock.Elapsed.TotalSeconds;
            if (elapsed < nextReport) continue;
            nextReport = elapsed + 1.0;
            int done = start + rows;
            double rate = done / elapsed;
            var eta = TimeSpan.FromSeconds((n - done) / rate + (epochs - (int)epoch) * n / rate);
            observer.OnProgress((int)epoch, epochs, done, n, s.PeekLossSum() / done, rate, eta);
        }
        double lossSum = s.TakeLossSum(); // waits for the device, so the time covers all the epoch's work
        return (lossSum / n, clock.Elapsed.TotalSeconds);
    }
}
