using System.Text.Json.Nodes;
using GpuAE.Checkpoints;
using GpuAE.Compute.Cpu;
using GpuAE.Data;
using GpuAE.Stacked;
using GpuAE.Training;
using GpuAE.Models;

namespace GpuAE.Tests.Stacked;

/// <summary>`gpuae stacked` end to end on small synthetic data (CPU): what each --finetune mode trains and writes.</summary>
public sealed class StackedTrainerTests
{
    private static readonly Dataset Pool = StackedTestData.Images(100, 1);
    private static readonly Dataset Test = StackedTestData.Images(40, 2, "test");

    private static StackedOptions Options(FinetuneMode mode, string name, int? labels = 3) => new()
    {
        Layers = [20, 10], PretrainIters = 30, Batch = 10, LabelsPerClass = labels, Finetune = mode, FinetuneEpochs = 5, Seed = 4,
        Out = StackedTestData.TempFolder(name),
    };

    private static StackedResult Run(StackedOptions o)
    {
        using var acc = new CpuAccelerator();
        return StackedTrainer.Run(o, acc, Pool, Test, SilentObserver.Instance);
    }

    /// <summary>Every tensor of the stack (not the head) in a checkpoint, by name.</summary>
    private static Dictionary<string, float[]> StackTensors(string folder, int depth)
    {
        using var acc = new CpuAccelerator();
        var (_, network) = Checkpoint.Load(Path.Combine(folder, "model.gae"), acc, 4);
        using (network)
            return network.Layers.Take(2 * depth).SelectMany((l, i) => l.Parameters.Select(p => ($"{i}.{p.Name}", p.Value.ToArray())))
                .ToDictionary(t => t.Item1, t => t.Item2);
    }

    [Fact]
    public void Finetune_softmax_leaves_the_pretrained_stack_unchanged()
    {
        var none = Options(FinetuneMode.None, "none");
        var softmax = Options(FinetuneMode.Softmax, "softmax");
        Run(none);
        Run(softmax);
        Assert.Equal(StackTensors(none.Out, 2), StackTensors(softmax.Out, 2));
    }

    [Fact]
    public void Finetune_all_changes_the_pretrained_stack()
    {
        var none = Options(FinetuneMode.None, "none");
        var all = Options(FinetuneMode.All, "all");
        Run(none);
        Run(all);
        Assert.NotEqual(StackTensors(none.Out, 2)["0.weight"], StackTensors(all.Out, 2)["0.weight"]);
    }

