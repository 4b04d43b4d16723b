using GpuAE.Compute;
using GpuAE.Kernels.Dropout;

namespace GpuAE.Tests.Compute;

/// <summary>Batch normalisation against float64 formulas and dropout against the reference mask, on every accelerator.</summary>
[Collection(AcceleratorCollection.Name)]
public sealed class NormalizationParityTests(ITestOutputHelper output)
{
    private const float Momentum = 0.1f, Epsilon = 1e-5f;

    private readonly ParityData _data = new(output);

    // (batch, channels, pixels): one element per channel (M = 1), M = 2, odd planes, 17 channels, 28x28.
    private static readonly (int Batch, int Channels, int Pixels)[] Shapes =
        [(1, 3, 1), (2, 1, 1), (3, 17, 35), (1, 3, 784), (3, 1, 5), (5, 4, 300)];

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void BatchNormTrainingNormalisesWithBatchStatisticsAndUpdatesTheRunningOnes(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (batch, channels, pixels) in Shapes)
        {
            var x = _data.Uniform(batch * channels * pixels, -2f, 3f);
            var gamma = _data.Uniform(channels); var beta = _data.Uniform(channels);
            var runningMean = _data.Uniform(channels); var runningVar = _data.Uniform(channels, 0.5f, 2f);
            using var xb = ParityData.Buffer(accelerator, x);
            using var yb = ParityData.Poisoned(accelerator, x.Length + 3);
            using var gb = ParityData.Buffer(accelerator, gamma); using var bb = ParityData.Buffer(accelerator, beta);
            using var rmb = ParityData.Buffer(accelerator, runningMean); using var rvb = ParityData.Buffer(accelerator, runningVar);
            using var smb = ParityData.Poisoned(accelerator, channels); using var sib = ParityData.Poisoned(accelerator, channels);
            accelerator.BatchNorm2dForwardTraining(xb, yb, gb, bb, rmb, rvb, smb, sib, batch, channels, pixels, Momentum, Epsilon);

            var (mean, variance) = Statistics(x, batch, channels, pixels);
            long m = (long)batch * pixels;
            var invStd = variance.Select(v => 1 / Math.Sqrt(v + Epsilon)).ToArray();
            var y = x.Select((v, i) => gamma[C(i)] * (v - mean[C(i)]) * invStd[C(i)] + beta[C(i)]).ToArray();
            int C(int i) => i / pixels % channels;
            string what = $"batchnorm {batch}x{channels}x{pixels}";
            ParityData.Close(y, yb.ToArray()[..x.Length], 1e-4, 1e-4, what + " y");
            Assert.All(yb.ToArray()[x.Length..], v => Assert.True(float.IsNaN(v), "wrote past y"));
            ParityData.Close(mean, smb.ToArray(), 1e-5, 1e-6, what + " saved mean");
            ParityData.Close(invStd, sib.ToArray(), 1e-4, 1e-4, what + " saved 1/std");
            ParityData.Close(mean.Select((v, c) => (1 - Momentum) * runningMean[c] + Momentum * v).ToArray(), rmb.ToArray(), 1e-5, 1e-6, what + " running mean");
            var unbiased = variance.Select(v => m > 1 ? v * m / (m - 1) : v);
            ParityData.Close(unbiased.Select((v, c) => (1 - Momentum) * runningVar[c] + Momentum * v).ToArray(), rvb.ToArray(), 1e-5, 1e-6, what + " running variance");
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void BatchNormInferenceUsesTheRunningStatistics(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (batch, channels, pixels) in Shapes)
        {
            var x = _data.Uniform(batch * channels * pixels, -2f, 3f);
            var gamma = _data.Uniform(channels); var beta = _data.Uniform(channels);
            var runningMean = _data.Uniform(channels); var runningVar = _data.Uniform(channels, 0.5f, 2f);
            using var xb = ParityData.Buffer(accelerator, x);
            using var yb = ParityData.Poisoned(accelerator, x.Length + 3);
            using var gb = ParityData.Buffer(accelerator, gamma); using var bb = ParityData.Buffer(accelerator, beta);
            using var rmb = ParityData.Buffer(accelerator, runningMean); using var rvb = ParityData.Buffer(accelerator, runningVar);
            accelerator.BatchNorm2dForwardInference(xb, yb, gb, bb, rmb, rvb, batch, channels, pixels, Epsilon);
            int C(int i) => i / pixels % channels;
            var y = x.Select((v, i) => gamma[C(i)] * (v - (double)runningMean[C(i)]) / Math.Sqrt(runningVar[C(i)] + (double)Epsilon) + beta[C(i)]).ToArray();
            var actual = yb.ToArray();
            ParityData.Close(y, actual[..x.Length], 1e-5, 1e-5, $"batchnorm inference {batch}x{channels}x{pixels}");
            Assert.All(actual[x.Length..], v => Assert.True(float.IsNaN(v), "wrote past y"));
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void BatchNormBackwardMatchesTheFloat64Gradients(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (batch, channels, pixels) in Shapes)
        {
            var x = _data.Uniform(batch * channels * pixels, -2f, 3f);
            var dy = _data.Uniform(x.Length);
            var gamma = _data.Uniform(channels);
            var (mean64, variance) = Statistics(x, batch, channels, pixels);
            var mean = mean64.Select(v => (float)v).ToArray();
            var invStd = variance.Select(v => (float)(1 / Math.Sqrt(v + Epsilon))).ToArray();
            using var xb = ParityData.Buffer(accelerator, x); using var dyb = ParityData.Buffer(accelerator, dy);
            using var gb = ParityData.Buffer(accelerator, gamma);
            using var smb = ParityData.Buffer(accelerator, mean); using var sib = ParityData.Buffer(accelerator, invStd);
            using var dxb = ParityData.Poisoned(accelerator, x.Length + 3);
            using var dgb = ParityData.Poisoned(accelerator, channels); using var dbb = ParityData.Poisoned(accelerator, channels);
            accelerator.BatchNorm2dBackward(xb, dyb, gb, smb, sib, dxb, dgb, dbb, batch, channels, pixels);

            int C(int i) => i / pixels % channels;
            double Xhat(int i) => (x[i] - (double)mean[C(i)]) * invStd[C(i)];
            var sumDy = new double[channels]; var sumDyXhat = new double[channels];
            for (int i = 0; i < x.Length; i++) { sumDy[C(i)] += dy[i]; sumDyXhat[C(i)] += dy[i] * Xhat(i); }
            double m = (double)batch * pixels;
            var dx = x.Select((_, i) => gamma[C(i)] * (double)invStd[C(i)] * (dy[i] - sumDy[C(i)] / m - Xhat(i) * sumDyXhat[C(i)] / m)).ToArray();
            string what = $"batchnorm backward {batch}x{channels}x{pixels}";
            double sumTolerance = 1e-5 * Math.Sqrt(m) * 3;
            ParityData.Close(sumDy, dbb.ToArray(), 1e-5, sumTolerance, what + " dBeta");
            ParityData.Close(sumDyXhat, dgb.ToArray(), 1e-5, sumTolerance, what + " dGamma");
            ParityData.Close(dx, dxb.ToArray()[..x.Length], 1e-4, 1e-4, what + " dx");
            Assert.All(dxb.ToArray()[x.Length..], v => Assert.True(float.IsNaN(v), "wrote past dx"));
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void DropoutMaskIsBitIdenticalToTheReferenceMask(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (int n in new[] { 1, 3, 4, 7, 1003, 28 * 28 * 3 + 1 })
        foreach (float rate in new[] { 0f, 0.25f, 0.5f, 0.9f })
        {
            ulong seed = ((ulong)(uint)_data.Seed << 32) | 0x51EDu;
            uint step = 17;
            var x = _data.Uniform(n);
            var mask = new float[n];
            DropoutMask.Fill(mask, 0, rate, seed, step);
            using var xb = ParityData.Buffer(accelerator, x);
            using var yb = ParityData.Poisoned(accelerator, n + 3);
            using var mb = ParityData.Poisoned(accelerator, n + 3);
            accelerator.DropoutForward(xb, yb, mb, n, rate, seed, step);
            var maskActual = mb.ToArray(); var y = yb.ToArray();
            Assert.Equal(mask.Select(BitConverter.SingleToInt32Bits), maskActual[..n].Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(x.Select((v, i) => v * mask[i]), y[..n]);
            Assert.All(maskActual[n..].Concat(y[n..]), v => Assert.True(float.IsNaN(v), "wrote past the output"));
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void DropoutBackwardMultipliesByTheMask(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (int n in new[] { 1, 7, 1003 })
        {
            var dy = _data.Uniform(n);
            var mask = new float[n];
            DropoutMask.Fill(mask, 0, 0.3f, 99, 2);
            using var dyb = ParityData.Buffer(accelerator, dy);
            using var mb = ParityData.Buffer(accelerator, mask);
            using var dxb = ParityData.Poisoned(accelerator, n + 3);
            accelerator.DropoutBackward(dyb, mb, dxb, n);
            var dx = dxb.ToArray();
            Assert.Equal(dy.Select((v, i) => v * mask[i]), dx[..n]);
            Assert.All(dx[n..], v => Assert.True(float.IsNaN(v), "wrote past dx"));
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void DropoutRefusesARateOfOne(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        using var x = ParityData.Buffer(accelerator, _data.Uniform(4));
        using var y = ParityData.Poisoned(accelerator, 4); using var mask = ParityData.Poisoned(accelerator, 4);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => accelerator.DropoutForward(x, y, mask, 4, 1f, 1, 1));
        Assert.Contains("rate", error.Message);
    }

    /// <summary>Per-channel mean and biased variance in float64.</summary>
    private static (double[] Mean, double[] Variance) Statistics(float[] x, int batch, int channels, int pixels)
    {
        var mean = new double[channels]; var variance = new double[channels];
        double m = (double)batch * pixels;
        for (int i = 0; i < x.Length; i++) mean[i / pixels % channels] += x[i] / m;
        for (int i = 0; i < x.Length; i++) { double d = x[i] - mean[i / pixels % channels]; variance[i / pixels % channels] += d * d / m; }
        return (mean, variance);
    }
}
