using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using GpuAE.Checkpoints;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Training;
using GpuAE.Metrics;
using GpuAE.Text;

namespace GpuAE.Stacked;

/// <summary>What a `gpuae stacked` run produced (Fit and the accuracies are null for `--finetune none`).</summary>
public sealed record StackedResult(ModelConfig Config, IReadOnlyList<LayerPretrainResult> Pretraining, int[] LabelledIndices,
    FitResult<ClassificationResult>? Fit, double? TrainAccuracy, double? PoolAccuracy, double WallSeconds)
{
    public double? TestAccuracy => Fit?.Final.Accuracy;

    /// <summary>One record per self-training round (empty without `--self-training`).</summary>
    public IReadOnlyList<SelfTrainingRound> SelfTraining { get; init; } = [];
}

/// <summary>
/// `gpuae stacked`: greedy pretraining of the stack on every image of the training pool
/// (labels unused), then a softmax head fine-tuned with <see cref="FitLoop.FitClassifier"/> on the
/// labelled subset (only the head for `--finetune softmax`, everything for `all`), then the run
/// folder: model.gae (catalog model "stacked"), summary.json, metrics.csv, pretraining.csv/svg,
/// confusion.csv/svg, loss.svg, accuracy.svg.
/// </summary>
public static class StackedTrainer
{
    public static StackedResult Run(StackedOptions o, Accelerator acc, Dataset pool, Dataset test, ITrainingObserver observer)
    {
        Validate(o);
        var wall = Stopwatch.StartNew();
        int depth = o.Layers.Length;
        var labelled = o.Finetune == FinetuneMode.None ? [] : LabelledIndices(pool, o);
        var config = StackedModel.Config(o.Layers, o.Finetune == FinetuneMode.None ? 0 : pool.ClassCount, pool.Height, pool.Width);
        using var stack = ModelCatalog.Create(config);
        stack.Build(acc, new TensorShape(1, pool.Height, pool.Width), Math.Max(1, o.Batch), o.Seed);
        foreach (var line in stack.Describe()) observer.OnMessage(line);

        var settings = new GreedyPretraining.Settings(o.PretrainIters, o.Batch, o.LearningRate, o.Noise, o.Seed);
        var pretraining = GreedyPretraining.Run(acc, stack, depth, pool, settings, observer);
        var outputs = new StackedOutputs(o.Out);
        outputs.WritePretraining(pretraining);
        if (o.Finetune == FinetuneMode.None)
        {
            Checkpoint.Save(Path.Combine(o.Out, "model.gae"), config, stack, TrainingData.Of(pool, o.Noise.ToString()));
            outputs.WritePretrainSummary(JsonSerializer.SerializeToNode(o), acc, stack.ParameterCount, pretraining, wall.Elapsed.TotalSeconds, DatasetOrigin.SummaryJson(pool, test));
            return new StackedResult(config, pretraining, labelled, null, null, null, wall.Elapsed.TotalSeconds);
        }

        var train = labelled.Length == pool.Count ? pool : pool.Select(labelled);
        var (fit, trainAccuracy, poolAccuracy, rounds) = Finetune(acc, stack, depth, labelled, train, pool, test, o, observer);
        Checkpoint.Save(Path.Combine(o.Out, "model.gae"), config, stack, TrainingData.Of(pool, o.Noise.ToString()));
        var result = new StackedResult(config, pretraining, labelled, fit, trainAccuracy, poolAccuracy, wall.Elapsed.TotalSeconds) { SelfTraining = rounds };
        WriteClassifierOutputs(o, acc, stack.ParameterCount, pool, test, result);
        return result;
    }

    /// <summary>summary.json (with the labelled subset and the pretraining records), metrics curves and the confusion matrix.</summary>
    private static void WriteClassifierOutputs(StackedOptions o, Accelerator acc, long parameters, Dataset pool, Dataset test, StackedResult r)
    {
        var (labelled, fit) = (r.LabelledIndices, r.Fit!);
        var folder = new RunFolder(o.Out);
        var extra = new JsonObject
        {
            ["labelled_count"] = labelled.Length,
            ["labelled_indices"] = o.LabelsPerClass is null ? "all" : new JsonArray([.. labelled.Select(i => (JsonNode)i)]),
            ["pool_count"] = pool.Count,
            ["pool_accuracy"] = Metrics.ConfusionMatrixFormats.Finite(r.PoolAccuracy!.Value),
            ["pretraining"] = StackedOutputs.PretrainingJson(r.Pretraining),
            ["self_training"] = StackedOutputs.SelfTrainingJson(r.SelfTraining),
            ["data"] = DatasetOrigin.SummaryJson(pool, test),
        };
        folder.WriteClassifierSummary(JsonSerializer.SerializeToNode(o), acc, parameters, fit, r.TrainAccuracy, test.ClassNames, extra);
        folder.WriteLossPlot(fit.Epochs, "softmax cross-entropy (per image)");
        folder.WriteAccuracyPlot(fit.Epochs);
        folder.WriteConfusion(fit.Final.Confusion, test.ClassNames,
            $"stacked {string.Join("-", o.Layers)} ({labelled.Length} labels, finetune {o.Finetune.ToString().ToLowerInvariant()}) on {test.Name} test: accuracy {fit.Final.Accuracy:P2}");
    }

