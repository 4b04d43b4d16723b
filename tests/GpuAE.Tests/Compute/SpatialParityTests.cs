using GpuAE.Compute;
using GpuAE.Kernels.Spatial;

namespace GpuAE.Tests.Compute;

/// <summary>Channel bias and sum, max-pooling and upsampling against their float64 references.</summary>
public abstract class SpatialParityTests(Backend backend, ITestOutputHelper output) : BackendTests(backend, output)
{
    // (batch, channels, pixels): single elements, odd planes, 17 channels, a 28x28 plane.
    private static readonly (int Batch, int Channels, int Pixels)[] ChannelShapes =
        [(1, 1, 1), (3, 17, 35), (1, 3, 784), (3, 1, 5), (2, 5, 300)];

    // The emulator sums each channel on 256 threads and barriers: fewer channels, batch x pixels past 256 once.
    private static readonly (int Batch, int Channels, int Pixels)[] EmulatorChannelShapes =
        [(1, 1, 1), (3, 3, 35), (3, 1, 5), (2, 2, 151)];

    // (planes, height, width): odd and even edges, a single pixel, 28x28.
    private static readonly (int Planes, int Height, int Width)[] PlaneShapes =
        [(1, 5, 7), (3, 7, 5), (17, 28, 28), (2, 1, 1), (3, 4, 6), (1, 2, 3), (2, 6, 14), (1, 4, 10), (2, 2, 8)]; // 14, 10, 8: 7, 5, 4 windows a row

    // The emulator: the same edges, 3 planes of 28x28.
    private static readonly (int Planes, int Height, int Width)[] EmulatorPlaneShapes =
        [(1, 5, 7), (3, 7, 5), (3, 28, 28), (2, 1, 1), (3, 4, 6), (1, 2, 3)];

    private (int Batch, int Channels, int Pixels)[] ChannelShapesHere => Emulated ? EmulatorChannelShapes : ChannelShapes;

    private (int Planes, int Height, int Width)[] PlaneShapesHere => Emulated ? EmulatorPlaneShapes : PlaneShapes;

    [Fact]
    public void AddChannelBiasAddsEachChannelsBiasToItsPlanes()
    {
        foreach (var (batch, channels, pixels) in ChannelShapesHere)
        {
            int n = batch * channels * pixels;
            var y = Data.Uniform(n);
            var bias = Data.Uniform(channels);
            using var yb = ParityData.Buffer(Accelerator, y, extra: 3);
            using var bb = ParityData.Buffer(Accelerator, bias);
            Accelerator.AddChannelBias(yb, bb, batch, channels, pixels);
            var actual = yb.ToArray();
            string what = $"add channel bias {batch}x{channels}x{pixels}";
            ParityData.Identical(SpatialReference.AddChannelBias(y, bias, channels, pixels), actual[..n], what);
            ParityData.NothingWrittenPast(actual, n, what);
        }
    }

    [Fact]
    public void SumChannelsMatchesTheFloat64SumOverBatchAndPixels()
    {
        foreach (var (batch, channels, pixels) in ChannelShapesHere)
        foreach (float beta in new[] { 0f, 1f, 0.5f })
        {
            var x = Data.Uniform(batch * channels * pixels);
            var before = beta == 0 ? ParityData.Poison(channels) : Data.Uniform(channels);
            using var xb = ParityData.Buffer(Accelerator, x);
            using var sb = ParityData.Buffer(Accelerator, before, extra: 2);
            Accelerator.SumChannels(xb, sb, batch, channels, pixels, beta);
            var actual = sb.ToArray();
            string what = $"sum channels {batch}x{channels}x{pixels} beta {beta}";
            ParityData.Close(SpatialReference.SumChannels(x, before, channels, pixels, beta), actual[..channels], 1e-5, 1e-5 * Math.Sqrt(batch * pixels), what);
            ParityData.NothingWrittenPast(actual, channels, what);
        }
    }

    [Fact]
    public void MaxPoolForwardTakesEachWindowsMaximumAndItsPositionInFloorAndCeilMode()
    {
        foreach (var (planes, h, w) in PlaneShapesHere)
        foreach (bool ceil in new[] { false, true })
        {
            if (!ceil && (h < 2 || w < 2)) continue; // floor mode leaves nothing of a single row or column
            var x = Data.Uniform(planes * h * w);
            CheckPool(x, planes, h, w, ceil);
        }
    }

