using System.Globalization;
using CommandLine;
using GpuAE.Metrics;
using GpuAE.Stacked;
using GpuAE.Noise;

namespace GpuAE.Cli.Commands;

[Verb("stacked", HelpText = "Stacked denoising autoencoder: greedy layer-wise pretraining, then a softmax classifier on the top code (few or all labels).")]
public sealed class StackedOptionsCommand : DatasetOptions, ICommand
{
    [Option("layers", Default = "500,300,100", HelpText = "widths of the sigmoid layers, bottom to top")] public string Layers { get; set; } = "500,300,100";
    [Option("noise", Default = "mask:0.2", HelpText = "corruption of each layer's input during pretraining (none for plain autoencoders)")] public string Noise { get; set; } = "mask:0.2";
    [Option("pretrain-iters", Default = 500, HelpText = "SGD updates per layer, each on one minibatch of --batch codes")] public int PretrainIters { get; set; } = 500;
    [Option("lr", Default = 0.1f, HelpText = "learning rate of pretraining (and of fine-tuning unless --finetune-lr)")] public float LearningRate { get; set; } = 0.1f;
    [Option("labels-per-class", Default = "all", HelpText = "labelled images per class for fine-tuning: N or all")] public string LabelsPerClass { get; set; } = "all";
    [Option("finetune", Default = "softmax", HelpText = "none (pretraining only) | softmax (head on the frozen stack) | all (every layer)")] public string Finetune { get; set; } = "softmax";
    [Option("finetune-epochs", HelpText = "passes over the labelled images (default: at least 30 epochs and 3000 updates)")] public int? FinetuneEpochs { get; set; }
    [Option("finetune-lr", HelpText = "learning rate of fine-tuning (default: --lr)")] public float? FinetuneLearningRate { get; set; }
    [Option("finetune-noise", Default = "none", HelpText = "corruption of the labelled images while fine-tuning (e.g. mask:0.2)")] public string FinetuneNoise { get; set; } = "none";
    [Option("weight-decay", Default = 0f, HelpText = "L2 weight decay while fine-tuning")] public float WeightDecay { get; set; }
    [Option("self-training", Default = 0, HelpText = "rounds of self-training after fine-tuning: the network pseudo-labels its most confident unlabelled pool images, class-balanced, and fine-tunes on them too")] public int SelfTraining { get; set; }
    [Option("pseudo-labels-per-class", HelpText = "pseudo-labelled pool images per class in the last self-training round (default: pool / 10, so the last round can label the whole pool)")] public int? PseudoLabelsPerClass { get; set; }
    [Option("batch", Default = 20, HelpText = "minibatch size of pretraining and fine-tuning")] public int Batch { get; set; } = 20;
    [Option("seed", Default = 1UL, HelpText = "seed of the weights, the shuffles, the noise and the labelled subset")] public ulong Seed { get; set; } = 1;
    [Option("out", Default = "runs/stacked", HelpText = "run folder to write; one that holds another run is refused without --force")] public string Out { get; set; } = "runs/stacked";
    [Option("force", HelpText = "overwrite an output folder that holds another run's results (default: refuse)")] public bool Force { get; set; }
    [Option("resume", HelpText = "continue the killed run in --out (same options) from its last pretrained layer, fine-tuning epoch or self-training round")] public bool Resume { get; set; }

    public StackedOptions ToOptions() => new()
    {
        Dataset = Dataset ?? Data.KnownDatasets.FashionMnist, Layers = ParseLayers(Layers), Noise = NoiseSpec.Parse(Noise), PretrainIters = PretrainIters, LearningRate = LearningRate,
        LabelsPerClass = ParseLabels(LabelsPerClass), Finetune = ParseFinetune(Finetune), FinetuneEpochs = FinetuneEpochs,
        FinetuneLearningRate = FinetuneLearningRate, FinetuneNoise = NoiseSpec.Parse(FinetuneNoise), WeightDecay = WeightDecay,
        SelfTrainingRounds = SelfTraining, PseudoLabelsPerClass = PseudoLabelsPerClass, Batch = Batch, Seed = Seed, Device = Device, Out = Out,
        TrainLimit = TrainLimit, TestLimit = TestLimit, DataDir = DataDir,
    };