    private static (FitResult<ClassificationResult> Fit, double TrainAccuracy, double PoolAccuracy, IReadOnlyList<SelfTrainingRound> Rounds) Finetune(Accelerator acc,
        Network stack, int depth, int[] labelled, Dataset train, Dataset pool, Dataset test, StackedOptions o, ITrainingObserver observer)
    {
        int epochs = o.FinetuneEpochs ?? StackedDefaults.FinetuneEpochs(train.Count, o.Batch);
        float lr = o.FinetuneLearningRate ?? o.LearningRate;
        int first = o.Finetune == FinetuneMode.Softmax ? StackedModel.Head(depth) : 0;
        observer.OnMessage($"fine-tuning {(first == 0 ? "every layer" : "the softmax head on the frozen stack")} on {Plural.Of(train.Count, "labelled image")}: {Plural.Of(epochs, "epoch")}, lr {lr}, batch {o.Batch}");
        using var optimizer = new Sgd(lr, 0f, o.WeightDecay);
        var fits = new FitSequence(acc, stack, optimizer, first, test, o, lr, observer);
        var fit = fits.Run(train, epochs);
        IReadOnlyList<SelfTrainingRound> rounds = [];
        if (o.SelfTrainingRounds > 0) (fit, rounds) = SelfTrain(acc, stack, fits, labelled, pool, o, observer);
        double trainAccuracy = Evaluator.Classify(acc, stack, train, NoiseSpec.None, o.Seed).Accuracy;
        double poolAccuracy = ReferenceEquals(train, pool) ? trainAccuracy : Evaluator.Classify(acc, stack, pool, NoiseSpec.None, o.Seed).Accuracy;
        return (fit, trainAccuracy, poolAccuracy, rounds);
    }

    /// <summary>
    /// Successive fits of the stack (fine-tuning, then each self-training round) kept as one
    /// curve: epochs are numbered on from the previous fit's last, metrics.csv is rewritten with
    /// the whole sequence after every evaluation, and each result holds every record so far.
    /// </summary>
    private sealed class FitSequence(Accelerator acc, Network stack, Optimizer optimizer, int first, Dataset test, StackedOptions o, float lr, ITrainingObserver observer)
    {
        private readonly RunFolder _folder = new(o.Out);
        private IReadOnlyList<EpochRecord<ClassificationResult>> _records = [];
        private double _seconds;

        public FitResult<ClassificationResult> Run(Dataset train, int epochs)
        {
            var settings = new FitSettings(epochs, lr, LearningRateSchedule.Constant, StackedDefaults.EvaluateEvery(epochs))
            {
                EpochOffset = _records.Count == 0 ? 0 : _records[^1].Epoch,
            };
            var fit = FitLoop.FitClassifier(acc, stack, optimizer, train, test, settings, o.FinetuneNoise, o.Seed, observer, first,
                _folder.WriteMetrics, _records);
            _records = fit.Epochs;
            _seconds += fit.WallSeconds;
            return fit with { WallSeconds = _seconds };
        }
    }

