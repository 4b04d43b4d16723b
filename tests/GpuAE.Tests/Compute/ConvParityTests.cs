using GpuAE.Compute;
using GpuAE.Compute.Ilgpu;
using GpuAE.Tests.Layers;

namespace GpuAE.Tests.Compute;

/// <summary>Conv2d forward and both backward passes, every variant on every accelerator, against the float64 definition.</summary>
[Collection(AcceleratorCollection.Name)]
public sealed class ConvParityTests(ITestOutputHelper output)
{
    private readonly ParityData _data = new(output);

    /// <summary>Every accelerator with every conv variant it reports.</summary>
    public static TheoryData<string, string> Variants
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var spec in AcceleratorSpecs.Specs())
            {
                if (spec.EndsWith(AcceleratorSpecs.MissingSuffix, StringComparison.Ordinal)) { data.Add(spec, "-"); continue; }
                var variants = AcceleratorSpecs.TryOpen(spec, NullOutput.Instance).KernelVariants("conv");
                foreach (var variant in variants) data.Add(spec, variant);
            }
            return data;
        }
    }

    // batch 1 and 3, odd planes, channels 1, 3 and 17, stride 1 and 2, padding 0, 1 and 2, kernels 1, 2, 3, 5.
    private static readonly Conv2dGeometry[] Shapes =
    [
        new(1, 1, 5, 7, 3, 3, 1, 1),
        new(3, 3, 5, 7, 17, 3, 2, 1),
        new(3, 17, 7, 5, 3, 3, 1, 0),
        new(1, 3, 28, 28, 17, 3, 1, 1),
        new(3, 1, 28, 28, 3, 3, 2, 0),
        new(3, 2, 6, 6, 2, 2, 2, 0),
        new(1, 3, 5, 5, 2, 5, 1, 2),
        new(3, 4, 9, 8, 3, 1, 1, 0),
        new(1, 1, 2, 2, 1, 3, 2, 1),
        new(3, 2, 1, 1, 3, 3, 1, 1),
        new(2, 2, 4, 4, 5, 1, 1, 1), // padding beyond kernel - 1: the CPU's col2im backward data, not the flipped conv
        new(2, 8, 12, 13, 2, 3, 1, 1), // a decoder's last layer: the CPU's fused 3x3 thin path
        new(3, 1, 28, 28, 64, 3, 1, 1), // a first layer: the CPU accumulates its weight gradient transposed
        new(2, 16, 14, 14, 64, 3, 1, 1), // large enough that im2col's GEMMs run register-blocked
    ];

    [Theory]
    [MemberData(nameof(Variants))]
    public void Conv2dForwardMatchesTheFloat64Definition(string spec, string variant)
    {
        var accelerator = Open(spec, variant);
        if (accelerator is null) return;
        foreach (var g in Shapes) CheckForward(accelerator, g);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Conv2dBackwardDataMatchesTheFloat64Definition(string spec, string variant)
    {
        var accelerator = Open(spec, variant);
        if (accelerator is null) return;
        foreach (var g in Shapes) CheckBackwardData(accelerator, g);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Conv2dBackwardWeightsSumsTheFloat64GradientOverTheBatch(string spec, string variant)
    {
        var accelerator = Open(spec, variant);
        if (accelerator is null) return;
        foreach (var g in Shapes) CheckBackwardWeights(accelerator, g);
    }

    /// <summary>A batch larger than the im2col scratch runs in chunks (the weight gradient accumulating across them).</summary>
    [Theory]
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void Im2colRunsABatchInChunksWhenTheScratchLimitIsSmall(string spec)
    {
        var accelerator = Open(spec, "im2col");
        if (accelerator is not IlgpuAccelerator kernels) return;
        long limit = kernels.ConvScratchFloats;
        try
        {
            var g = new Conv2dGeometry(5, 3, 7, 5, 4, 3, 1, 1);
            kernels.ConvScratchFloats = 2 * g.Patch * g.OutPixels; // two samples per chunk: 2 + 2 + 1
            CheckForward(accelerator, g);
            CheckBackwardData(accelerator, g);
            CheckBackwardWeights(accelerator, g);
        }
        finally
        {
            kernels.ConvScratchFloats = limit;
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void AnUnknownConvVariantIsRefusedByName(string spec)
    {
        var accelerator = Open(spec, "winograd");
        if (accelerator is null) return;
        var g = new Conv2dGeometry(1, 1, 3, 3, 1, 3, 1, 1);
        using var x = ParityData.Buffer(accelerator, _data.Uniform(9));
        using var w = ParityData.Buffer(accelerator, _data.Uniform(9));
        using var y = ParityData.Poisoned(accelerator, 9);
        var error = Assert.Throws<ArgumentException>(() => accelerator.Conv2dForward(g, x, w, y));
        Assert.Contains("winograd", error.Message);
    }

    private Accelerator? Open(string spec, string variant)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        accelerator?.Kernels.Set("conv", variant);
        return accelerator;
    }

    private void CheckForward(Accelerator accelerator, Conv2dGeometry g)
    {
        var x = _data.Uniform(g.Batch * g.InputSize);
        var w = _data.Uniform(g.WeightCount);
        using var xb = ParityData.Buffer(accelerator, x);
        using var wb = ParityData.Buffer(accelerator, w);
        using var yb = ParityData.Poisoned(accelerator, g.Batch * g.OutputSize + 3);
        accelerator.Conv2dForward(g, xb, wb, yb);
        Expect(ConvReference.Forward(g, x, w), ConvReference.Forward(g, Abs(x), Abs(w)), yb.ToArray(), $"{Variant(accelerator)} forward {g}");
    }

    private void CheckBackwardData(Accelerator accelerator, Conv2dGeometry g)
    {
        var dy = _data.Uniform(g.Batch * g.OutputSize);
        var w = _data.Uniform(g.WeightCount);
        using var dyb = ParityData.Buffer(accelerator, dy);
        using var wb = ParityData.Buffer(accelerator, w);
        using var dxb = ParityData.Poisoned(accelerator, g.Batch * g.InputSize + 3);
        accelerator.Conv2dBackwardData(g, dyb, wb, dxb);
        Expect(ConvReference.BackwardData(g, dy, w), ConvReference.BackwardData(g, Abs(dy), Abs(w)), dxb.ToArray(), $"{Variant(accelerator)} backward data {g}");
    }

    private void CheckBackwardWeights(Accelerator accelerator, Conv2dGeometry g)
    {
        var x = _data.Uniform(g.Batch * g.InputSize);
        var dy = _data.Uniform(g.Batch * g.OutputSize);
        using var xb = ParityData.Buffer(accelerator, x);
        using var dyb = ParityData.Buffer(accelerator, dy);
        using var dwb = ParityData.Poisoned(accelerator, g.WeightCount + 3);
        accelerator.Conv2dBackwardWeights(g, xb, dyb, dwb);
        Expect(ConvReference.BackwardWeights(g, x, dy), ConvReference.BackwardWeights(g, Abs(x), Abs(dy)), dwb.ToArray(), $"{Variant(accelerator)} backward weights {g}");
    }

    private static float[] Abs(float[] v) => v.Select(MathF.Abs).ToArray();

    private static string Variant(Accelerator accelerator) => accelerator.Kernels["conv"] ?? "default";

    /// <summary>|actual - expected| within 1e-5 of the sum of |terms| (float32 summation error), every element written, nothing past the end.</summary>
    private static void Expect(double[] expected, double[] magnitude, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= 1e-5 * magnitude[i] + 1e-6)) Assert.Fail($"{what}: element {i} is {actual[i]}, expected {expected[i]}");
        }
        Assert.All(actual[expected.Length..], v => Assert.True(float.IsNaN(v), $"{what}: wrote past the output"));
    }
}