    [Fact]
    public void MaxPoolForwardPicksTheFirstOfTiedMaximaAndKeepsOnlyALeadingNaN()
    {
        // Two rows of six: window 0 is four tied 2s (the first wins); window 1 holds a NaN after
        // a 1 and before its maximum 5 (the 5 wins: a NaN never compares greater); window 2
        // starts with a NaN (kept: nothing compares greater than it).
        float[] x = [2f, 2f, 1f, float.NaN, float.NaN, 7f,
                     2f, 2f, 5f, 1f, 0f, float.NaN];
        var indices = CheckPool(x, 1, 2, 6, ceilMode: false);
        Assert.Equal([0f, 8f, 4f], indices);
    }

    [Fact]
    public void MaxPoolTiesAndNaNsInRowsWideEnoughForTheVectorPathFollowTheSequentialDefinition()
    {
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
        CheckPool(x, 1, 2, w, ceilMode: false);
    }

    [Fact]
    public void MaxPoolBackwardRoutesEachGradientToItsArgmaxAndZeroesTheRest()
    {
        foreach (var (planes, h, w) in PlaneShapesHere)
        foreach (bool ceil in new[] { false, true })
        {
            if (!ceil && (h < 2 || w < 2)) continue;
            int pooled = planes * Accelerator.MaxPoolOutputSize(h, ceil) * Accelerator.MaxPoolOutputSize(w, ceil);
            var (_, index) = SpatialReference.MaxPoolForward(Data.Uniform(planes * h * w), planes, h, w, ceil);
            var dy = Data.Uniform(pooled);
            using var dyb = ParityData.Buffer(Accelerator, dy);
            using var ib = ParityData.Buffer(Accelerator, Array.ConvertAll(index, i => (float)i));
            using var dxb = ParityData.Poisoned(Accelerator, planes * h * w + 3);
            Accelerator.MaxPool2dBackward(dyb, ib, dxb, planes, h, w, ceil);
            var actual = dxb.ToArray();
            string what = $"max-pool backward {planes}x{h}x{w} ceil={ceil}";
            ParityData.Identical(SpatialReference.MaxPoolBackward(dy, index, planes, h, w, ceil), actual[..(planes * h * w)], what);
            ParityData.NothingWrittenPast(actual, planes * h * w, what);
        }
    }

    [Fact]
    public void MaxPoolBackwardWithAReluGateIsTheReluBackwardOfTheRoutedGradient()
    {
        foreach (var (planes, h, w) in PlaneShapesHere)
        foreach (bool ceil in new[] { false, true })
        {
            if (!ceil && (h < 2 || w < 2)) continue;
            // A ReLU's output: about half zeros, so many windows tie at 0 and their gate is closed.
            var relu = Array.ConvertAll(Data.Uniform(planes * h * w), v => Math.Max(v, 0f));
            var (pooled, index) = SpatialReference.MaxPoolForward(relu, planes, h, w, ceil);
            var dy = Data.Uniform(pooled.Length);
            using var dyb = ParityData.Buffer(Accelerator, dy);
            using var ib = ParityData.Buffer(Accelerator, Array.ConvertAll(index, i => (float)i));
            using var gb = ParityData.Buffer(Accelerator, Array.ConvertAll(pooled, v => (float)v));
            using var dxb = ParityData.Poisoned(Accelerator, planes * h * w + 3);
            Accelerator.MaxPool2dBackward(dyb, ib, dxb, planes, h, w, ceil, reluGate: gb);
            var actual = dxb.ToArray();
            var routed = SpatialReference.MaxPoolBackward(dy, index, planes, h, w, ceil);
            var expected = routed.Select((g, i) => relu[i] > 0 ? g : 0).ToArray();
            string what = $"gated max-pool backward {planes}x{h}x{w} ceil={ceil}";
            ParityData.Identical(expected, actual[..(planes * h * w)], what);
            ParityData.NothingWrittenPast(actual, planes * h * w, what);
        }
    }