    /// <summary>The self-training rounds (see <see cref="SelfTraining"/>): the last round's fit and a record per round.</summary>
    private static (FitResult<ClassificationResult> Fit, IReadOnlyList<SelfTrainingRound> Rounds) SelfTrain(Accelerator acc, Network stack,
        FitSequence fits, int[] labelled, Dataset pool, StackedOptions o, ITrainingObserver observer)
    {
        var fineTuned = WeightsSnapshot.Take(stack);
        var rounds = new List<SelfTrainingRound>();
        FitResult<ClassificationResult> fit = null!;
        for (int round = 1; round <= o.SelfTrainingRounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var predictions = Evaluator.Predict(acc, stack, pool);
            int perClass = SelfTraining.PerClassInRound(PseudoLabelsPerClass(o, pool), round, o.SelfTrainingRounds);
            var pseudo = SelfTraining.MostConfident(predictions, labelled, pool.ClassCount, perClass);
            var union = SelfTraining.WithPseudoLabels(pool, labelled, pseudo, predictions);
            double pseudoAccuracy = SelfTraining.PseudoLabelAccuracy(pool, pseudo, predictions);
            int epochs = StackedDefaults.FinetuneEpochs(union.Count, o.Batch);
            observer.OnMessage($"self-training round {round}/{o.SelfTrainingRounds}: {labelled.Length} labelled + {pseudo.Length} pseudo-labelled images " +
                $"(pseudo-labels {pseudoAccuracy:P1} right), {Plural.Of(epochs, "epoch")}");
            fineTuned.RestoreTo(stack); // the round's student starts where the labelled fine-tuning ended, not from the last student
            fit = fits.Run(union, epochs);
            rounds.Add(new SelfTrainingRound(round, pseudo.Length, pseudoAccuracy, epochs, fit.Final.Accuracy, clock.Elapsed.TotalSeconds));
        }
        return (fit, rounds);
    }

    /// <summary>--pseudo-labels-per-class, by default an even share of the pool (so the last round can label all of it).</summary>
    public static int PseudoLabelsPerClass(StackedOptions o, Dataset pool) => o.PseudoLabelsPerClass ?? Math.Max(1, pool.Count / pool.ClassCount);

    /// <summary>Every image of the pool, or N per class drawn with the run's seed.</summary>
    public static int[] LabelledIndices(Dataset pool, StackedOptions o) => o.LabelsPerClass is int n
        ? LabelledSubset.Draw(pool.Labels, n, pool.ClassCount, o.Seed)
        : Enumerable.Range(0, pool.Count).ToArray();

    /// <summary>Checks every value before any data is read or device work starts.</summary>
    public static void Validate(StackedOptions o)
    {
        if (o.Layers.Length == 0 || o.Layers.Any(u => u <= 0)) throw new StackedException($"--layers: widths must be positive integers, got '{string.Join(",", o.Layers)}'");
        if (!(o.WeightDecay >= 0) || !float.IsFinite(o.WeightDecay)) throw new StackedException($"--weight-decay must be >= 0, got {o.WeightDecay}");
        if (o.PretrainIters < 0) throw new StackedException($"--pretrain-iters must be >= 0, got {o.PretrainIters}");
        if (!(o.LearningRate > 0) || !float.IsFinite(o.LearningRate)) throw new StackedException($"--lr must be a positive number, got {o.LearningRate}");
        if (o.FinetuneLearningRate is float f && (!(f > 0) || !float.IsFinite(f))) throw new StackedException($"--finetune-lr must be a positive number, got {f}");
        if (o.LabelsPerClass is <= 0) throw new StackedException($"--labels-per-class must be positive or 'all', got {o.LabelsPerClass}");
        if (o.FinetuneEpochs is <= 0) throw new StackedException($"--finetune-epochs must be positive, got {o.FinetuneEpochs}");
        if (o.Batch <= 0) throw new StackedException($"--batch must be positive, got {o.Batch}");
        if (o.SelfTrainingRounds < 0) throw new StackedException($"--self-training must be >= 0 rounds, got {o.SelfTrainingRounds}");
        if (o.PseudoLabelsPerClass is <= 0) throw new StackedException($"--pseudo-labels-per-class must be positive, got {o.PseudoLabelsPerClass}");
        if (o.PseudoLabelsPerClass is not null && o.SelfTrainingRounds == 0) throw new StackedException("--pseudo-labels-per-class needs --self-training R");
        if (o.SelfTrainingRounds > 0 && o.Finetune == FinetuneMode.None) throw new StackedException("--self-training needs a classifier: use --finetune softmax or all");
        if (o.SelfTrainingRounds > 0 && o.LabelsPerClass is null) throw new StackedException("--self-training needs unlabelled images: use --labels-per-class N");
    }
}

/// <summary>Defaults of the fine-tuning schedule (measured; see README, "Stacked denoising autoencoder").</summary>
public static class StackedDefaults
{
    /// <summary>At least 30 epochs and at least 3000 SGD updates (a few labels need many passes), at most 1000 epochs.</summary>
    public static int FinetuneEpochs(int labelled, int batch)
    {
        int perEpoch = Math.Max(1, (labelled + batch - 1) / Math.Max(1, batch));
        return Math.Clamp((3000 + perEpoch - 1) / perEpoch, 30, 1000);
    }

    /// <summary>About 20 test evaluations per run.</summary>
    public static int EvaluateEvery(int epochs) => Math.Max(1, epochs / 20);
}
