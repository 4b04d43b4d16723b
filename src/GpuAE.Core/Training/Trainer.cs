using System.Text.Json;
using GpuAE.Checkpoints;
using GpuAE.Compute;
using GpuAE.Compute.Tuning;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Metrics;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;

namespace GpuAE.Training;

/// <summary>The result of `gpuae train`: per-epoch records, the last test evaluation, and for a classifier its accuracy on the training split.</summary>
public sealed record TrainingResult<T>(ModelConfig Config, IReadOnlyList<EpochRecord<T>> Epochs, T Final, long Parameters, double WallSeconds) where T : ITestResult
{
    public double? TrainAccuracy { get; init; }
}

/// <summary>
/// `gpuae train`: builds the model, its loss and optimizer, runs <see cref="FitLoop"/> with the
/// task's test evaluation (a denoiser: image quality at the training noise; a classifier:
/// accuracy on clean images) and writes the run folder (<see cref="RunFolder"/>; metrics.csv
/// after every evaluation, the rest at the end).
/// </summary>
public static class Trainer
{
    /// <summary>Trains a denoising autoencoder.</summary>
    public static TrainingResult<Evaluation> Run(TrainingOptions o, Accelerator acc, Dataset train, Dataset test, ITrainingObserver observer)
    {
        using var run = new TrainingRun(o, acc, train, test, ModelTask.Autoencoder, observer);
        var fit = run.Fit(() => run.Evaluator.Denoising(test, o.Noise, o.Seed, run.TestFeeder));
        var result = new TrainingResult<Evaluation>(run.Config, fit.Epochs, fit.Final, run.Network.ParameterCount, fit.WallSeconds);
        run.Folder.WriteCheckpoint(run.Config, run.Network, TrainingData.Of(train, o.Noise.ToString()));
        run.Folder.WriteSummary(o, acc, result, run.Optimizer.Name, DatasetOrigin.SummaryJson(train, test));
        run.Folder.WriteLossPlot(fit.Epochs, $"{run.Config.Loss.ToUpperInvariant()} loss (per pixel)");
        var (clean, noisy, denoised) = run.Evaluator.Samples(test, o.Noise, o.Seed, run.TestFeeder, 10);
        run.Folder.WriteSamples(clean, noisy, denoised, test.Height, test.Width);
        return result;
    }

    /// <summary>Trains a classifier with softmax cross-entropy (on noisy inputs when the options' noise is not none).</summary>
    public static TrainingResult<ClassificationResult> RunClassifier(TrainingOptions o, Accelerator acc, Dataset train, Dataset test, ITrainingObserver observer)
    {
        using var run = new TrainingRun(o, acc, train, test, ModelTask.Classifier, observer);
        var fit = run.Fit(() => run.Evaluator.Classification(test, NoiseSpec.None, o.Seed, run.TestFeeder));
        double trainAccuracy = Evaluator.Classify(acc, run.Network, train, NoiseSpec.None, o.Seed).Accuracy;
        run.Folder.WriteCheckpoint(run.Config, run.Network, TrainingData.Of(train, o.Noise.ToString()));
        run.Folder.WriteClassifierSummary(JsonSerializer.SerializeToNode(o), acc, run.Network.ParameterCount, fit, trainAccuracy, test.ClassNames,
            DatasetOrigin.SummaryJson(train, test) is { } data ? new System.Text.Json.Nodes.JsonObject { ["data"] = data } : null);
        run.Folder.WriteLossPlot(fit.Epochs, "softmax cross-entropy (per image)");
        run.Folder.WriteAccuracyPlot(fit.Epochs);
        run.Folder.WriteConfusion(fit.Final.Confusion, test.ClassNames, $"{run.Config.Name} on {test.Name} test: accuracy {fit.Final.Accuracy:P2}");
        return new TrainingResult<ClassificationResult>(run.Config, fit.Epochs, fit.Final, run.Network.ParameterCount, fit.WallSeconds) { TrainAccuracy = trainAccuracy };
    }

    /// <summary>The pieces both tasks train with: the built network, its loss, optimizer, session, test evaluator and the run folder.</summary>
    private sealed class TrainingRun : IDisposable
    {
        private readonly TrainingOptions _o;
        private readonly Accelerator _acc;
        private readonly ITrainingObserver _observer;

        public TrainingRun(TrainingOptions o, Accelerator acc, Dataset train, Dataset test, ModelTask task, ITrainingObserver observer)
        {
            _o = o.Validated();
            _observer = observer;
            _acc = acc;
            var entry = ModelCatalog.Find(o.Model, task);
            Config = new ModelConfig
            {
                Name = entry.Name, Hidden = o.Hidden, Latent = o.Latent, InputHeight = train.Height, InputWidth = train.Width,
                Loss = o.EffectiveLoss.Name(), Classes = train.ClassCount,
            };
            Network = ModelCatalog.Create(Config);
            BuildFor(Network, entry, train, Math.Max(1, Math.Min(o.Batch, train.Count)), o.Seed, acc);
            Loss = Loss.Create(o.EffectiveLoss);
            Loss.Build(acc, Network);
            Optimizer = o.OptimizerSpec.Create();
            Session = new TrainingSession(acc, Network, Loss, Optimizer, train, o.Noise, o.Seed);
            if (o.StepGraph) Session.UseStepGraph();
            Evaluator = new Evaluator(acc, Network, Loss);
            TestFeeder = new BatchFeeder(acc, test, Network.MaxBatch);
            Folder = new RunFolder(o.Out);
            foreach (var line in Network.Describe()) observer.OnMessage(line);
        }

        /// <summary>Builds the network for the data's image size: a size the model's layers cannot take, or an autoencoder that would not give back that size, is one line naming both.</summary>
        private static void BuildFor(Network network, ModelCatalog.Entry entry, Dataset train, int maxBatch, ulong seed, Accelerator acc)
        {
            var input = new TensorShape(1, train.Height, train.Width);
            try
            {
                network.Build(acc, input, maxBatch, seed);
            }
            catch (ArgumentException e)
            {
                network.Dispose();
                throw new ArgumentException($"--model {entry.Name} cannot take the {train.Width}x{train.Height} images of {train.Name} ({e.Message}); --resize 28 resamples them to the size it was designed for", e);
            }
            if (!entry.IsClassifier && network.OutputShape.Size != input.Size)
            {
                network.Dispose();
                throw new ArgumentException($"--model {entry.Name} turns {train.Width}x{train.Height} images into {network.OutputShape.Describe()}, so it cannot learn to reconstruct {train.Name}; " +
                    "--resize 28 resamples the images to the size it was designed for");
            }
        }

        public ModelConfig Config { get; }
        public Network Network { get; }
        public Loss Loss { get; }
        public Optimizer Optimizer { get; }
        public TrainingSession Session { get; }
        public Evaluator Evaluator { get; }
        public BatchFeeder TestFeeder { get; }
        public RunFolder Folder { get; }

        public FitResult<T> Fit<T>(Func<T> evaluate) where T : ITestResult =>
            FitLoop.Run(Session, evaluate, new FitSettings(_o.Epochs, _o.LearningRate, _o.LrSchedule, _o.EvaluateEvery)
            {
                Tuning = KernelTuner.TunesByDefault(_acc) ? TuningCache.Open() : null,
            }, _observer, Folder.WriteMetrics);

        public void Dispose()
        {
            TestFeeder.Dispose();
            Evaluator.Dispose();
            Session.Dispose();
            Optimizer.Dispose();
            Loss.Dispose();
            Network.Dispose();
        }
    }
}
