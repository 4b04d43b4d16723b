using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CommandLine;
using GpuAE.Classification;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Metrics;
using GpuAE.Models;
using GpuAE.Noise;

namespace GpuAE.Cli.Commands;

[Verb("classify", HelpText = "A classifier's accuracy on clean, noisy and denoised test images, with confusion matrices; --folds K cross-validates the architecture.")]
public sealed class ClassifyOptions : DatasetOptions, ICommand
{
    [Option("classifier", Required = true, HelpText = "model.gae of a classifier (gpuae train --model lenet|vgg-small|resnet-small|alexnet-small)")]
    public string Classifier { get; set; } = "";

    [Option("denoiser", HelpText = "model.gae of a denoising autoencoder run on the noisy images before classifying (default: none, no denoised condition)")]
    public string? Denoiser { get; set; }

    [Option("noise", Default = "gaussian:0.5", HelpText = "noise applied to the clean images (see `Noise specs` in the README)")]
    public string Noise { get; set; } = "gaussian:0.5";

    [Option("folds", Default = 0, HelpText = "K >= 2: K-fold cross-validation on the training split, a fresh classifier of the checkpoint's architecture per fold")]
    public int Folds { get; set; }

    [Option("fold-train", Default = "clean", HelpText = "with --folds: what each fold's classifier trains on: clean images, or denoised (the denoiser's output for noisy images; needs --denoiser)")]
    public string FoldTrain { get; set; } = "clean";

    [Option("epochs", Default = 5, HelpText = "with --folds: epochs per fold")] public int Epochs { get; set; } = 5;
    [Option("batch", Default = 128, HelpText = "images per forward pass (with --folds also per training step)")] public int Batch { get; set; } = 128;
    [Option("optimizer", Default = "adam", HelpText = "with --folds: sgd | adam | adadelta")] public string Optimizer { get; set; } = "adam";
    [Option("lr", Default = 0.001f, HelpText = "with --folds: learning rate")] public float LearningRate { get; set; } = 0.001f;
    [Option("momentum", Default = 0f, HelpText = "with --folds: SGD momentum")] public float Momentum { get; set; }
    [Option("lr-schedule", Default = "constant", HelpText = "with --folds: constant | cosine | step:E:F")] public string LrSchedule { get; set; } = "constant";
    [Option("seed", Default = 1UL, HelpText = "noise seed; with --folds also the fold split and the fresh weights")] public ulong Seed { get; set; } = 1;
    [Option("out", Default = "runs/classify", HelpText = "folder to write; one that holds another run is refused without --force")] public string Out { get; set; } = "runs/classify";
    [JsonIgnore][Option("force", HelpText = "overwrite an output folder that holds another run's results (default: refuse)")] public bool Force { get; set; }
    [JsonIgnore][Option("resume", HelpText = "with --folds: continue the killed run in --out (same options): finished folds are kept, the fold in progress continues after its last epoch")] public bool Resume { get; set; }

    private bool CrossValidating => Folds != 0;

    /// <summary>Checks every value and both checkpoints' tasks before any data is read.</summary>
    /// <summary>The command line parsed into typed values, once: the noise, and with --folds the folds' training settings.</summary>
    public sealed record Parsed(ModelConfig Classifier, ModelConfig? Denoiser, NoiseSpec Noise, CrossValidation.Settings? Folds);

