using CommandLine;
using GpuAE.Losses;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Training;

namespace GpuAE.Cli.Commands;

[Verb("train", HelpText = "Train a denoising autoencoder or a classifier (see `gpuae models`) and write a run folder.")]
public sealed class TrainOptions : DatasetOptions, ICommand
{
    [Option("model", Default = "dense", HelpText = "model name (see `gpuae models`)")]
    public string Model { get; set; } = "dense";

    [Option("noise", HelpText = "none | mask:P | saltpepper:P | gaussian:S | erase | mix (default: mask:0.2 for autoencoders, none for classifiers)")]
    public string? Noise { get; set; }

    [Option("epochs", Default = 20)] public int Epochs { get; set; } = 20;
    [Option("batch", Default = 128)] public int Batch { get; set; } = 128;
    [Option("optimizer", Default = "sgd", HelpText = "sgd | adam | adadelta")] public string Optimizer { get; set; } = "sgd";
    [Option("lr", Default = 0.1f, HelpText = "learning rate")] public float LearningRate { get; set; } = 0.1f;
    [Option("momentum", Default = 0f, HelpText = "SGD momentum")] public float Momentum { get; set; }
    [Option("lr-schedule", Default = "constant", HelpText = "constant | cosine (to zero over the run) | step:E:F (times F every E epochs)")] public string LrSchedule { get; set; } = "constant";
    [Option("hidden", Default = 1000, HelpText = "hidden units of the dense model")] public int Hidden { get; set; } = 1000;
    [Option("latent", Default = 4, HelpText = "latent size of the conv-linear model")] public int Latent { get; set; } = 4;
    [Option("loss", HelpText = "bce | mse for autoencoders (default: the model's); classifiers use softmax-ce")] public string? Loss { get; set; }
    [Option("seed", Default = 1UL)] public ulong Seed { get; set; } = 1;
    [Option("out", Default = "runs/train", HelpText = "run folder to write")] public string Out { get; set; } = "runs/train";

    public TrainingOptions ToTrainingOptions() => new()
    {
        Model = Model, Dataset = Dataset, Noise = EffectiveNoise, Epochs = Epochs, Batch = Batch, Optimizer = Optimizer,
        LearningRate = LearningRate, Momentum = Momentum, LrSchedule = LrSchedule, Hidden = Hidden, Latent = Latent, Loss = Loss, Seed = Seed, Device = Device,
        Kernels = Kernels, Out = Out, TrainLimit = TrainLimit, TestLimit = TestLimit, DataDir = DataDir,
    };

    private bool IsClassifier => ModelCatalog.Find(Model).IsClassifier;

    /// <summary>The --noise given, else the task's default: autoencoders denoise mask:0.2, classifiers train on clean images.</summary>
    public string EffectiveNoise => Noise ?? (IsClassifier ? "none" : "mask:0.2");

    /// <summary>Checks every value before any data is read, so mistakes fail in milliseconds.</summary>
    public void Validate()
    {
        ModelCatalog.Find(Model);
        NoiseSpec.Parse(EffectiveNoise);
        Optimizers.Optimizer.Create(Optimizer, LearningRate, Momentum).Dispose();
        if (Loss is not null) Losses.Loss.Create(Loss).Dispose();
        if (IsClassifier && Loss is not null && Loss is not ("softmax-ce" or "ce"))
            throw new UsageException($"--loss {Loss}: {Model} is a classifier, trained with softmax-ce");
        LearningRateSchedule.Parse(LrSchedule);
        if (Epochs <= 0) throw new UsageException($"--epochs must be positive, got {Epochs}");
        if (Batch <= 0) throw new UsageException($"--batch must be positive, got {Batch}");
        if (!(LearningRate > 0) || !float.IsFinite(LearningRate)) throw new UsageException($"--lr must be a positive number, got {LearningRate}");
        if (Momentum is < 0 or >= 1) throw new UsageException($"--momentum must be in [0, 1), got {Momentum}");
        if (Hidden <= 0) throw new UsageException($"--hidden must be positive, got {Hidden}");
        if (Latent <= 0) throw new UsageException($"--latent must be positive, got {Latent}");
    }

    public int Run()
    {
        Validate();
        var train = LoadSplit("train");
        var test = LoadSplit("test");
        using var acc = OpenAccelerator();
        Console.WriteLine($"training {Model} on {Dataset} ({train.Count} train / {test.Count} test images), noise {EffectiveNoise}, device {acc}");
        if (IsClassifier) return RunClassifier(acc, train, test);
        var result = Trainer.Run(ToTrainingOptions(), acc, train, test, new ConsoleObserver());
        var f = result.Final;
        Console.WriteLine($"done in {result.WallSeconds:F1} s: test PSNR {f.PsnrNoisy:F2} dB noisy -> {f.PsnrDenoised:F2} dB denoised, SSIM {f.SsimNoisy:F3} -> {f.SsimDenoised:F3}");
        Console.WriteLine($"wrote {Path.GetFullPath(Out)}/ (metrics.csv, summary.json, model.gae, loss.png, loss.svg, samples.png)");
        return 0;
    }

    private int RunClassifier(Compute.Accelerator acc, Data.Dataset train, Data.Dataset test)
    {
        var result = Classification.ClassifierTrainer.Run(ToTrainingOptions(), acc, train, test, new ConsoleObserver());
        Console.WriteLine($"done in {result.Fit.WallSeconds:F1} s: train accuracy {result.TrainAccuracy:P2}, test accuracy {result.Fit.Test.Accuracy:P2}");
        Console.Write(Metrics.ConfusionMatrixFormats.ToTable(result.Fit.Test.Confusion, test.ClassNames));
        Console.WriteLine($"wrote {Path.GetFullPath(Out)}/ (metrics.csv, summary.json, model.gae, confusion.csv; confusion, loss and accuracy charts as .png and .svg)");
        return 0;
    }
}