    public int Run()
    {
        var options = ToOptions();
        StackedTrainer.Validate(options);
        CheckOutput();
        var (pool, test) = LoadSplits();
        if (options.LabelsPerClass is int n) LabelledSubset.Draw(pool.Labels, n, pool.ClassCount, Seed); // fails before the device opens
        var state = StateFor(options, pool);
        using var acc = OpenAccelerator();
        Console.WriteLine($"stacked {Layers} on {Location.Describe()} ({pool.Count} train / {test.Count} test images), noise {Noise}, {Text.Plural.Of(PretrainIters, "iteration")} per layer, " +
            $"labels per class {LabelsPerClass}, finetune {options.Finetune.ToString().ToLowerInvariant()}, device {acc}");
        var r = StackedTrainer.Run(options, acc, pool, test, new ConsoleObserver(), state);
        File.Delete(Training.ResumeState.PathIn(Out)); // complete: nothing left to resume
        if (r.Fit is null)
        {
            Console.WriteLine($"done in {r.WallSeconds:F1} s (pretraining only)");
            Console.WriteLine($"wrote {Path.GetFullPath(Out)}/ (model.gae: the stack for `gpuae svm --features stacked:{Path.Combine(Out, "model.gae")}`, summary.json, pretraining.csv, pretraining.svg)");
            return 0;
        }
        Console.WriteLine($"done in {r.WallSeconds:F1} s: train accuracy {r.TrainAccuracy:P2} ({Text.Plural.Of(r.LabelledIndices.Length, "labelled image")}), " +
            $"training pool {r.PoolAccuracy:P2}, test accuracy {r.Fit.Final.Accuracy:P2}");
        Console.Write(ConfusionMatrixFormats.ToTable(r.Fit.Final.Confusion, test.ClassNames));
        Console.WriteLine($"wrote {Path.GetFullPath(Out)}/ (model.gae, summary.json, metrics.csv, pretraining.csv, confusion.csv; pretraining, confusion, loss and accuracy charts as .png and .svg)");
        return 0;
    }

    /// <summary>--out checked before any work: another run needs --force; --resume needs this run's state there.</summary>
    private void CheckOutput()
    {
        ResumableOutput.Check(Out, Force, Resume);
    }

    /// <summary>The run's resume state, fresh or (with --resume) continued when saved with the same settings and data.</summary>
    private StackedState StateFor(StackedOptions options, Data.Dataset pool)
    {
        var settings = System.Text.Json.JsonSerializer.SerializeToNode(options)!.AsObject();
        foreach (var key in new[] { nameof(StackedOptions.Device), nameof(StackedOptions.Out), nameof(StackedOptions.DataDir) }) settings.Remove(key);
        settings["test_dataset"] = TestDataset;
        settings["resize"] = Resize;
        settings["data"] = Training.ResumeState.DataIdentity(pool);
        return Resume ? StackedState.Continue(Out, settings) : StackedState.Start(Out, settings);
    }

    public static int[] ParseLayers(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var widths = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out widths[i]) || widths[i] <= 0)
                throw new UsageException($"--layers '{text}': '{parts[i]}' is not a positive integer (e.g. --layers 500,300,100)");
        return widths;
    }

    public static int? ParseLabels(string text)
    {
        if (text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase)) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0) return n;
        throw new UsageException($"--labels-per-class '{text}': use a positive integer or 'all'");
    }

    public static FinetuneMode ParseFinetune(string text) => text.Trim().ToLowerInvariant() switch
    {
        "none" => FinetuneMode.None,
        "softmax" => FinetuneMode.Softmax,
        "all" => FinetuneMode.All,
        _ => throw new UsageException($"--finetune '{text}': use none, softmax or all"),
    };
}
