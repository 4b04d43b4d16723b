using GpuAE.Compute;
using GpuAE.Kernels.Conv;

namespace GpuAE.Tests.Compute;

/// <summary>The CPU's sub-pixel conv of an upsampling (CpuSubPixel): where it runs, and its weight transforms.</summary>
public sealed class CpuSubPixelTests
{
    [Fact]
    public void A_3x3_stride_1_conv_of_an_upsampling_runs_as_the_subpixel_conv()
    {
        Assert.True(CpuSubPixel.Fits(new Conv2dGeometry(128, 64, 28, 28, 1, 3, 1, 1))); // conv-keras's last layer: thin
        Assert.True(CpuSubPixel.Fits(new Conv2dGeometry(128, 32, 16, 16, 64, 3, 1, 0))); // its 32 -> 64: wide
        Assert.True(CpuSubPixel.Fits(new Conv2dGeometry(2, 3, 6, 10, 1, 3, 1, 2)));
    }

    [Fact]
    public void A_wide_conv_of_an_upsampling_of_planes_below_8x8_convolves_the_upsampling()
    {
        Assert.False(CpuSubPixel.Fits(new Conv2dGeometry(128, 16, 8, 8, 32, 3, 1, 1))); // conv-keras's 16 -> 32 on 4x4
        Assert.True(CpuSubPixel.Fits(new Conv2dGeometry(128, 16, 8, 8, 1, 3, 1, 1))); // thin: still sub-pixel
    }

    [Fact]
    public void Other_kernels_strides_paddings_and_odd_sides_have_no_subpixel_form()
    {
        Assert.False(CpuSubPixel.Fits(new Conv2dGeometry(2, 8, 12, 12, 1, 5, 1, 2)));
        Assert.False(CpuSubPixel.Fits(new Conv2dGeometry(2, 8, 12, 12, 1, 3, 2, 1)));
        Assert.False(CpuSubPixel.Fits(new Conv2dGeometry(2, 8, 12, 12, 1, 3, 1, 3)));
        Assert.False(CpuSubPixel.Fits(new Conv2dGeometry(2, 8, 11, 12, 1, 3, 1, 1)));
    }

    [Fact]
    public void The_inner_conv_is_a_2x2_conv_of_the_small_input_with_four_phases_per_output_channel()
    {
        var inner = CpuSubPixel.Inner(new Conv2dGeometry(5, 64, 28, 26, 1, 3, 1, 1));
        Assert.Equal(new Conv2dGeometry(5, 64, 14, 13, 4, 2, 1, 1), inner);
        Assert.Equal((15, 14), (inner.OutHeight, inner.OutWidth));
    }

    /// <summary>Folding is CombineWeights' adjoint: sum(w . Fold(d)) = sum(Combine(w) . d), so weight gradients are exact.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Folding_a_weight_gradient_is_the_adjoint_of_combining_the_weights(int padding)
    {
        var g = new Conv2dGeometry(1, 3, 8, 6, 2, 3, 1, padding);
        var inner = CpuSubPixel.Inner(g);
        var random = new Random(padding);
        var w = Enumerable.Range(0, g.WeightCount).Select(_ => random.NextDouble() - 0.5).Select(v => (float)v).ToArray();
        var d = Enumerable.Range(0, inner.WeightCount).Select(_ => random.NextDouble() - 0.5).Select(v => (float)v).ToArray();
        var combined = new float[inner.WeightCount];
        var folded = new float[g.WeightCount];
        CpuSubPixel.CombineWeights(g, w, combined);
        CpuSubPixel.FoldWeightGradient(g, d, folded);
        double left = w.Zip(folded, (a, b) => (double)a * b).Sum(), right = combined.Zip(d, (a, b) => (double)a * b).Sum();
        Assert.Equal(right, left, 1e-5);
        // every 3x3 tap lands in exactly one 2x2 tap of each of the four phases
        Assert.Equal(4 * w.Sum(v => (double)v), combined.Sum(v => (double)v), 1e-4);
    }
}
