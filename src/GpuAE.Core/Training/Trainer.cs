using System.Diagnostics;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Metrics;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;

namespace GpuAE.Training;

/// <summary>The result of `gpuae train`: per-epoch records and the final model.</summary>
public sealed record TrainingResult(ModelConfig Config, IReadOnlyList<EpochRecord> Epochs, Evaluation Final, long Parameters, double WallSeconds);

/// <summary>
/// Trains a denoising autoencoder: shuffles each epoch, steps through the batches on the
/// device, evaluates on the test split after every epoch, and writes the run folder
/// (metrics.csv after every epoch, then model.gae, summary.json, loss.svg, samples.png).
/// </summary>
public static class Trainer
{
    public static TrainingResult Run(TrainingOptions o, Accelerator acc, Dataset train, Dataset test, ITrainingObserver observer)
    {
        var noise = NoiseSpec.Parse(o.Noise);
        var entry = ModelCatalog.Find(o.Model, ModelTask.Autoencoder);
        var config = new ModelConfig { Name = entry.Name, Hidden = o.Hidden, Latent = o.Latent, InputHeight = train.Height, InputWidth = train.Width, Loss = o.Loss ?? entry.DefaultLoss };
        using var network = ModelCatalog.Create(config);
        int batch = Math.Min(o.Batch, train.Count);
        network.Build(acc, new TensorShape(1, train.Height, train.Width), Math.Max(batch, 1), o.Seed);
        using var loss = Loss.Create(config.Loss);
        loss.Build(acc, network);
        using var optimizer = Optimizer.Create(o.Optimizer, o.LearningRate, o.Momentum);
        using var session = new TrainingSession(acc, network, loss, optimizer, train, noise, o.Seed);
        using var evaluator = new Evaluator(acc, network, loss);
        using var testFeeder = new BatchFeeder(acc, test, network.MaxBatch);
        var outputs = new RunOutputs(o.Out);

        foreach (var line in network.Describe()) observer.OnMessage(line);
        var records = new List<EpochRecord>();
        var wall = Stopwatch.StartNew();
        Evaluation final = null!;
        var schedule = LearningRateSchedule.Parse(o.LrSchedule);
        for (int epoch = 1; epoch <= o.Epochs; epoch++)
        {
            optimizer.LearningRate = schedule.RateAt(o.LearningRate, epoch, o.Epochs);
            var (trainLoss, seconds) = session.RunEpoch((uint)epoch, o.Epochs, observer);
            if (epoch % Math.Max(1, o.EvaluateEvery) != 0 && epoch != o.Epochs) continue;
            final = evaluator.Evaluate(test, noise, o.Seed, testFeeder);
            var record = new EpochRecord(epoch, trainLoss, final.Loss, final.MseDenoised, final.PsnrNoisy, final.PsnrDenoised,
                final.SsimNoisy, final.SsimDenoised, seconds, train.Count / seconds);
            records.Add(record);
            outputs.WriteMetrics(records);
            observer.OnEpoch(record, o.Epochs);
        }
        wall.Stop();
        var result = new TrainingResult(config, records, final, network.ParameterCount, wall.Elapsed.TotalSeconds);
        outputs.WriteCheckpoint(config, network);
        outputs.WriteSummary(o, acc, result, optimizer);
        outputs.WriteLossPlot(records, config.Loss);
        var (clean, noisy, denoised) = evaluator.Samples(test, noise, o.Seed, testFeeder, 10);
        outputs.WriteSamples(clean, noisy, denoised, test.Height, test.Width);
        return result;
    }
}
