using CommandLine;
using GpuAE.Losses;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Training;

namespace GpuAE.Cli.Commands;

/// <summary>
/// The training options `train` and `sweep` share. Where the command line is silent the model's
/// recipe (`gpuae models`) decides; <see cref="ToTrainingOptions"/> parses everything once into
/// typed values and checks it before any data is read.
/// </summary>
public abstract class ModelTrainingOptions : DatasetOptions
{
    public const string FromRecipe = "default: the model's recipe, see `gpuae models`";

    [Option("model", Default = "dense", HelpText = "model to train (see `gpuae models`)")]
    public string Model { get; set; } = "dense";

    [Option("epochs", HelpText = "passes over the training split (" + FromRecipe + ")")] public int? Epochs { get; set; }
    [Option("batch", HelpText = "images per training step (" + FromRecipe + ")")] public int? Batch { get; set; }
    [Option("optimizer", HelpText = "sgd | adam | adadelta (" + FromRecipe + ")")] public string? Optimizer { get; set; }
    [Option("lr", HelpText = "learning rate, the step size per update (" + FromRecipe + ")")] public float? LearningRate { get; set; }
    [Option("momentum", Default = 0f, HelpText = "SGD momentum, 0 <= m < 1")] public float Momentum { get; set; }
    [Option("lr-schedule", HelpText = "constant | cosine (to zero over the run) | step:E:F (times F every E epochs) (" + FromRecipe + ")")] public string? LrSchedule { get; set; }
    [Option("hidden", Default = 1000, HelpText = "hidden units of the dense model")] public int Hidden { get; set; } = 1000;
    [Option("latent", Default = 4, HelpText = "latent vector length of the conv-linear model")] public int Latent { get; set; } = 4;
    [Option("loss", HelpText = "bce | mse for autoencoders; classifiers use softmax-ce (" + FromRecipe + ")")] public string? Loss { get; set; }
    [Option("seed", Default = 1UL, HelpText = "seed of the weights, the shuffles and the noise")] public ulong Seed { get; set; } = 1;
    [Option("force", HelpText = "overwrite an output folder that holds another run's results (default: refuse)")] public bool Force { get; set; }

    /// <summary>The training noise as given (null: the recipe's).</summary>
    protected abstract string? NoiseText { get; }

    protected abstract string OutFolder { get; }

    /// <summary>The run's options: the model's recipe, overridden by every option given; parsed and checked here, once.</summary>
    public TrainingOptions ToTrainingOptions()
    {
        var recipe = TrainingOptions.FromRecipe(Model);
        return (recipe with
        {
            Dataset = Dataset ?? Data.KnownDatasets.FashionMnist,
            TestDataset = TestDataset,
            Resize = Resize,
            Noise = NoiseText is null ? recipe.Noise : NoiseSpec.Parse(NoiseText),
            Epochs = Epochs ?? recipe.Epochs,
            Batch = Batch ?? recipe.Batch,
            Optimizer = Optimizer is null ? recipe.Optimizer : OptimizerSpec.ParseKind(Optimizer),
            LearningRate = LearningRate ?? recipe.LearningRate,
            Momentum = Momentum,
            LrSchedule = LrSchedule is null ? recipe.LrSchedule : LearningRateSchedule.Parse(LrSchedule),
            Hidden = Hidden,
            Latent = Latent,
            Loss = Loss is null ? null : LossKinds.Parse(Loss),
            Seed = Seed,
            Device = Device,
            Kernels = Kernels,
            StepGraph = StepGraphChoice,
            Out = OutFolder,
            TrainLimit = TrainLimit,
            TestLimit = TestLimit,
            DataDir = DataDir,
        }).Validated();
    }

    /// <summary>"adam lr 0.001 (recipe), mse (recipe), batch 128 (recipe), ..." : what the run uses and where each value came from.</summary>
    public string Settings(TrainingOptions o)
    {
        static string From(object? given) => given is null ? " (recipe)" : "";
        return $"{o.OptimizerSpec}{From(Optimizer ?? (object?)LearningRate)}, loss {o.EffectiveLoss.Name()}{From(Loss)}, batch {o.Batch}{From(Batch)}, " +
            $"noise {o.Noise}{From(NoiseText)}, {Text.Plural.Of(o.Epochs, "epoch")}{From(Epochs)}" +
            (o.LrSchedule == LearningRateSchedule.Constant ? "" : $", schedule {o.LrSchedule}{From(LrSchedule)}");
    }

    protected bool IsClassifier => ModelCatalog.Find(Model).IsClassifier;

    /// <summary>
    /// The output folder of a new run: refused when it is a file or holds another run (unless
    /// --force, which removes that run's files first), created and checked writable before any data is read.
    /// </summary>
    protected void PrepareOutput(string folder)
    {
        IO.OutputFolder.PrepareNew(folder, "--out", Force);
        if (Force) IO.OutputFolder.RemoveRunFiles(folder);
    }
}