    [Fact]
    public void UpsampleForwardCopiesEachPixelIntoATwoByTwoBlock()
    {
        foreach (var (planes, h, w) in PlaneShapesHere)
        {
            var x = Data.Uniform(planes * h * w);
            var expected = SpatialReference.UpsampleForward(x, planes, h, w);
            using var xb = ParityData.Buffer(Accelerator, x);
            using var yb = ParityData.Poisoned(Accelerator, expected.Length + 3);
            Accelerator.Upsample2dForward(xb, yb, planes, h, w);
            var actual = yb.ToArray();
            string what = $"upsample forward {planes}x{h}x{w}";
            ParityData.Identical(expected, actual[..expected.Length], what);
            ParityData.NothingWrittenPast(actual, expected.Length, what);
        }
    }

    [Fact]
    public void UpsampleBackwardSumsEachTwoByTwoBlock()
    {
        foreach (var (planes, h, w) in PlaneShapesHere)
        {
            var dy = Data.Uniform(4 * planes * h * w);
            var expected = SpatialReference.UpsampleBackward(dy, planes, h, w);
            using var dyb = ParityData.Buffer(Accelerator, dy);
            using var dxb = ParityData.Poisoned(Accelerator, expected.Length + 3);
            Accelerator.Upsample2dBackward(dyb, dxb, planes, h, w);
            var actual = dxb.ToArray();
            string what = $"upsample backward {planes}x{h}x{w}";
            ParityData.Close(expected, actual[..expected.Length], 1e-6, 1e-6, what);
            ParityData.NothingWrittenPast(actual, expected.Length, what);
        }
    }

    [Fact]
    public void UpsampleBackwardWithAReluGateZeroesTheSumsWhereTheReluOutputIsNotPositive()
    {
        foreach (var (planes, h, w) in PlaneShapesHere)
        {
            var relu = Array.ConvertAll(Data.Uniform(planes * h * w), v => Math.Max(v, 0f));
            var dy = Data.Uniform(4 * planes * h * w);
            var expected = SpatialReference.UpsampleBackward(dy, planes, h, w).Select((g, i) => relu[i] > 0 ? g : 0).ToArray();
            using var dyb = ParityData.Buffer(Accelerator, dy);
            using var gb = ParityData.Buffer(Accelerator, relu);
            using var dxb = ParityData.Poisoned(Accelerator, expected.Length + 3);
            Accelerator.Upsample2dBackward(dyb, dxb, planes, h, w, reluGate: gb);
            var actual = dxb.ToArray();
            string what = $"gated upsample backward {planes}x{h}x{w}";
            ParityData.Close(expected, actual[..expected.Length], 1e-6, 1e-6, what);
            Assert.All(Enumerable.Range(0, relu.Length).Where(i => relu[i] <= 0), i => Assert.Equal(0f, actual[i]));
            ParityData.NothingWrittenPast(actual, expected.Length, what);
        }
    }

    /// <summary>Max-pools x on the backend and asserts values (bit for bit) and positions match the sequential reference; returns the positions.</summary>
    private float[] CheckPool(float[] x, int planes, int h, int w, bool ceilMode)
    {
        int n = planes * Accelerator.MaxPoolOutputSize(h, ceilMode) * Accelerator.MaxPoolOutputSize(w, ceilMode);
        using var xb = ParityData.Buffer(Accelerator, x);
        using var yb = ParityData.Poisoned(Accelerator, n + 3);
        using var ib = ParityData.Poisoned(Accelerator, n + 3);
        Accelerator.MaxPool2dForward(xb, yb, ib, planes, h, w, ceilMode);
        var y = yb.ToArray();
        var indices = ib.ToArray();
        var expected = SpatialReference.MaxPoolForward(x, planes, h, w, ceilMode);
        string what = $"max-pool {planes}x{h}x{w} ceil={ceilMode}";
        Assert.Equal(expected.Index.Select(i => (float)i), indices[..n]);
        ParityData.Identical(expected.Y, y[..n], what);
        ParityData.NothingWrittenPast(y, n, what + " values");
        ParityData.NothingWrittenPast(indices, n, what + " positions");
        return indices[..n];
    }
}

public sealed class SpatialParityOnCpu(ITestOutputHelper output) : SpatialParityTests(Backend.Cpu, output);

public sealed class SpatialParityOnIlgpuCpu(ITestOutputHelper output) : SpatialParityTests(Backend.IlgpuCpu, output);

public sealed class SpatialParityOnCuda(ITestOutputHelper output) : SpatialParityTests(Backend.Cuda, output);

public sealed class SpatialParityOnOpenCl(ITestOutputHelper output) : SpatialParityTests(Backend.OpenCl, output);
