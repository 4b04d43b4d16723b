using System.Text.Json;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Training;

namespace GpuAE.Classification;

/// <summary>The result of `gpuae train` on a classifier model.</summary>
public sealed record ClassifierTrainingResult(ModelConfig Config, ClassifierFitResult Fit, double TrainAccuracy, long Parameters);

/// <summary>
/// `gpuae train --model lenet|vgg-small|...`: trains a catalog classifier with softmax
/// cross-entropy (on noisy inputs when --noise is given) and writes the run folder.
/// </summary>
public static class ClassifierTrainer
{
    public static ClassifierTrainingResult Run(TrainingOptions o, Accelerator acc, Dataset train, Dataset test, ITrainingObserver observer)
    {
        var entry = ModelCatalog.Find(o.Model, ModelTask.Classifier);
        var config = new ModelConfig { Name = entry.Name, Hidden = o.Hidden, Latent = o.Latent, InputHeight = train.Height, InputWidth = train.Width, Loss = "softmax-ce", Classes = Dataset.ClassCount };
        using var network = ModelCatalog.Create(config);
        network.Build(acc, new TensorShape(1, train.Height, train.Width), Math.Max(1, Math.Min(o.Batch, train.Count)), o.Seed);
        using var optimizer = Optimizer.Create(o.Optimizer, o.LearningRate, o.Momentum);
        foreach (var line in network.Describe()) observer.OnMessage(line);

        var outputs = new ClassifierRunOutputs(o.Out);
        var settings = new ClassifierFit.Settings(o.Epochs, NoiseSpec.Parse(o.Noise), o.Seed, EvaluateEvery: o.EvaluateEvery,
            Schedule: LearningRateSchedule.Parse(o.LrSchedule));
        var fit = ClassifierFit.Run(acc, network, optimizer, train, test, settings, observer, outputs.WriteMetrics);
        double trainAccuracy = Accuracy(acc, network, train, o.Seed);

        new RunOutputs(o.Out).WriteCheckpoint(config, network);
        outputs.WriteSummary(JsonSerializer.SerializeToNode(o), acc, network.ParameterCount, fit, trainAccuracy, test.ClassNames);
        outputs.WriteCurves(fit.Epochs);
        outputs.WriteConfusion(fit.Test.Confusion, test.ClassNames, $"{entry.Name} on {test.Name} test: accuracy {fit.Test.Accuracy:P2}");
        return new ClassifierTrainingResult(config, fit, trainAccuracy, network.ParameterCount);
    }

    /// <summary>A built classifier's predicted class and its probability for every image of a split (clean images).</summary>
    public static Predictions Predict(Accelerator acc, Network network, Dataset data)
    {
        using var evaluator = new ClassificationEvaluator(acc, network);
        using var feeder = new BatchFeeder(acc, data, network.MaxBatch);
        return evaluator.Predict(data, feeder);
    }

    /// <summary>Clean-image accuracy of a built classifier on a split.</summary>
    public static double Accuracy(Accelerator acc, Network network, Dataset data, ulong seed)
    {
        using var evaluator = new ClassificationEvaluator(acc, network);
        using var feeder = new BatchFeeder(acc, data, network.MaxBatch);
        return evaluator.Evaluate(data, NoiseSpec.None, seed, feeder).Accuracy;
    }
}
