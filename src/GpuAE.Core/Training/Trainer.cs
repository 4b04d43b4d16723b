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
/// accuracy on clean images) and writes the run folder (<see cref="RunFolder"/>): after every
/// epoch metrics.csv, model.gae and the resume state (resume.gae, removed once the run is
/// complete), the rest at the end. Given a <see cref="ResumeState"/>, it continues that run
/// after its last finished epoch. A diverging loss stops it with the folder as it was after the
/// last good epoch.
/// </summary>
public static class Trainer
{
    /// <summary>Trains a denoising autoencoder (continuing <paramref name="resume"/> when given).</summary>
    public static TrainingResult<Evaluation> Run(TrainingOptions o, Accelerator acc, Dataset train, Dataset test, ITrainingObserver observer, ResumeState? resume = null)
    {
        using var run = new TrainingRun(o, acc, train, test, ModelTask.Autoencoder, observer, resume);
        var fit = run.Fit(() => run.Evaluator.Denoising(test, o.Noise, o.Seed, run.TestFeeder));
        var result = new TrainingResult<Evaluation>(run.Config, fit.Epochs, fit.Final, run.Network.ParameterCount, fit.WallSeconds);
        run.Folder.WriteCheckpoint(run.Config, run.Network, TrainingData.Of(train, o.Noise.ToString()));
        run.Folder.WriteSummary(o, acc, result, run.Optimizer.Name, DatasetOrigin.SummaryJson(train, test));
        run.Folder.WriteLossPlot(fit.Epochs, $"{run.Config.Loss.ToUpperInvariant()} loss (per pixel)");
        var (clean, noisy, denoised) = run.Evaluator.Samples(test, o.Noise, o.Seed, run.TestFeeder, 10);
        run.Folder.WriteSamples(clean, noisy, denoised, test.Height, test.Width);
        run.Complete(fit.Epochs);
        return result;
    }

    /// <summary>Trains a classifier with softmax cross-entropy (on noisy inputs when the options' noise is not none).</summary>
    public static TrainingResult<ClassificationResult> RunClassifier(TrainingOptions o, Accelerator acc, Dataset train, Dataset test, ITrainingObserver observer, ResumeState? resume = null)
    {
        using var run = new TrainingRun(o, acc, train, test, ModelTask.Classifier, observer, resume);
        var fit = run.Fit(() => run.Evaluator.Classification(test, NoiseSpec.None, o.Seed, run.TestFeeder));
        double trainAccuracy = Evaluator.Classify(acc, run.Network, train, NoiseSpec.None, o.Seed).Accuracy;
        run.Folder.WriteCheckpoint(run.Config, run.Network, TrainingData.Of(train, o.Noise.ToString()));
        run.Folder.WriteClassifierSummary(JsonSerializer.SerializeToNode(o), acc, run.Network.ParameterCount, fit, trainAccuracy, test.ClassNames,
            DatasetOrigin.SummaryJson(train, test) is { } data ? new System.Text.Json.Nodes.JsonObject { ["data"] = data } : null);
        run.Folder.WriteLossPlot(fit.Epochs, "softmax cross-entropy (per image)");
        run.Folder.WriteAccuracyPlot(fit.Epochs);
        run.Folder.WriteConfusion(fit.Final.Confusion, test.ClassNames, $"{run.Config.Name} on {test.Name} test: accuracy {fit.Final.Accuracy:P2}");
        run.Complete(fit.Epochs);
        return new TrainingResult<ClassificationResult>(run.Config, fit.Epochs, fit.Final, run.Network.ParameterCount, fit.WallSeconds) { TrainAccuracy = trainAccuracy };
    }

    /// <summary>
    /// The header of a `train` run's resume state: its kind, task and options, and what the run's
    /// checkpoint records of its training data (the files' SHA-256, image size, class names, noise).
    /// </summary>
    public static System.Text.Json.Nodes.JsonObject ResumeHeader(TrainingOptions o, ModelTask task, TrainingData? data = null)
    {
        var header = new System.Text.Json.Nodes.JsonObject
        {
            ["kind"] = "train",
            ["task"] = task == ModelTask.Classifier ? "classifier" : "autoencoder",
            ["options"] = JsonSerializer.SerializeToNode(o),
        };
        if (data is not null) header["training_data"] = JsonSerializer.SerializeToNode(data);
        return header;
    }

    /// <summary>
    /// A run continues only on the data it started on: the files' contents (SHA-256; paths may move
    /// with --data-dir), image size and class names must match what the state recorded. A state
    /// without the record (written before GpuAE kept it) is taken as it is.
    /// </summary>
    private static void CheckSameData(ResumeState state, TrainingData now)
    {
        if (state.Header["training_data"] is null) return;
        var saved = state.Get<TrainingData>("training_data");
        static string Hashes(TrainingData d) => string.Join(",", d.Dataset?.Files.Select(f => f.Sha256) ?? []);
        string? difference =
            Hashes(saved) != Hashes(now) ? $"its files' contents differ (SHA-256 {Text.Printable.Of(Hashes(saved), 20)} then, {Text.Printable.Of(Hashes(now), 20)} now)"
            : (saved.ImageWidth, saved.ImageHeight) != (now.ImageWidth, now.ImageHeight) ? $"its images were {saved.ImageWidth}x{saved.ImageHeight}, now {now.ImageWidth}x{now.ImageHeight}"
            : !saved.ClassNames.SequenceEqual(now.ClassNames) ? "its class names differ"
            : null;
        if (difference is not null)
            throw new StateFileException($"resume state '{state.Path}' was saved training on {Text.Printable.Of(saved.Describe(), 120)}, and {difference}; " +
                "resume on the same data, or start a new run with --force");
    }