    /// <summary>Checks every value and both checkpoints' tasks before any data is read.</summary>
    public Parsed Validate()
    {
        var noise = NoiseSpec.Parse(Noise);
        if (Batch <= 0) throw new UsageException($"--batch must be positive, got {Batch}");
        CrossValidation.Settings? folds = null;
        if (CrossValidating)
        {
            if (Folds < 2) throw new UsageException($"--folds must be at least 2, got {Folds}");
            if (Epochs <= 0) throw new UsageException($"--epochs must be positive, got {Epochs}");
            if (FoldTrain is not ("clean" or "denoised")) throw new UsageException($"--fold-train '{FoldTrain}': use clean or denoised");
            if (FoldTrain == "denoised" && Denoiser is null) throw new UsageException("--fold-train denoised needs --denoiser");
            var optimizer = new Optimizers.OptimizerSpec(Optimizers.OptimizerSpec.ParseKind(Optimizer), LearningRate, Momentum);
            folds = new CrossValidation.Settings(Folds, Epochs, Batch, optimizer, Seed, NoiseSpec.None, Optimizers.LearningRateSchedule.Parse(LrSchedule),
                TrainOnDenoised: FoldTrain == "denoised");
        }
        if (!CrossValidating && FoldTrain != "clean") throw new UsageException("--fold-train needs --folds K");
        var classifier = TaskCheckpoint.ReadConfig(Classifier, ModelTask.Classifier, "--classifier");
        var denoiser = Denoiser is null ? null : TaskCheckpoint.ReadConfig(Denoiser, ModelTask.Autoencoder, "--denoiser");
        return new Parsed(classifier, denoiser, noise, folds);
    }

    public int Run()
    {
        var (classifierConfig, denoiserConfig, noise, foldSettings) = Validate();
        CheckOutput();
        UseCheckpointData(Classifier, Checkpoints.Checkpoint.ReadTrainingData(Classifier));
        var data = LoadSplit(CrossValidating ? "train" : "test");
        if (data.ClassCount > classifierConfig.Classes)
            throw new UsageException($"--classifier {Classifier} tells {classifierConfig.Classes} classes apart, but {DatasetName} has {data.ClassCount}");
        if (CrossValidating) CrossValidation.CheckFolds(Folds, data.Count);
        var state = FoldStateFor(data);
        using var acc = OpenAccelerator();
        string pipeline = denoiserConfig is null ? classifierConfig.Name : $"{denoiserConfig.Name} -> {classifierConfig.Name}";
        Console.WriteLine($"classify: {pipeline} on {Location.Describe()} {data.Split} ({Text.Plural.Of(data.Count, "image")}), noise {noise}, device {acc}");
        using var denoiser = Denoiser is null ? null : TaskCheckpoint.Load(Denoiser, ModelTask.Autoencoder, "--denoiser", acc, Batch, ImageShape(data)).Network;
        var (results, folds) = foldSettings is not null ? RunFolds(acc, classifierConfig, denoiser, data, noise, foldSettings, state) : (RunTest(acc, denoiser, data, noise), null);
        Print(results, folds, data.ClassNames);
        Write(acc, results, folds, data, classifierConfig, denoiserConfig, noise);
        File.Delete(Training.ResumeState.PathIn(Out)); // complete: nothing left to resume
        return 0;
    }

    /// <summary>Checks --out before any work: another run's folder needs --force; --resume needs this run's state there.</summary>
    private void CheckOutput()
    {
        if (Resume && !CrossValidating) throw new UsageException("--resume continues a cross-validation: it needs --folds K");
        ResumableOutput.Check(Out, Force, Resume);
    }

    /// <summary>A cross-validation's resume state, continued with --resume (same settings, same data), else fresh; null without --folds.</summary>
    private FoldState? FoldStateFor(Dataset data)
    {
        if (!CrossValidating) return null;
        var settings = ResumeSettings();
        settings["data"] = Training.ResumeState.DataIdentity(data);
        return Resume ? FoldState.Continue(Out, settings) : FoldState.Start(Out, settings);
    }

    /// <summary>The options that decide the results (not where they run or are written): a resumed run must match them.</summary>
    private JsonObject ResumeSettings()
    {
        var json = JsonSerializer.SerializeToNode(this)!.AsObject();
        foreach (var key in new[] { nameof(Resume), nameof(Force), nameof(Device), nameof(Graph), nameof(NoGraph), nameof(Kernels), nameof(DataDir), nameof(Out) }) json.Remove(key);
        return json;
    }

    private NoiseConditions RunTest(Accelerator acc, Network? denoiser, Dataset test, NoiseSpec noise)
    {
        var (_, classifier) = TaskCheckpoint.Load(Classifier, ModelTask.Classifier, "--classifier", acc, Math.Min(Batch, test.Count), ImageShape(test));
        using (classifier) return NoiseConditions.Measure(acc, classifier, denoiser, test, noise, Seed);
    }

