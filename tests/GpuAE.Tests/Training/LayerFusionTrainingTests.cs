using GpuAE.Compute;
using GpuAE.Kernels.Conv;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Tests.Compute;
using GpuAE.Training;

namespace GpuAE.Tests.Training;

/// <summary>
/// A training step that fuses neighbouring layers (a conv with the activation after it, and with
/// the upsample before it or the pool after it; a max-pool or upsample with the ReLU before it)
/// trains bit for bit as running every layer on its own does, on every accelerator (the pool
/// fusion on the CPU only, where it pays; its ops are checked on every backend in
/// ConvParityTests); inference still runs layer by layer. The CPU's sub-pixel conv of an
/// upsampling (its default) changes the order of the sums, so with it training stays within
/// rounding of layer-by-layer training.
/// </summary>
[Collection(AcceleratorCollection.Name)]
public sealed class LayerFusionTrainingTests(ITestOutputHelper output)
{
    private const int Batch = 3, Side = 8;

    /// <summary>
    /// conv-keras' pattern in small, with every fusion: conv + ReLU + pool as the first layers
    /// (no input gradient), conv + leaky ReLU + pool in the middle (ceil mode; conv-mnist's), ReLU + upsample + conv (gated) and leaky
    /// ReLU + upsample + conv (not gated), and a last conv + Sigmoid that must stay apart (the BCE
    /// loss reads the logits before it).
    /// </summary>
    private static Network Model() => new(
    [
        Conv2d.Same(4, 3), new ReLU(), new MaxPool2d(),
        Conv2d.Same(6, 3), new LeakyReLU(0.2f), new MaxPool2d(ceilMode: true),
        Conv2d.Same(6, 3), new ReLU(), new Upsample2d(),
        Conv2d.Same(5, 3), new LeakyReLU(0.1f), new Upsample2d(),
        Conv2d.Same(1, 3), new Sigmoid(),
    ]);

    private sealed record Run(double[] Losses, float[][] Weights);

    private static Run Train(Accelerator acc, bool fuse)
    {
        using var network = Model();
        network.Build(acc, new TensorShape(1, Side, Side), Batch, seed: 4);
        network.FuseLayers = fuse;
        using var optimizer = new Adam(0.01f);
        using var loss = Loss.Create("bce");
        loss.Build(acc, network);
        using var session = new TrainingSession(acc, network, loss, optimizer, TestData.Split(7, Side, 5), NoiseSpec.Parse("saltpepper:0.2"), 3);
        var losses = Enumerable.Range(1, 2).Select(e => session.RunEpoch((uint)e, 2, SilentObserver.Instance).Loss).ToArray();
        return new Run(losses, [.. network.Parameters.Select(p => p.Value.ToArray())]);
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void Fused_training_steps_give_the_losses_and_weights_of_layer_by_layer_steps(string spec)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        // The CPU's default sub-pixel conv of an upsampling sums in another order (next test).
        if (acc.KernelVariants(CpuSubPixel.Op).Contains(CpuSubPixel.Upsampled)) acc.Kernels.Set(CpuSubPixel.Op, CpuSubPixel.Upsampled);
        var apart = Train(acc, fuse: false);
        var fused = Train(acc, fuse: true);
        output.WriteLine($"epoch losses: apart {string.Join(", ", apart.Losses)}; fused {string.Join(", ", fused.Losses)}");
        Assert.Equal(apart.Losses, fused.Losses);
        for (int p = 0; p < apart.Weights.Length; p++) Assert.Equal(apart.Weights[p], fused.Weights[p]);
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void Fused_training_steps_with_the_default_kernels_stay_within_rounding_of_layer_by_layer_steps(string spec)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        var apart = Train(acc, fuse: false);
        var fused = Train(acc, fuse: true);
        output.WriteLine($"epoch losses: apart {string.Join(", ", apart.Losses)}; fused {string.Join(", ", fused.Losses)}");
        for (int e = 0; e < apart.Losses.Length; e++) Assert.Equal(apart.Losses[e], fused.Losses[e], 1e-5 * Math.Abs(apart.Losses[e]));
        for (int p = 0; p < apart.Weights.Length; p++)
        for (int i = 0; i < apart.Weights[p].Length; i++) Assert.Equal(apart.Weights[p][i], fused.Weights[p][i], 1e-4f);
    }

    /// <summary>Which layers fuse on a device, as the indices each rule names (<see cref="Model"/>, training).</summary>
    private sealed record Fusions(int[] Activations, int[] ReluBelow, int[] Upsamples, int[] Pools, bool AnyWhenOff, bool AnyInInference);

    private Fusions FusionsOn(string spec)
    {
        using var network = Model();
        network.Build(AcceleratorSpecs.TryOpen(spec, output), new TensorShape(1, Side, Side), Batch, seed: 4);
        var layers = Enumerable.Range(0, network.Layers.Count).ToArray();
        bool inference = layers.Any(i => network.FusesActivation(i, training: false));
        var on = new Fusions([.. layers.Where(i => network.FusesActivation(i, training: true))], [.. layers.Where(network.FusesReluBelow)],
            [.. layers.Where(network.FusesUpsampleIntoConv)], [.. layers.Where(network.FusesPoolIntoConv)], false, inference);
        network.FuseLayers = false;
        bool off = layers.Any(i => network.FusesActivation(i, training: true) || network.FusesReluBelow(i) || network.FusesUpsampleIntoConv(i) || network.FusesPoolIntoConv(i));
        return on with { AnyWhenOff = off };
    }

    [Fact]
    public void On_the_cpu_the_network_fuses_conv_activations_pools_upsamples_and_relu_backward_but_not_the_final_sigmoid()
    {
        var f = FusionsOn("cpu");
        Assert.Equal([0, 3, 6, 9], f.Activations);
        Assert.Equal([2, 8], f.ReluBelow);
        Assert.Equal([8, 11], f.Upsamples);
        Assert.Equal([0, 3], f.Pools);
        Assert.False(f.AnyInInference);
        Assert.False(f.AnyWhenOff);
    }

    [Fact]
    public void On_ilgpu_the_network_fuses_activations_upsamples_and_relu_backward_but_not_pools()
    {
        var f = FusionsOn("ilgpu-cpu");
        Assert.Equal([0, 3, 6, 9], f.Activations);
        Assert.Equal([2, 8], f.ReluBelow);
        Assert.Equal([8, 11], f.Upsamples);
        Assert.Empty(f.Pools);
    }

    [Fact]
    public void Inference_after_fused_training_leaves_every_layers_output_as_layer_by_layer()
    {
        var acc = AcceleratorSpecs.TryOpen("cpu", output);
        using var network = Model();
        network.Build(acc, new TensorShape(1, Side, Side), Batch, seed: 4);
        using var x = acc.Allocate(Batch * Side * Side);
        x.Upload(TestData.Images(Batch, Side, Side, 2));
        network.Forward(x, Batch, training: true);
        network.Forward(x, Batch, training: false);
        var conv = network.Layers[0].Output.ToArray();
        var relu = network.Layers[1].Output.ToArray();
        Assert.Contains(conv, v => v < 0); // the conv's own output, before its ReLU
        Assert.Equal(conv.Select(v => Math.Max(v, 0f)), relu);
    }
}
