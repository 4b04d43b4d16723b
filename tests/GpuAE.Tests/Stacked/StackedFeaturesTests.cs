using GpuAE.Checkpoints;
using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Models;
using GpuAE.Stacked;
using GpuAE.Svm;
using GpuAE.Tests.Compute;
using GpuAE.Tests.Training;

namespace GpuAE.Tests.Stacked;

/// <summary>`svm --features stacked:CKPT`: the SVM's inputs are the stack's top codes.</summary>
[Collection(AcceleratorCollection.Name)]
public sealed class StackedFeaturesTests(ITestOutputHelper output)
{
    private static string SaveStack(int[] units, int classes)
    {
        using var acc = new CpuAccelerator();
        var config = StackedModel.Config(units, classes);
        using var network = ModelCatalog.Create(config);
        network.Build(acc, new TensorShape(1, 28, 28), 4, seed: 1);
        string path = StackedTestData.TempFolder("model.gae");
        Checkpoint.Save(path, config, network);
        return path;
    }

    [Theory]
    [MemberData(nameof(TrainingRuntimes.ManagedAndGpus), MemberType = typeof(TrainingRuntimes))]
    public void Stacked_features_have_the_width_of_the_stacks_top_layer(string spec)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        if (acc is null) return;
        var codes = StackedFeatures.Encode(acc, SaveStack([30, 12], classes: 10), StackedTestData.Images(25, 1), StackedTestData.Images(7, 2, "test"));
        Assert.Equal((25, 12), (codes[0].Count, codes[0].SampleSize));
        Assert.Equal((7, 12), (codes[1].Count, codes[1].SampleSize));
    }

    [Fact]
    public void A_stack_saved_without_a_head_gives_the_same_features()
    {
        using var acc = new CpuAccelerator();
        var data = StackedTestData.Images(5, 1);
        var headless = StackedFeatures.Encode(acc, SaveStack([16], classes: 0), data)[0];
        Assert.Equal((5, 16), (headless.Count, headless.SampleSize));
    }

    [Fact]
    public void A_checkpoint_of_another_model_is_refused_by_name()
    {
        using var acc = new CpuAccelerator();
        var config = new ModelConfig { Name = "dense", Hidden = 8 };
        using var network = ModelCatalog.Create(config);
        network.Build(acc, new TensorShape(1, 28, 28), 2, seed: 1);
        string path = StackedTestData.TempFolder("dense.gae");
        Checkpoint.Save(path, config, network);
        var e = Assert.Throws<StackedException>(() => StackedFeatures.Encode(acc, path, StackedTestData.Images(3, 1)));
        Assert.Contains("holds a 'dense' model", e.Message);
    }

    [Fact]
    public void A_missing_checkpoint_is_a_checkpoint_error()
    {
        using var acc = new CpuAccelerator();
        Assert.Throws<CheckpointException>(() => StackedFeatures.Encode(acc, "/nonexistent/model.gae", StackedTestData.Images(3, 1)));
    }

    [Fact]
    public void The_svm_trains_on_codes_of_any_width()
    {
        if (SvmLibrary.Probe() is (false, var why)) Assert.Skip($"libsvm not installed ({why}); .ci/run installs it");
        using var acc = new CpuAccelerator();
        var codes = StackedFeatures.Encode(acc, SaveStack([16], classes: 0), StackedTestData.Images(60, 1), StackedTestData.Images(20, 2, "test"));
        var e = SvmEvaluation.OnFeatures(codes[0], codes[1], new SvmParameters(5, 0.05), "stacked:x");
        Assert.Equal(("stacked:x", 20), (e.Features, e.TestCount));
    }
}