    [Fact]
    public void Finetune_none_saves_the_stack_without_a_head()
    {
        var o = Options(FinetuneMode.None, "none");
        var r = Run(o);
        Assert.Null(r.Fit);
        var config = Checkpoint.ReadConfig(Path.Combine(o.Out, "model.gae"));
        Assert.Equal((StackedModel.Name, 0), (config.Name, config.Classes));
        Assert.Equal("gpuae-stacked-pretrain/1", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(o.Out, "summary.json")))!["format"]);
    }

    [Fact]
    public void The_checkpoint_rebuilds_the_stack_and_head_and_reproduces_the_test_accuracy()
    {
        var o = Options(FinetuneMode.All, "roundtrip");
        var r = Run(o);
        using var acc = new CpuAccelerator();
        var (config, network) = Checkpoint.Load(Path.Combine(o.Out, "model.gae"), acc, 10);
        using (network)
        {
            Assert.Equal([20, 10], config.Units!);
            Assert.Equal(10, network.OutputShape.Size);
            Assert.Equal(r.TestAccuracy, GpuAE.Metrics.Evaluator.Classify(acc, network, Test, GpuAE.Noise.NoiseSpec.None, o.Seed).Accuracy);
        }
    }

    [Fact]
    public void The_summary_records_the_labelled_indices_and_the_pretraining_of_every_layer()
    {
        var o = Options(FinetuneMode.Softmax, "summary");
        var r = Run(o);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(o.Out, "summary.json")))!;
        Assert.Equal("gpuae-classifier/1", (string?)summary["format"]);
        Assert.Equal("Softmax", (string?)summary["configuration"]!["Finetune"]);
        Assert.Equal(r.LabelledIndices, summary["labelled_indices"]!.AsArray().Select(v => (int)v!).ToArray());
        Assert.Equal(30, r.LabelledIndices.Length);
        Assert.Equal(2, summary["pretraining"]!.AsArray().Count);
        Assert.Equal(10, summary["per_class_accuracy"]!.AsArray().Count);
        foreach (var file in new[] { "metrics.csv", "pretraining.csv", "pretraining.svg", "pretraining.png", "confusion.csv", "confusion.svg", "confusion.png", "loss.svg", "loss.png", "accuracy.svg", "accuracy.png" })
            Assert.True(File.Exists(Path.Combine(o.Out, file)), file);
    }

    [Fact]
    public void Labels_per_class_all_fine_tunes_on_the_whole_pool()
    {
        var r = Run(Options(FinetuneMode.Softmax, "all-labels", labels: null));
        Assert.Equal(Pool.Count, r.LabelledIndices.Length);
    }

    [Fact]
    public void Self_training_records_each_round_and_numbers_the_epochs_on()
    {
        var o = Options(FinetuneMode.All, "self-training") with { SelfTrainingRounds = 2, PseudoLabelsPerClass = 4 };
        var r = Run(o);
        Assert.Equal([1, 2], r.SelfTraining.Select(t => t.Round));
        var (first, second) = (r.SelfTraining[0].PseudoLabelled, r.SelfTraining[1].PseudoLabelled);
        Assert.InRange(first, 2, 20);  // 2 per predicted class
        Assert.InRange(second, first + 1, 40); // 4 per predicted class
        Assert.Equal(r.Fit!.Final.Accuracy, r.SelfTraining[^1].TestAccuracy);
        var epochs = r.Fit.Epochs.Select(e => e.Epoch).ToArray();
        Assert.Equal(epochs.Order().Distinct(), epochs);
        Assert.Equal(5 + r.SelfTraining.Sum(t => t.Epochs), epochs[^1]);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(o.Out, "summary.json")))!;
        Assert.Equal(2, summary["self_training"]!.AsArray().Count);
        Assert.Equal(epochs.Length + 1, File.ReadAllLines(Path.Combine(o.Out, "metrics.csv")).Length);
    }

    [Fact]
    public void Self_training_changes_what_fine_tuning_learns()
    {
        var once = Options(FinetuneMode.All, "st-once") with { SelfTrainingRounds = 1, PseudoLabelsPerClass = 4 };
        var without = Options(FinetuneMode.All, "st-without");
        Run(once);
        Run(without);
        Assert.NotEqual(StackTensors(without.Out, 2)["0.weight"], StackTensors(once.Out, 2)["0.weight"]);
    }

    [Fact]
    public void By_default_the_last_self_training_round_may_label_the_whole_pool() =>
        Assert.Equal(Pool.Count / 10, StackedTrainer.PseudoLabelsPerClass(Options(FinetuneMode.All, "default") with { SelfTrainingRounds = 3 }, Pool));

    [Fact]
    public void Self_training_without_unlabelled_images_is_rejected()
    {
        var e = Assert.Throws<StackedException>(() => StackedTrainer.Validate(Options(FinetuneMode.All, "bad", labels: null) with { SelfTrainingRounds = 1 }));
        Assert.Contains("--self-training needs unlabelled images", e.Message);
    }

    [Fact]
    public void A_pseudo_label_count_without_self_training_is_rejected()
    {
        var e = Assert.Throws<StackedException>(() => StackedTrainer.Validate(Options(FinetuneMode.All, "bad") with { PseudoLabelsPerClass = 10 }));
        Assert.Contains("--pseudo-labels-per-class needs --self-training", e.Message);
    }

    [Fact]
    public void Self_training_without_a_classifier_is_rejected()
    {
        var e = Assert.Throws<StackedException>(() => StackedTrainer.Validate(Options(FinetuneMode.None, "bad") with { SelfTrainingRounds = 1 }));
        Assert.Contains("--finetune softmax or all", e.Message);
    }

    [Fact]
    public void A_layer_list_with_a_zero_width_is_rejected_before_any_work()
    {
        var e = Assert.Throws<StackedException>(() => StackedTrainer.Validate(Options(FinetuneMode.None, "bad") with { Layers = [20, 0] }));
        Assert.Contains("--layers", e.Message);
    }
}
