using GpuAE.Compute;
using GpuAE.Compute.Cpu;
using GpuAE.Kernels.Conv;

namespace GpuAE.Tests.Layers;

/// <summary>The CPU conv ops, every variant, against the float64 definition at awkward sizes.</summary>
public sealed class ConvOpTests
{
    private readonly CpuAccelerator _acc = new();

    // batch, in channels, height, width, out channels, kernel, stride, padding
    public static TheoryData<string, int, int, int, int, int, int, int, int> Cases()
    {
        var data = new TheoryData<string, int, int, int, int, int, int, int, int>();
        foreach (var variant in new[] { "im2col", "direct", "shifted" })
        {
            data.Add(variant, 2, 3, 5, 7, 4, 3, 1, 1);
            data.Add(variant, 2, 3, 5, 7, 6, 3, 1, 1);
            data.Add(variant, 3, 2, 6, 4, 1, 5, 1, 2);
            data.Add(variant, 3, 2, 7, 5, 3, 3, 2, 1);
            data.Add(variant, 2, 3, 6, 6, 2, 2, 2, 0);
            data.Add(variant, 2, 2, 5, 7, 3, 5, 1, 2);
            data.Add(variant, 2, 3, 9, 8, 2, 3, 3, 0);
            data.Add(variant, 3, 4, 5, 5, 3, 1, 1, 0);
            data.Add(variant, 1, 1, 28, 28, 8, 3, 2, 1);
            // at least 8 inputs and more than ThinChannels outputs: the shifted tiles, with part-filled
            // row tiles (9, 13 channels), no padding, a 5x5 kernel padded less than "same", more
            // outputs than one weight-gradient tile holds (40)
            data.Add(variant, 3, 9, 9, 11, 9, 3, 1, 1);
            data.Add(variant, 2, 8, 10, 9, 13, 3, 1, 0);
            data.Add(variant, 2, 8, 8, 12, 17, 5, 1, 1);
            data.Add(variant, 2, 8, 6, 5, 40, 3, 1, 1);
            // strides 2 and 3 with full row tiles of outputs: shifted's phase planes, kernels 3, 4 and 5
            data.Add(variant, 2, 5, 9, 11, 9, 3, 2, 1);
            data.Add(variant, 2, 8, 8, 8, 12, 3, 2, 0);
            data.Add(variant, 2, 3, 8, 9, 9, 4, 2, 1);
            data.Add(variant, 1, 8, 10, 7, 10, 5, 3, 2);
            data.Add(variant, 2, 9, 9, 10, 12, 3, 2, 1); // enough input channels for the shifted weight gradient
            data.Add(variant, 2, 8, 5, 6, 9, 1, 1, 1); // padding beyond k - 1: dy rows and columns no tap reaches
            data.Add(variant, 2, 8, 6, 5, 9, 3, 1, 3);
        }
        return data;
    }

