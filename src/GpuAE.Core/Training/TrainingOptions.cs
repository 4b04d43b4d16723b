using System.Text.Json.Serialization;
using GpuAE.Losses;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;

namespace GpuAE.Training;

/// <summary>
/// One training run's configuration, parsed and checked once (the CLI builds it from the command
/// line over the model's recipe; presets build it in code) and recorded in summary.json: the
/// noise, optimizer, schedule and loss are typed values written as the text the command line
/// takes ("mask:0.2", "adam", "cosine", "mse"). <see cref="Dataset"/> is what `--dataset` said: a
/// known name or a path (see Data/DatasetLocation; summary.json's "data" lists the files read).
/// </summary>
public sealed record TrainingOptions
{
    public string Model { get; init; } = "dense";
    public string Dataset { get; init; } = "fashion-mnist";

    /// <summary>--test-dataset: a CSV dataset's test file, when given (left out of the JSON when not).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TestDataset { get; init; }

    /// <summary>--resize N: images resampled to N x N (left out of the JSON when not given).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Resize { get; init; }
    public NoiseSpec Noise { get; init; } = NoiseSpec.Parse("mask:0.2");
    public int Epochs { get; init; } = 20;
    public int Batch { get; init; } = 128;
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;
    public float LearningRate { get; init; } = 0.1f;
    public float Momentum { get; init; }
    public LearningRateSchedule LrSchedule { get; init; } = LearningRateSchedule.Constant;
    public int Hidden { get; init; } = 1000;
    public int Latent { get; init; } = 4;

    /// <summary>The loss; null = the model's recipe (softmax-ce for classifiers).</summary>
    public LossKind? Loss { get; init; }
    public ulong Seed { get; init; } = 1;
    public string Device { get; init; } = "auto";
    public string? Kernels { get; init; }

    /// <summary>
    /// Record a full-batch step as a step graph and replay it (see TrainingSession.UseStepGraph):
    /// null (the default) where the device can (<see cref="GpuAE.Compute.Accelerator.RecordsStepGraphs"/>: CUDA),
    /// true also asks elsewhere (where it runs eagerly, with a note), false never.
    /// </summary>
    public bool? StepGraph { get; init; }
    public string Out { get; init; } = "runs/train";
    public int? TrainLimit { get; init; }
    public int? TestLimit { get; init; }
    public string DataDir { get; init; } = "data";

    /// <summary>Evaluate on the test split every K epochs (and after the last); metrics.csv has a row per evaluation.</summary>
    public int EvaluateEvery { get; init; } = 1;

    [JsonIgnore] public OptimizerSpec OptimizerSpec => new(Optimizer, LearningRate, Momentum);

    /// <summary>The loss this run trains with: --loss, else the model's recipe.</summary>
    [JsonIgnore] public LossKind EffectiveLoss => Loss ?? ModelRecipes.For(Model).Loss;

    /// <summary>The recipe's settings for a model (what `gpuae train --model M` does with no other option).</summary>
    public static TrainingOptions FromRecipe(string model)
    {
        var entry = ModelCatalog.Find(model);
        var r = ModelRecipes.For(entry.Name);
        return new TrainingOptions
        {
            Model = entry.Name, Noise = r.Noise, Epochs = r.Epochs, Batch = r.Batch, Optimizer = r.Optimizer,
            LearningRate = r.LearningRate, LrSchedule = r.Schedule,
        };
    }

    /// <summary>Checks every value (one line naming the option) before any data is read.</summary>
    public TrainingOptions Validated()
    {
        var entry = ModelCatalog.Find(Model);
        _ = OptimizerSpec;
        if (Epochs <= 0) throw new ArgumentException($"--epochs must be positive, got {Epochs}");
        if (Batch <= 0) throw new ArgumentException($"--batch must be positive, got {Batch}");
        if (Hidden <= 0) throw new ArgumentException($"--hidden must be positive, got {Hidden}");
        if (Latent <= 0) throw new ArgumentException($"--latent must be positive, got {Latent}");
        if (EvaluateEvery <= 0) throw new ArgumentException($"evaluate-every must be positive, got {EvaluateEvery}");
        if (entry.IsClassifier && Loss is LossKind l && l != LossKind.SoftmaxCrossEntropy)
            throw new ArgumentException($"--loss {l.Name()}: {entry.Name} is a classifier, trained with softmax-ce");
        if (!entry.IsClassifier && Loss == LossKind.SoftmaxCrossEntropy)
            throw new ArgumentException($"--loss softmax-ce: {entry.Name} is a denoising autoencoder (use mse or bce)");
        return this;
    }
}