    /// <summary>The options a run's resume state was saved with.</summary>
    public static TrainingOptions ResumedOptions(ResumeState state)
    {
        if (state.Kind != "train") throw new StateFileException($"resume state '{state.Path}' belongs to `gpuae {Text.Printable.Of(state.Kind)}`, not `gpuae train`");
        return state.Read("options", n =>
        {
            var o = n.Deserialize<TrainingOptions>(ResumeState.Json) ?? throw new FormatException("empty");
            if (o.Model is null || o.Dataset is null || o.Noise is null || o.LrSchedule is null || o.Device is null || o.Out is null || o.DataDir is null)
                throw new FormatException("a setting is missing");
            return o.Validated();
        });
    }

    /// <summary>
    /// The resume state a folder holds when it was saved with these same options (device and
    /// folders aside), else null: what a sweep cell or a reproduce run continues from after a kill.
    /// </summary>
    public static ResumeState? ResumableIn(string folder, TrainingOptions options)
    {
        if (!ResumeState.ExistsIn(folder)) return null;
        try
        {
            var state = ResumeState.Load(folder);
            var saved = ResumedOptions(state);
            return saved with { Out = options.Out, Device = options.Device, Kernels = options.Kernels, StepGraph = options.StepGraph, DataDir = options.DataDir } == options ? state : null;
        }
        catch (StateFileException) { return null; } // a damaged or foreign state: the run starts over
    }

    /// <summary>The pieces both tasks train with: the built network, its loss, optimizer, session, test evaluator and the run folder.</summary>
    private sealed class TrainingRun : IDisposable
    {
        private readonly TrainingOptions _o;
        private readonly Accelerator _acc;
        private readonly ITrainingObserver _observer;
        private readonly ResumeState? _resume;
        private readonly ModelTask _task;
        private readonly TrainingData _data;
        private int? _savedEpoch;

        public TrainingRun(TrainingOptions o, Accelerator acc, Dataset train, Dataset test, ModelTask task, ITrainingObserver observer, ResumeState? resume)
        {
            _o = o.Validated();
            _observer = observer;
            _acc = acc;
            _resume = resume;
            _task = task;
            _savedEpoch = resume?.Epoch;
            _data = TrainingData.Of(train, o.Noise.ToString());
            if (resume is not null) CheckSameData(resume, _data); // before anything is built
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
            Session.UseStepGraph(o.StepGraph);
            Evaluator = new Evaluator(acc, Network, Loss);
            TestFeeder = new BatchFeeder(acc, test, Network.MaxBatch);
            Folder = new RunFolder(o.Out);
            foreach (var line in Network.Describe()) observer.OnMessage(line);
            observer.OnMessage(Session.Feeder.Residence.Describe());
            if (resume is null) return;
            resume.RestoreInto(acc, Network, Optimizer);
            observer.OnMessage($"resuming after epoch {resume.Epoch} of {o.Epochs} ({resume.Path})");
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

        /// <summary>
        /// Runs the fit (from the resumed epoch on; kernel variants tuned first on GPUs), saving the
        /// checkpoint and the resume state after every epoch.
        /// </summary>
        public FitResult<T> Fit<T>(Func<T> evaluate) where T : ITestResult
        {
            var settings = new FitSettings(_o.Epochs, _o.LearningRate, _o.LrSchedule, _o.EvaluateEvery)
            {
                Tuning = KernelTuner.TunesByDefault(_acc) ? TuningCache.Open() : null,
            };
            if (_resume is null) // the state before the first epoch: a run killed at any point after this can be resumed
                ResumeState.Save(Folder.Folder, ResumeHeader(_o, _task, _data), new FitState<T>(0, [], double.NaN, 0), Network, Optimizer);
            try
            {
                return _resume is null
                    ? FitLoop.Run(Session, evaluate, settings, _observer, Folder.WriteMetrics, afterEpoch: Save)
                    : FitLoop.Run(Session, evaluate, _resume.Continue(settings), _observer, Folder.WriteMetrics, _resume.Records<T>(), Save);
            }
            catch (TrainingDivergedException e)
            {
                e.Kept = _savedEpoch is int k and > 0
                    ? $"{Folder.Folder} keeps the checkpoint and metrics of epoch {k}"
                    : "no epoch finished, so there is no checkpoint";
                throw;
            }
        }

        /// <summary>After every epoch: model.gae (recording its training data), then the state to resume from (each written atomically).</summary>
        private void Save<T>(FitState<T> state) where T : ITestResult
        {
            Folder.WriteCheckpoint(Config, Network, _data);
            ResumeState.Save(Folder.Folder, ResumeHeader(_o, _task, _data), state, Network, Optimizer);
            _savedEpoch = state.Epoch;
        }

        /// <summary>The run is complete: metrics.csv once more (a resumed run may not have rewritten it) and no resume state.</summary>
        public void Complete<T>(IReadOnlyList<EpochRecord<T>> records) where T : ITestResult
        {
            Folder.WriteMetrics(records);
            File.Delete(ResumeState.PathIn(Folder.Folder));
        }

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