    private static TensorShape ImageShape(Dataset data) => new(1, data.Height, data.Width);

    private static (NoiseConditions, IReadOnlyList<FoldResult>) RunFolds(Accelerator acc, ModelConfig classifier, Network? denoiser, Dataset train, NoiseSpec noise,
        CrossValidation.Settings settings, FoldState? state)
    {
        var folds = CrossValidation.Run(acc, classifier, denoiser, train, noise, settings, new ConsoleObserver(), state);
        return (CrossValidation.Pool(folds), folds);
    }

    private static void Print(NoiseConditions results, IReadOnlyList<FoldResult>? folds, IReadOnlyList<string> classNames)
    {
        var present = results.Present().ToList();
        if (folds is not null)
        {
            Console.WriteLine($"{"fold",-6}" + string.Concat(present.Select(p => $"{p.Name,12}")));
            foreach (var f in folds)
                Console.WriteLine($"{f.Fold,-6}" + string.Concat(present.Select(p => $"{ClassifyOutputs.Condition(f.Results, p.Name)!.Accuracy,12:P2}")));
            Console.WriteLine($"{"mean",-6}" + string.Concat(present.Select(p => $"{Stats(folds, p.Name),12}")));
        }
        Console.WriteLine($"{"",-10}" + string.Concat(present.Select(p => $"{p.Name,12}")));
        Console.WriteLine($"{"accuracy",-10}" + string.Concat(present.Select(p => $"{p.Result.Accuracy,12:P2}")));
        Console.WriteLine($"{"loss",-10}" + string.Concat(present.Select(p => $"{p.Result.Loss,12:F4}")));
        if (results.RecoveredFraction is double recovered) Console.WriteLine($"denoising recovers {recovered:P1} of the accuracy lost to the noise");
        foreach (var (name, r) in present)
        {
            Console.WriteLine($"confusion matrix, {name} ({r.Confusion.Total} images, accuracy {r.Accuracy:P2}):");
            Console.Write(ConfusionMatrixFormats.ToTable(r.Confusion, classNames));
        }
    }

    /// <summary>"99.10 % ± 0.12" over the folds.</summary>
    private static string Stats(IReadOnlyList<FoldResult> folds, string condition)
    {
        var (mean, std) = CrossValidation.MeanStd(folds.Select(f => ClassifyOutputs.Condition(f.Results, condition)!.Accuracy).ToList());
        return $"{100 * mean:F2}±{100 * std:F2}";
    }

    private void Write(Accelerator acc, NoiseConditions results, IReadOnlyList<FoldResult>? folds, Dataset data, ModelConfig classifier, ModelConfig? denoiser, NoiseSpec noise)
    {
        var outputs = new ClassifyOutputs(Out);
        outputs.WriteConfusions(results, data.ClassNames, classifier.Name, denoiser?.Name);
        outputs.WriteAccuracyChart(results, $"{(denoiser is null ? "" : denoiser.Name + " -> ")}{classifier.Name} on {data.Name} {data.Split}, noise {noise}");
        if (folds is not null) outputs.WriteFolds(folds);
        var inputs = new JsonObject
        {
            ["classifier"] = new JsonObject { ["checkpoint"] = Path.GetFullPath(Classifier), ["model"] = classifier.Name },
            ["denoiser"] = denoiser is null ? null : new JsonObject { ["checkpoint"] = Path.GetFullPath(Denoiser!), ["model"] = denoiser.Name },
            ["dataset"] = DatasetName, ["data"] = DatasetOrigin.SummaryJson(data), ["split"] = CrossValidating ? "train" : "test", ["images"] = data.Count, ["noise"] = noise.ToString(),
        };
        outputs.WriteSummary(JsonSerializer.SerializeToNode(this), inputs, acc, results, folds, data.ClassNames);
        string files = "summary.json, " + string.Join(", ", results.Present().Select(p => $"confusion-{p.Name}.csv/.png/.svg")) + ", accuracy.png/.svg" + (folds is null ? "" : ", folds.csv");
        Console.WriteLine($"wrote {Path.GetFullPath(Out)}/ ({files})");
    }
}
