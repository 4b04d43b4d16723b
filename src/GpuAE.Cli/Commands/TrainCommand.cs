using CommandLine;
using GpuAE.IO;
using GpuAE.Losses;
using GpuAE.Metrics;
using GpuAE.Training;

namespace GpuAE.Cli.Commands;

[Verb("train", HelpText = "Train a denoising autoencoder or a classifier (see `gpuae models`) and write a run folder; --resume continues a killed run.")]
public sealed class TrainOptions : ModelTrainingOptions, ICommand, IKnowsGivenOptions
{
    [Option("noise", HelpText = "training noise: none | mask:P | saltpepper:P | gaussian:S | erase | mix, P a fraction of the pixels, S a standard deviation in [0, 1] pixel units (" + FromRecipe + ")")]
    public string? Noise { get; set; }

    [Option("out", Default = "runs/train", HelpText = "run folder to write; one that holds another run is refused without --force")] public string Out { get; set; } = "runs/train";

    [Option("resume", HelpText = "RUN: continue the run in folder RUN after its last finished epoch, with the settings it was started with (only --device, --kernels, --graph, --no-graph and --data-dir may be given); default: a new run")]
    public string? Resume { get; set; }

    public IReadOnlySet<string> GivenOptions { get; set; } = new HashSet<string>();

    /// <summary>Options a resumed run may take: where it runs and reads data, not what it computes.</summary>
    private static readonly string[] ResumeMayChange = ["resume", "device", "kernels", "graph", "no-graph", "data-dir"];

    protected override string? NoiseText => Noise;
    protected override string OutFolder => Out;

    public int Run()
    {
        if (Resume is not null) return RunResumed(Resume);
        var options = ToTrainingOptions(); // every value checked before any data is read
        PrepareOutput(Out);
        return Train(options, resume: null);
    }

    private int RunResumed(string folder)
    {
        if (GivenOptions.FirstOrDefault(o => !ResumeMayChange.Contains(o)) is string other)
            throw new UsageException($"--resume continues '{folder}' with the settings it was started with; drop --{other} (or start a new run with --out)");
        OutputFolder.RefuseFile(folder, "--resume");
        if (!Directory.Exists(folder)) throw new UsageException($"--resume '{folder}': no such run folder");
        if (!ResumeState.ExistsIn(folder))
        {
            if (!File.Exists(Path.Combine(folder, "summary.json")))
                throw new UsageException($"--resume '{folder}' has no {ResumeState.FileName}: not a run folder of `gpuae train`, or one that stopped before its first epoch finished");
            Console.WriteLine($"{folder} is complete (summary.json, no {ResumeState.FileName}); nothing to resume");
            return 0;
        }
        var state = ResumeState.Load(folder);
        var saved = Trainer.ResumedOptions(state);
        var options = saved with
        {
            Out = folder,
            Device = GivenOptions.Contains("device") ? Device : saved.Device,
            Kernels = GivenOptions.Contains("kernels") ? Kernels : saved.Kernels,
            StepGraph = GivenOptions.Contains("graph") || GivenOptions.Contains("no-graph") ? StepGraphChoice : saved.StepGraph,
            DataDir = GivenOptions.Contains("data-dir") ? DataDir : saved.DataDir,
        };
        (Model, Dataset, TestDataset, Resize, TrainLimit, TestLimit, DataDir, Device, Kernels, Graph, NoGraph, Out) =
            (options.Model, options.Dataset, options.TestDataset, options.Resize, options.TrainLimit, options.TestLimit, options.DataDir, options.Device, options.Kernels,
             options.StepGraph == true, options.StepGraph == false, folder);
        OutputFolder.EnsureWritable(folder);
        return Train(options, state);
    }

    private int Train(TrainingOptions options, ResumeState? resume)
    {
        var (train, test) = LoadSplits();
        using var acc = OpenAccelerator();
        var observer = new ConsoleObserver();
        observer.OnMessage($"training {options.Model} on {Location.Describe()} ({train.Count} train / {test.Count} test images of {train.Width}x{train.Height}), device {acc}");
        observer.OnMessage(resume is null ? $"settings: {Settings(options)}" : $"settings: as started ({options.OptimizerSpec}, loss {options.EffectiveLoss.Name()}, batch {options.Batch}, noise {options.Noise}, {Text.Plural.Of(options.Epochs, "epoch")})");
        if (IsClassifier) return RunClassifier(options, acc, train, test, observer, resume);
        var result = Trainer.Run(options, acc, train, test, observer, resume);
        var f = result.Final;
        Console.WriteLine($"done in {result.WallSeconds:F1} s: test PSNR {f.PsnrNoisy:F2} dB noisy -> {f.PsnrDenoised:F2} dB denoised, SSIM {f.SsimNoisy:F3} -> {f.SsimDenoised:F3}");
        Console.WriteLine($"wrote {Path.GetFullPath(Out)}/ (metrics.csv, summary.json, model.gae, loss.png, loss.svg, samples.png)");
        return 0;
    }

    private int RunClassifier(TrainingOptions options, Compute.Accelerator acc, Data.Dataset train, Data.Dataset test, ConsoleObserver observer, ResumeState? resume)
    {
        var result = Trainer.RunClassifier(options, acc, train, test, observer, resume);
        Console.WriteLine($"done in {result.WallSeconds:F1} s: train accuracy {result.TrainAccuracy:P2}, test accuracy {result.Final.Accuracy:P2}");
        Console.Write(ConfusionMatrixFormats.ToTable(result.Final.Confusion, test.ClassNames));
        Console.WriteLine($"wrote {Path.GetFullPath(Out)}/ (metrics.csv, summary.json, model.gae, confusion.csv; confusion, loss and accuracy charts as .png and .svg)");
        return 0;
    }
}
