using GpuAE.Compute;

namespace GpuAE.Tests.Compute;

/// <summary>Channel bias and sum, max-pooling and upsampling on every accelerator, against plain references.</summary>
[Collection(AcceleratorCollection.Name)]
public sealed class SpatialParityTests(ITestOutputHelper output)
{
    private readonly ParityData _data = new(output);

    // (batch, channels, pixels): single elements, odd planes, 17 channels, a 28x28 plane.
    private static readonly (int Batch, int Channels, int Pixels)[] ChannelShapes =
        [(1, 1, 1), (3, 17, 35), (1, 3, 784), (3, 1, 5), (2, 5, 300)];

    // (planes, height, width): odd and even edges, a single pixel, 28x28.
    private static readonly (int Planes, int Height, int Width)[] PlaneShapes =
        [(1, 5, 7), (3, 7, 5), (17, 28, 28), (2, 1, 1), (3, 4, 6), (1, 2, 3)];

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void AddChannelBiasAddsEachChannelsBiasToItsPlanes(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (batch, channels, pixels) in ChannelShapes)
        {
            int n = batch * channels * pixels;
            var y = _data.Uniform(n);
            var bias = _data.Uniform(channels);
            using var yb = ParityData.Buffer(accelerator, y, extra: 3);
            using var bb = ParityData.Buffer(accelerator, bias);
            accelerator.AddChannelBias(yb, bb, batch, channels, pixels);
            var expected = y.Select((v, i) => v + bias[i / pixels % channels]).ToArray();
            var actual = yb.ToArray();
            Assert.Equal(expected, actual[..n]);
            Assert.All(actual[n..], v => Assert.True(float.IsNaN(v), "wrote past y"));
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void SumChannelsMatchesTheFloat64SumOverBatchAndPixels(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (batch, channels, pixels) in ChannelShapes)
        foreach (float beta in new[] { 0f, 1f, 0.5f })
        {
            var x = _data.Uniform(batch * channels * pixels);
            var before = beta == 0 ? ParityData.Poison(channels) : _data.Uniform(channels);
            using var xb = ParityData.Buffer(accelerator, x);
            using var sb = ParityData.Buffer(accelerator, before, extra: 2);
            accelerator.SumChannels(xb, sb, batch, channels, pixels, beta);
            var expected = new double[channels];
            for (int i = 0; i < x.Length; i++) expected[i / pixels % channels] += x[i];
            for (int c = 0; c < channels; c++) expected[c] += beta == 0 ? 0 : beta * (double)before[c];
            var actual = sb.ToArray();
            ParityData.Close(expected, actual[..channels], 1e-5, 1e-5 * Math.Sqrt(batch * pixels), $"sum channels {batch}x{channels}x{pixels} beta {beta}");
            Assert.All(actual[channels..], v => Assert.True(float.IsNaN(v), "wrote past sums"));
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void MaxPoolForwardTakesEachWindowsMaximumAndItsPositionInFloorAndCeilMode(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (planes, h, w) in PlaneShapes)
        foreach (bool ceil in new[] { false, true })
        {
            if (!ceil && (h < 2 || w < 2)) continue; // floor mode leaves nothing of a single row or column
            var x = _data.Uniform(planes * h * w);
            var (y, indices) = Pool(x, planes, h, w, ceil);
            var (yActual, indicesActual) = RunPool(accelerator, x, planes, h, w, ceil);
            Assert.Equal(y, yActual);
            Assert.Equal(indices, indicesActual);
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void MaxPoolForwardPicksTheFirstOfTiedMaximaAndTreatsNaNAsTheCpuDoes(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        // Two rows of six: window 0 is four tied 2s (the first wins); window 1 holds a NaN after
        // a 1 and before its maximum 5 (the 5 wins: a NaN never compares greater); window 2
        // starts with a NaN (kept: nothing compares greater than it).
        float[] x = [2f, 2f, 1f, float.NaN, float.NaN, 7f,
                     2f, 2f, 5f, 1f, 0f, float.NaN];
        using var cpu = new GpuAE.Compute.Cpu.CpuAccelerator();
        var (y, indices) = RunPool(cpu, x, 1, 2, 6, ceilMode: false);
        var (yActual, indicesActual) = RunPool(accelerator, x, 1, 2, 6, ceilMode: false);
        Assert.Equal([0f, 8f, 4f], indicesActual);
        Assert.Equal(indices, indicesActual);
        Assert.Equal(y.Select(BitConverter.SingleToInt32Bits), yActual.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void MaxPoolTiesAndNaNsInRowsWideEnoughForTheVectorPathFollowTheSequentialDefinition(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        // The three windows of the test above, and ReLU-like zero ties, repeated along rows of 26
        // so the CPU's four-windows-at-a-time path and its scalar tail both see them.
        float[][] windows = [[2f, 2f, 2f, 2f], [1f, float.NaN, 5f, 1f], [float.NaN, 7f, 0f, float.NaN], [0f, 0f, 0f, 0f], [0f, 3f, 3f, 0f], [-1f, 0f, 0f, 0f]];
        int w = 26, ow = w / 2;
        var x = new float[2 * w];
        for (int o = 0; o < ow; o++)
        {
            var win = windows[o % windows.Length];
            x[2 * o] = win[0]; x[2 * o + 1] = win[1]; x[w + 2 * o] = win[2]; x[w + 2 * o + 1] = win[3];
        }
        var (yActual, indicesActual) = RunPool(accelerator, x, 1, 2, w, ceilMode: false);
        for (int o = 0; o < ow; o++)
        {
            int[] at = [2 * o, 2 * o + 1, w + 2 * o, w + 2 * o + 1];
            int best = at[0];
            foreach (int i in at[1..]) if (x[i] > x[best]) best = i; // the first maximum; NaN never compares greater
            Assert.Equal((float)best, indicesActual[o]);
            Assert.Equal(BitConverter.SingleToInt32Bits(x[best]), BitConverter.SingleToInt32Bits(yActual[o]));
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void MaxPoolBackwardRoutesEachGradientToItsArgmaxAndZeroesTheRest(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (planes, h, w) in PlaneShapes)
        foreach (bool ceil in new[] { false, true })
        {
            if (!ceil && (h < 2 || w < 2)) continue;
            int oh = Accelerator.MaxPoolOutputSize(h, ceil), ow = Accelerator.MaxPoolOutputSize(w, ceil);
            var x = _data.Uniform(planes * h * w);
            var (_, indices) = Pool(x, planes, h, w, ceil);
            var dy = _data.Uniform(planes * oh * ow);
            var expected = new float[planes * h * w];
            for (int o = 0; o < dy.Length; o++) expected[o / (oh * ow) * h * w + (int)indices[o]] = dy[o];
            using var dyb = ParityData.Buffer(accelerator, dy);
            using var ib = ParityData.Buffer(accelerator, indices);
            using var dxb = ParityData.Poisoned(accelerator, planes * h * w + 3);
            accelerator.MaxPool2dBackward(dyb, ib, dxb, planes, h, w, ceil);
            var actual = dxb.ToArray();
            Assert.Equal(expected, actual[..expected.Length]);
            Assert.All(actual[expected.Length..], v => Assert.True(float.IsNaN(v), "wrote past dx"));
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void UpsampleForwardCopiesEachPixelIntoATwoByTwoBlock(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (planes, h, w) in PlaneShapes)
        {
            var x = _data.Uniform(planes * h * w);
            var expected = new float[4 * x.Length];
            for (int i = 0; i < expected.Length; i++)
            {
                int col = i % (2 * w), row = i / (2 * w) % (2 * h), plane = i / (4 * h * w);
                expected[i] = x[(plane * h + row / 2) * w + col / 2];
            }
            using var xb = ParityData.Buffer(accelerator, x);
            using var yb = ParityData.Poisoned(accelerator, expected.Length + 3);
            accelerator.Upsample2dForward(xb, yb, planes, h, w);
            var actual = yb.ToArray();
            Assert.Equal(expected, actual[..expected.Length]);
            Assert.All(actual[expected.Length..], v => Assert.True(float.IsNaN(v), "wrote past y"));
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void UpsampleBackwardSumsEachTwoByTwoBlock(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (planes, h, w) in PlaneShapes)
        {
            var dy = _data.Uniform(4 * planes * h * w);
            var expected = new double[planes * h * w];
            for (int i = 0; i < dy.Length; i++)
            {
                int col = i % (2 * w), row = i / (2 * w) % (2 * h), plane = i / (4 * h * w);
                expected[(plane * h + row / 2) * w + col / 2] += dy[i];
            }
            using var dyb = ParityData.Buffer(accelerator, dy);
            using var dxb = ParityData.Poisoned(accelerator, expected.Length + 3);
            accelerator.Upsample2dBackward(dyb, dxb, planes, h, w);
            var actual = dxb.ToArray();
            ParityData.Close(expected, actual[..expected.Length], 1e-6, 1e-6, $"upsample backward {planes}x{h}x{w}");
            Assert.All(actual[expected.Length..], v => Assert.True(float.IsNaN(v), "wrote past dx"));
        }
    }

    private static (float[] Y, float[] Indices) RunPool(Accelerator accelerator, float[] x, int planes, int h, int w, bool ceilMode)
    {
        int n = planes * Accelerator.MaxPoolOutputSize(h, ceilMode) * Accelerator.MaxPoolOutputSize(w, ceilMode);
        using var xb = ParityData.Buffer(accelerator, x);
        using var yb = ParityData.Poisoned(accelerator, n + 3);
        using var ib = ParityData.Poisoned(accelerator, n + 3);
        accelerator.MaxPool2dForward(xb, yb, ib, planes, h, w, ceilMode);
        var y = yb.ToArray();
        var indices = ib.ToArray();
        Assert.All(y[n..].Concat(indices[n..]), v => Assert.True(float.IsNaN(v), "wrote past the pooled output"));
        return (y[..n], indices[..n]);
    }

    /// <summary>2x2 stride-2 max-pooling from the definition (inputs without ties or NaN).</summary>
    private static (float[] Y, float[] Indices) Pool(float[] x, int planes, int h, int w, bool ceilMode)
    {
        int oh = Accelerator.MaxPoolOutputSize(h, ceilMode), ow = Accelerator.MaxPoolOutputSize(w, ceilMode);
        var y = new float[planes * oh * ow];
        var indices = new float[y.Length];
        for (int o = 0; o < y.Length; o++)
        {
            int ox = o % ow, oy = o / ow % oh, plane = o / (oh * ow);
            var window = from iy in new[] { 2 * oy, 2 * oy + 1 } from ix in new[] { 2 * ox, 2 * ox + 1 }
                         where iy < h && ix < w select iy * w + ix;
            int best = window.MaxBy(at => x[plane * h * w + at]);
            y[o] = x[plane * h * w + best];
            indices[o] = best;
        }
        return (y, indices);
    }
}