    private Conv2dGeometry Use(string variant, int n, int c, int h, int w, int k, int kernel, int s, int p)
    {
        _acc.Kernels.Set("conv", variant);
        return new Conv2dGeometry(n, c, h, w, k, kernel, s, p);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Conv2d_forward_matches_float64_definition(string variant, int n, int c, int h, int w, int k, int kernel, int s, int p)
    {
        var g = Use(variant, n, c, h, w, k, kernel, s, p);
        var x = TestData.Uniform(n * g.InputSize, 1); var wt = TestData.Uniform(g.WeightCount, 2);
        using var dx = _acc.Allocate(x); using var dw = _acc.Allocate(wt); using var dy = _acc.Allocate(n * g.OutputSize);
        _acc.Fill(dy, dy.Length, 123f);
        _acc.Conv2dForward(g, dx, dw, dy);
        LayerOpAssert.Close(ConvReference.Forward(g, x, wt), dy.ToArray(), "y");
    }

    [Theory, MemberData(nameof(Cases))]
    public void Conv2d_backward_data_matches_float64_definition(string variant, int n, int c, int h, int w, int k, int kernel, int s, int p)
    {
        var g = Use(variant, n, c, h, w, k, kernel, s, p);
        var gy = TestData.Uniform(n * g.OutputSize, 3); var wt = TestData.Uniform(g.WeightCount, 4);
        using var dgy = _acc.Allocate(gy); using var dw = _acc.Allocate(wt); using var dgx = _acc.Allocate(n * g.InputSize);
        _acc.Fill(dgx, dgx.Length, 123f);
        _acc.Conv2dBackwardData(g, dgy, dw, dgx);
        LayerOpAssert.Close(ConvReference.BackwardData(g, gy, wt), dgx.ToArray(), "dx");
    }

    [Theory, MemberData(nameof(Cases))]
    public void Conv2d_backward_weights_matches_float64_definition(string variant, int n, int c, int h, int w, int k, int kernel, int s, int p)
    {
        var g = Use(variant, n, c, h, w, k, kernel, s, p);
        var x = TestData.Uniform(n * g.InputSize, 5); var gy = TestData.Uniform(n * g.OutputSize, 6);
        using var dx = _acc.Allocate(x); using var dgy = _acc.Allocate(gy); using var dgw = _acc.Allocate(g.WeightCount);
        _acc.Fill(dgw, dgw.Length, 123f);
        _acc.Conv2dBackwardWeights(g, dx, dgy, dgw);
        LayerOpAssert.Close(ConvReference.BackwardWeights(g, x, gy), dgw.ToArray(), "dW");
    }

    [Fact]
    public void Im2col_and_direct_variants_agree()
    {
        var g = new Conv2dGeometry(3, 5, 11, 9, 6, 3, 2, 1);
        var x = TestData.Uniform(g.Batch * g.InputSize, 7); var wt = TestData.Uniform(g.WeightCount, 8);
        float[] Run(string variant)
        {
            _acc.Kernels.Set("conv", variant);
            using var dx = _acc.Allocate(x); using var dw = _acc.Allocate(wt); using var dy = _acc.Allocate(g.Batch * g.OutputSize);
            _acc.Conv2dForward(g, dx, dw, dy);
            return dy.ToArray();
        }
        var im2col = Run("im2col"); var direct = Run("direct");
        for (int i = 0; i < im2col.Length; i++) Assert.True(Math.Abs(im2col[i] - direct[i]) <= 1e-5f * (1 + Math.Abs(direct[i])), $"y[{i}]: {im2col[i]} vs {direct[i]}");
    }

    [Theory]
    [InlineData("im2col")]
    [InlineData("shifted")]
    public void Conv_passes_allocate_nothing_on_the_calling_thread_once_warm(string variant)
    {
        _acc.Kernels.Set("conv", variant);
        var g = new Conv2dGeometry(4, 8, 14, 14, 16, 3, 1, 1);
        using var x = _acc.Allocate(TestData.Uniform(g.Batch * g.InputSize, 13)); using var w = _acc.Allocate(TestData.Uniform(g.WeightCount, 14));
        using var y = _acc.Allocate(g.Batch * g.OutputSize); using var dx = _acc.Allocate(g.Batch * g.InputSize); using var dw = _acc.Allocate(g.WeightCount);
        void Step()
        {
            _acc.Conv2dForward(g, x, w, y);
            _acc.Conv2dBackwardData(g, y, w, dx);
            _acc.Conv2dBackwardWeights(g, x, y, dw);
        }
        Step(); // grows the scratch
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++) Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Weight_gradients_are_bit_identical_from_run_to_run()
    {
        var g = new Conv2dGeometry(7, 3, 9, 9, 5, 3, 1, 1);
        using var x = _acc.Allocate(TestData.Uniform(g.Batch * g.InputSize, 15)); using var dy = _acc.Allocate(TestData.Uniform(g.Batch * g.OutputSize, 16));
        using var dw = _acc.Allocate(g.WeightCount);
        _acc.Conv2dBackwardWeights(g, x, dy, dw);
        var first = dw.ToArray();
        for (int i = 0; i < 5; i++)
        {
            _acc.Conv2dBackwardWeights(g, x, dy, dw);
            Assert.Equal(first, dw.ToArray());
        }
    }

    [Fact]
    public void Conv_variants_are_listed_im2col_direct_shifted() =>
        Assert.Equal(["im2col", "direct", "shifted"], _acc.KernelVariants("conv"));

    [Fact]
    public void An_unknown_conv_variant_is_rejected_by_name()
    {
        _acc.Kernels.Set("conv", "winograd");
        var g = new Conv2dGeometry(1, 1, 4, 4, 1, 3, 1, 1);
        using var x = _acc.Allocate(16); using var w = _acc.Allocate(9); using var y = _acc.Allocate(16);
        var e = Assert.Throws<ArgumentException>(() => _acc.Conv2dForward(g, x, w, y));
        Assert.Contains("winograd", e.Message);
    }

    [Fact]
    public void A_kernel_larger_than_the_padded_input_is_rejected()
    {
        var g = new Conv2dGeometry(1, 1, 2, 2, 1, 5, 1, 1);
        using var x = _acc.Allocate(4); using var w = _acc.Allocate(25); using var y = _acc.Allocate(4);
        Assert.Throws<ArgumentException>(() => _acc.Conv2dForward(g, x, w, y));
    }

    [Fact]
    public void Channel_bias_is_added_to_every_pixel_of_its_channel()
    {
        var y = TestData.Uniform(2 * 3 * 5, 9); var b = TestData.Uniform(3, 10);
        using var dy = _acc.Allocate(y); using var db = _acc.Allocate(b);
        _acc.AddChannelBias(dy, db, 2, 3, 5);
        var result = dy.ToArray();
        for (int i = 0; i < y.Length; i++) Assert.Equal(y[i] + b[i / 5 % 3], result[i], 1e-6);
    }

    [Fact]
    public void Channel_sums_reduce_over_batch_and_pixels_and_honour_beta()
    {
        var x = TestData.Uniform(3 * 2 * 7, 11); var s = TestData.Uniform(2, 12);
        using var dx = _acc.Allocate(x); using var ds = _acc.Allocate(s);
        _acc.SumChannels(dx, ds, 3, 2, 7, 0.5f);
        var result = ds.ToArray();
        for (int c = 0; c < 2; c++)
        {
            double expected = 0.5 * s[c];
            for (int n = 0; n < 3; n++) for (int p = 0; p < 7; p++) expected += x[(n * 2 + c) * 7 + p];
            Assert.Equal(expected, result[c], 1e-5);
        }
    }
}
