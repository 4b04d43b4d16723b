using GpuAE.Compute;
using GpuAE.Compute.Cpu;

namespace GpuAE.Tests.Layers;

/// <summary>Max-pooling and upsampling ops against plain loops.</summary>
public sealed class SpatialOpTests
{
    private readonly CpuAccelerator _acc = new();

    [Theory]
    [InlineData(false, 2, 3)]
    [InlineData(true, 3, 4)]
    public void MaxPool_forward_takes_each_window_maximum_and_its_position(bool ceil, int outH, int outW)
    {
        const int planes = 6, h = 5, w = 7;
        var x = TestData.Uniform(planes * h * w, 1);
        using var dx = _acc.Allocate(x); using var dy = _acc.Allocate(planes * outH * outW); using var di = _acc.Allocate(planes * outH * outW);
        _acc.MaxPool2dForward(dx, dy, di, planes, h, w, ceil);
        var y = dy.ToArray(); var idx = di.ToArray();
        for (int p = 0; p < planes; p++)
        for (int oy = 0; oy < outH; oy++)
        for (int ox = 0; ox < outW; ox++)
        {
            double max = double.NegativeInfinity; int arg = -1;
            for (int iy = 2 * oy; iy < Math.Min(h, 2 * oy + 2); iy++)
            for (int ix = 2 * ox; ix < Math.Min(w, 2 * ox + 2); ix++)
                if (x[p * h * w + iy * w + ix] > max) { max = x[p * h * w + iy * w + ix]; arg = iy * w + ix; }
            int o = (p * outH + oy) * outW + ox;
            Assert.Equal(max, y[o]);
            Assert.Equal(arg, idx[o]);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MaxPool_backward_routes_each_gradient_to_its_window_maximum_only(bool ceil)
    {
        const int planes = 4, h = 5, w = 7;
        int oh = Accelerator.MaxPoolOutputSize(h, ceil), ow = Accelerator.MaxPoolOutputSize(w, ceil);
        var x = TestData.Uniform(planes * h * w, 2); var gy = TestData.Uniform(planes * oh * ow, 3);
        using var dx = _acc.Allocate(x); using var dy = _acc.Allocate(planes * oh * ow); using var di = _acc.Allocate(planes * oh * ow);
        using var dgy = _acc.Allocate(gy); using var dgx = _acc.Allocate(planes * h * w);
        _acc.Fill(dgx, dgx.Length, 99f);
        _acc.MaxPool2dForward(dx, dy, di, planes, h, w, ceil);
        _acc.MaxPool2dBackward(dgy, di, dgx, planes, h, w, ceil);
        var gx = dgx.ToArray(); var idx = di.ToArray();
        var expected = new double[planes * h * w];
        for (int p = 0; p < planes; p++) for (int o = 0; o < oh * ow; o++) expected[p * h * w + (int)idx[p * oh * ow + o]] += gy[p * oh * ow + o];
        LayerOpAssert.Close(expected, gx, "dx");
        Assert.Equal(planes * oh * ow, gx.Count(v => v != 0));
    }

    [Fact]
    public void Pool_output_size_is_floor_or_ceil_of_half() =>
        Assert.Equal((3, 4, 3, 3), (Accelerator.MaxPoolOutputSize(7, false), Accelerator.MaxPoolOutputSize(7, true), Accelerator.MaxPoolOutputSize(6, false), Accelerator.MaxPoolOutputSize(6, true)));

    [Fact]
    public void Upsample_copies_each_pixel_into_a_2x2_block()
    {
        const int planes = 3, h = 3, w = 5;
        var x = TestData.Uniform(planes * h * w, 4);
        using var dx = _acc.Allocate(x); using var dy = _acc.Allocate(4 * planes * h * w);
        _acc.Upsample2dForward(dx, dy, planes, h, w);
        var y = dy.ToArray();
        for (int p = 0; p < planes; p++) for (int oy = 0; oy < 2 * h; oy++) for (int ox = 0; ox < 2 * w; ox++)
            Assert.Equal(x[(p * h + oy / 2) * w + ox / 2], y[(p * 2 * h + oy) * 2 * w + ox]);
    }

    [Fact]
    public void Upsample_backward_sums_each_2x2_block()
    {
        const int planes = 2, h = 3, w = 5;
        var gy = TestData.Uniform(4 * planes * h * w, 5);
        using var dgy = _acc.Allocate(gy); using var dgx = _acc.Allocate(planes * h * w);
        _acc.Upsample2dBackward(dgy, dgx, planes, h, w);
        var expected = new double[planes * h * w];
        for (int p = 0; p < planes; p++) for (int oy = 0; oy < 2 * h; oy++) for (int ox = 0; ox < 2 * w; ox++)
            expected[(p * h + oy / 2) * w + ox / 2] += gy[(p * 2 * h + oy) * 2 * w + ox];
        LayerOpAssert.Close(expected, dgx.ToArray(), "dx");
    }
}
