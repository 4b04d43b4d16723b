using CommandLine;
using GpuAE.Metrics;
using GpuAE.Training;

namespace GpuAE.Cli.Commands;

[Verb("train", HelpText = "Train a denoising autoencoder or a classifier (see `gpuae models`) and write a run folder.")]
public sealed class TrainOptions : ModelTrainingOptions, ICommand
{
    [Option("noise", HelpText = "training noise: none | mask:P | saltpepper:P | gaussian:S | erase | mix, P a fraction of the pixels, S a standard deviation in [0, 1] pixel units (" + FromRecipe + ")")]
    public string? Noise { get; set; }

    [Option("out", Default = "runs/train", HelpText = "run folder to write")] public string Out { get; set; } = "runs/train";

    protected override string? NoiseText => Noise;
    protected override string OutFolder => Out;

    public int Run()
    {
        var options = ToTrainingOptions(); // every value checked before any data is read
        var (train, test) = LoadSplits();
        using var acc = OpenAccelerator();
        var observer = new ConsoleObserver();
        observer.OnMessage($"training {options.Model} on {Location.Describe()} ({train.Count} train / {test.Count} test images of {train.Width}x{train.Height}), device {acc}");
        observer.OnMessage($"settings: {Settings(options)}");
        if (IsClassifier) return RunClassifier(options, acc, train, test, observer);
        var result = Trainer.Run(options, acc, train, test, observer);
        var f = result.Final;
        Console.WriteLine($"done in {result.WallSeconds:F1} s: test PSNR {f.PsnrNoisy:F2} dB noisy -> {f.PsnrDenoised:F2} dB denoised, SSIM {f.SsimNoisy:F3} -> {f.SsimDenoised:F3}");
        Console.WriteLine($"wrote {Path.GetFullPath(Out)}/ (metrics.csv, summary.json, model.gae, loss.png, loss.svg, samples.png)");
        return 0;
    }

    private int RunClassifier(TrainingOptions options, Compute.Accelerator acc, Data.Dataset train, Data.Dataset test, ConsoleObserver observer)
    {
        var result = Trainer.RunClassifier(options, acc, train, test, observer);
        Console.WriteLine($"done in {result.WallSeconds:F1} s: train accuracy {result.TrainAccuracy:P2}, test accuracy {result.Final.Accuracy:P2}");
        Console.Write(ConfusionMatrixFormats.ToTable(result.Final.Confusion, test.ClassNames));
        Console.WriteLine($"wrote {Path.GetFullPath(Out)}/ (metrics.csv, summary.json, model.gae, confusion.csv; confusion, loss and accuracy charts as .png and .svg)");
        return 0;
    }
}
