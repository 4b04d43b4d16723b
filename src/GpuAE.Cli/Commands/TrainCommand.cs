using CommandLine;
using GpuAE.Losses;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Training;

namespace GpuAE.Cli.Commands;

[Verb("train", HelpText = "Train a denoising autoencoder and write a run folder.")]
public sealed class TrainOptions : DatasetOptions, ICommand
{
    [Option("model", Default = "dense", HelpText = "model name (see `gpuae models`)")]
    public string Model { get; set; } = "dense";

    [Option("noise", Default = "mask:0.2", HelpText = "none | mask:P | saltpepper:P | gaussian:S | erase | mix")]
    public string Noise { get; set; } = "mask:0.2";

    [Option("epochs", Default = 20)] public int Epochs { get; set; } = 20;
    [Option("batch", Default = 128)] public int Batch { get; set; } = 128;
    [Option("optimizer", Default = "sgd", HelpText = "sgd | adam | adadelta")] public string Optimizer { get; set; } = "sgd";
    [Option("lr", Default = 0.1f, HelpText = "learning rate")] public float LearningRate { get; set; } = 0.1f;
    [Option("momentum", Default = 0f, HelpText = "SGD momentum")] public float Momentum { get; set; }
    [Option("hidden", Default = 1000, HelpText = "hidden units of the dense model")] public int Hidden { get; set; } = 1000;
    [Option("latent", Default = 4, HelpText = "latent size of the conv-linear model")] public int Latent { get; set; } = 4;
    [Option("loss", HelpText = "bce | mse (default: the model's)")] public string? Loss { get; set; }
    [Option("seed", Default = 1UL)] public ulong Seed { get; set; } = 1;
    [Option("out", Default = "runs/train", HelpText = "run folder to write")] public string Out { get; set; } = "runs/train";

    public TrainingOptions ToTrainingOptions() => new()
    {
        Model = Model, Dataset = Dataset, Noise = Noise, Epochs = Epochs, Batch = Batch, Optimizer = Optimizer,
        LearningRate = LearningRate, Momentum = Momentum, Hidden = Hidden, Latent = Latent, Loss = Loss, Seed = Seed, Device = Device,
        Kernels = Kernels, Out = Out, TrainLimit = TrainLimit, TestLimit = TestLimit, DataDir = DataDir,
    };

    /// <summary>Checks every value before any data is read, so mistakes fail in milliseconds.</summary>
    public void Validate()
    {
        ModelCatalog.Find(Model);
        NoiseSpec.Parse(Noise);
        Optimizers.Optimizer.Create(Optimizer, LearningRate, Momentum).Dispose();
        if (Loss is not null) Losses.Loss.Create(Loss).Dispose();
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
        Console.WriteLine($"training {Model} on {Dataset} ({train.Count} train / {test.Count} test images), noise {Noise}, device {acc}");
        var result = Trainer.Run(ToTrainingOptions(), acc, train, test, new ConsoleObserver());
        var f = result.Final;
        Console.WriteLine($"done in {result.WallSeconds:F1} s: test PSNR {f.PsnrNoisy:F2} dB noisy -> {f.PsnrDenoised:F2} dB denoised, SSIM {f.SsimNoisy:F3} -> {f.SsimDenoised:F3}");
        Console.WriteLine($"wrote {Path.GetFullPath(Out)}/ (metrics.csv, summary.json, model.gae, loss.svg, samples.png)");
        return 0;
    }
}
