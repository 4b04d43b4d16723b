using GpuAE.Compute;
using GpuAE.Layers;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Stacked;
using GpuAE.Tests.Compute;
using GpuAE.Tests.Training;
using GpuAE.Training;

namespace GpuAE.Tests.Stacked;

/// <summary>Greedy layer-wise pretraining on every accelerator: what it changes and what it leaves alone.</summary>
[Collection(AcceleratorCollection.Name)]
public sealed class GreedyPretrainingTests(ITestOutputHelper output)
{
    private static readonly GreedyPretraining.Settings Settings = new(Iterations: 60, Batch: 16, LearningRate: 0.1f, NoiseSpec.Parse("mask:0.2"), Seed: 3);

    private static Network Stack(Accelerator acc, int[] units)
    {
        var stack = ModelCatalog.Create(StackedModel.Config(units, classes: 10));
        stack.Build(acc, new TensorShape(1, 28, 28), 16, seed: 5);
        return stack;
    }

    private static float[] Values(Parameter p) => p.Value.ToArray();

    [Theory]
    [MemberData(nameof(TrainingRuntimes.ManagedAndGpus), MemberType = typeof(TrainingRuntimes))]
    public void Pretraining_layer_k_leaves_the_layers_below_unchanged(string spec)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        if (acc is null) return;
        var pool = StackedTestData.Images(64, 1);
        using var stack = Stack(acc, [24, 12, 6]);
        var below = stack.Layers.Take(StackedModel.EncoderDense(2)).SelectMany(l => l.Parameters).Select(Values).ToList();
        var codes = CodeEncoder.Encode(acc, stack, StackedModel.EncoderDense(1) + 1, pool);
        GreedyPretraining.PretrainLayer(acc, stack, 2, codes, Settings, SilentObserver.Instance);
        var after = stack.Layers.Take(StackedModel.EncoderDense(2)).SelectMany(l => l.Parameters).Select(Values).ToList();
        Assert.Equal(below, after);
    }

    [Theory]
    [MemberData(nameof(TrainingRuntimes.ManagedAndGpus), MemberType = typeof(TrainingRuntimes))]
    public void Pretraining_layer_k_installs_its_trained_encoder_into_the_stack(string spec)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        if (acc is null) return;
        using var stack = Stack(acc, [24, 12]);
        var dense = (Dense)stack.Layers[StackedModel.EncoderDense(0)];
        var before = Values(dense.Weights);
        GreedyPretraining.PretrainLayer(acc, stack, 0, StackedTestData.Images(64, 1), Settings, SilentObserver.Instance);
        Assert.NotEqual(before, Values(dense.Weights));
    }

    [Theory]
    [MemberData(nameof(TrainingRuntimes.ManagedAndGpus), MemberType = typeof(TrainingRuntimes))]
    public void The_reconstruction_loss_falls_during_pretraining_of_every_layer(string spec)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        if (acc is null) return;
        using var stack = Stack(acc, [32, 16]);
        var results = GreedyPretraining.Run(acc, stack, 2, StackedTestData.Images(64, 2), Settings with { Iterations = 200 }, SilentObserver.Instance);
        Assert.All(results, r => Assert.True(r.FinalLoss < 0.9 * r.FirstLoss, $"layer {r.Layer + 1}: {r.FirstLoss} -> {r.FinalLoss}"));
    }

    [Theory]
    [MemberData(nameof(TrainingRuntimes.ManagedAndGpus), MemberType = typeof(TrainingRuntimes))]
    public void Codes_of_a_layer_form_a_dataset_one_sample_per_image_of_that_layers_width(string spec)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        if (acc is null) return;
        var pool = StackedTestData.Images(40, 1);
        using var stack = Stack(acc, [24, 12]);
        var codes = CodeEncoder.Encode(acc, stack, StackedModel.EncoderDense(1) + 1, pool);
        Assert.Equal((40, 1, 12), (codes.Count, codes.Height, codes.Width));
        Assert.Equal(pool.Labels, codes.Labels);
        Assert.All(codes.Images, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void A_layer_runs_exactly_the_requested_iterations_even_past_one_pass_over_the_codes()
    {
        using var acc = new GpuAE.Compute.Cpu.CpuAccelerator();
        var codes = StackedTestData.Images(30, 1);
        var (autoencoder, result) = LayerPretrainer.Train(acc, codes, 0, 8, iterations: 7, batch: 10, 0.1f, NoiseSpec.None, 1, SilentObserver.Instance);
        autoencoder.Dispose();
        Assert.Equal(7, result.Iterations);
        Assert.Equal(7, result.Curve[^1].Iteration);
    }
}
