using GpuAE.Compute;
using GpuAE.Kernels.Dropout;
using GpuAE.Kernels.Normalization;

namespace GpuAE.Tests.Compute;

/// <summary>Batch normalisation against its float64 reference and dropout against the reference mask (DropoutMask), bit for bit.</summary>
public abstract class NormalizationParityTests(Backend backend, ITestOutputHelper output) : BackendTests(backend, output)
{
    private const float Momentum = 0.1f, Epsilon = 1e-5f;

    // (batch, channels, pixels): one element per channel (M = 1), M = 2, odd planes, 17 channels, 28x28.
    private static readonly (int Batch, int Channels, int Pixels)[] Shapes =
        [(1, 3, 1), (2, 1, 1), (3, 17, 35), (1, 3, 784), (3, 1, 5), (5, 4, 300)];

    // The emulator runs a channel's tree sums on 256 threads and barriers: fewer channels, still M > 256 once.
    private static readonly (int Batch, int Channels, int Pixels)[] EmulatorShapes =
        [(1, 3, 1), (2, 1, 1), (3, 5, 35), (3, 1, 5), (5, 2, 61)];

    private (int Batch, int Channels, int Pixels)[] ShapesHere => Emulated ? EmulatorShapes : Shapes;

    [Fact]
    public void BatchNormTrainingNormalisesWithBatchStatisticsAndUpdatesTheRunningOnes()
    {
        foreach (var (batch, channels, pixels) in ShapesHere)
        {
            var x = Data.Uniform(batch * channels * pixels, -2f, 3f);
            var gamma = Data.Uniform(channels); var beta = Data.Uniform(channels);
            var runningMean = Data.Uniform(channels); var runningVar = Data.Uniform(channels, 0.5f, 2f);
            using var xb = ParityData.Buffer(Accelerator, x);
            using var yb = ParityData.Poisoned(Accelerator, x.Length + 3);
            using var gb = ParityData.Buffer(Accelerator, gamma); using var bb = ParityData.Buffer(Accelerator, beta);
            using var rmb = ParityData.Buffer(Accelerator, runningMean); using var rvb = ParityData.Buffer(Accelerator, runningVar);
            using var smb = ParityData.Poisoned(Accelerator, channels); using var sib = ParityData.Poisoned(Accelerator, channels);
            Accelerator.BatchNorm2dForwardTraining(xb, yb, gb, bb, rmb, rvb, smb, sib, batch, channels, pixels, Momentum, Epsilon);

            var expected = BatchNormReference.ForwardTraining(x, gamma, beta, runningMean, runningVar, batch, channels, pixels, Momentum, Epsilon);
            string what = $"batchnorm {batch}x{channels}x{pixels}";
            var y = yb.ToArray();
            ParityData.Close(expected.Y, y[..x.Length], 1e-4, 1e-4, what + " y");
            ParityData.NothingWrittenPast(y, x.Length, what + " y");
            ParityData.Close(expected.Mean, smb.ToArray(), 1e-5, 1e-6, what + " saved mean");
            ParityData.Close(expected.InvStd, sib.ToArray(), 1e-4, 1e-4, what + " saved 1/std");
            ParityData.Close(expected.RunningMean, rmb.ToArray(), 1e-5, 1e-6, what + " running mean");
            ParityData.Close(expected.RunningVar, rvb.ToArray(), 1e-5, 1e-6, what + " running variance");
        }
    }

    [Fact]
    public void BatchNormInferenceUsesTheRunningStatistics()
    {
        foreach (var (batch, channels, pixels) in ShapesHere)
        {
            var x = Data.Uniform(batch * channels * pixels, -2f, 3f);
            var gamma = Data.Uniform(channels); var beta = Data.Uniform(channels);
            var runningMean = Data.Uniform(channels); var runningVar = Data.Uniform(channels, 0.5f, 2f);
            using var xb = ParityData.Buffer(Accelerator, x);
            using var yb = ParityData.Poisoned(Accelerator, x.Length + 3);
            using var gb = ParityData.Buffer(Accelerator, gamma); using var bb = ParityData.Buffer(Accelerator, beta);
            using var rmb = ParityData.Buffer(Accelerator, runningMean); using var rvb = ParityData.Buffer(Accelerator, runningVar);
            Accelerator.BatchNorm2dForwardInference(xb, yb, gb, bb, rmb, rvb, batch, channels, pixels, Epsilon);
            var actual = yb.ToArray();
            string what = $"batchnorm inference {batch}x{channels}x{pixels}";
            ParityData.Close(BatchNormReference.ForwardInference(x, gamma, beta, runningMean, runningVar, channels, pixels, Epsilon), actual[..x.Length], 1e-5, 1e-5, what);
            ParityData.NothingWrittenPast(actual, x.Length, what);
        }
    }

    [Fact]
    public void BatchNormBackwardMatchesTheFloat64Gradients()
    {
        foreach (var (batch, channels, pixels) in ShapesHere)
        {
            var x = Data.Uniform(batch * channels * pixels, -2f, 3f);
            var dy = Data.Uniform(x.Length);
            var gamma = Data.Uniform(channels);
            var (mean64, variance) = BatchNormReference.Statistics(x, batch, channels, pixels);
            var mean = mean64.Select(v => (float)v).ToArray();
            var invStd = variance.Select(v => (float)(1 / Math.Sqrt(v + Epsilon))).ToArray();
            using var xb = ParityData.Buffer(Accelerator, x); using var dyb = ParityData.Buffer(Accelerator, dy);
            using var gb = ParityData.Buffer(Accelerator, gamma);
            using var smb = ParityData.Buffer(Accelerator, mean); using var sib = ParityData.Buffer(Accelerator, invStd);
            using var dxb = ParityData.Poisoned(Accelerator, x.Length + 3);
            using var dgb = ParityData.Poisoned(Accelerator, channels); using var dbb = ParityData.Poisoned(Accelerator, channels);
            Accelerator.BatchNorm2dBackward(xb, dyb, gb, smb, sib, dxb, dgb, dbb, batch, channels, pixels);

            var expected = BatchNormReference.Backward(x, dy, gamma, mean, invStd, batch, channels, pixels);
            string what = $"batchnorm backward {batch}x{channels}x{pixels}";
            double sumTolerance = 1e-5 * Math.Sqrt((double)batch * pixels) * 3;
            ParityData.Close(expected.DBeta, dbb.ToArray(), 1e-5, sumTolerance, what + " dBeta");
            ParityData.Close(expected.DGamma, dgb.ToArray(), 1e-5, sumTolerance, what + " dGamma");
            var dx = dxb.ToArray();
            ParityData.Close(expected.Dx, dx[..x.Length], 1e-4, 1e-4, what + " dx");
            ParityData.NothingWrittenPast(dx, x.Length, what + " dx");
        }
    }

    [Fact]
    public void DropoutMaskIsBitIdenticalToTheReferenceMask()
    {
        foreach (int n in new[] { 1, 3, 4, 7, 1003, 28 * 28 * 3 + 1 })
        foreach (float rate in new[] { 0f, 0.25f, 0.5f, 0.9f })
        {
            ulong seed = ((ulong)(uint)Data.Seed << 32) | 0x51EDu;
            uint step = 17;
            var x = Data.Uniform(n);
            var mask = new float[n];
            DropoutMask.Fill(mask, 0, rate, seed, step);
            using var xb = ParityData.Buffer(Accelerator, x);
            using var yb = ParityData.Poisoned(Accelerator, n + 3);
            using var mb = ParityData.Poisoned(Accelerator, n + 3);
            Accelerator.DropoutForward(xb, yb, mb, n, rate, seed, step);
            var maskActual = mb.ToArray(); var y = yb.ToArray();
            Assert.Equal(mask.Select(BitConverter.SingleToInt32Bits), maskActual[..n].Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(x.Select((v, i) => v * mask[i]), y[..n]);
            ParityData.NothingWrittenPast(maskActual, n, $"dropout mask n={n}");
            ParityData.NothingWrittenPast(y, n, $"dropout y n={n}");
        }
    }

    [Fact]
    public void DropoutBackwardMultipliesByTheMask()
    {
        foreach (int n in new[] { 1, 7, 1003 })
        {
            var dy = Data.Uniform(n);
            var mask = new float[n];
            DropoutMask.Fill(mask, 0, 0.3f, 99, 2);
            using var dyb = ParityData.Buffer(Accelerator, dy);
            using var mb = ParityData.Buffer(Accelerator, mask);
            using var dxb = ParityData.Poisoned(Accelerator, n + 3);
            Accelerator.DropoutBackward(dyb, mb, dxb, n);
            var dx = dxb.ToArray();
            Assert.Equal(dy.Select((v, i) => v * mask[i]), dx[..n]);
            ParityData.NothingWrittenPast(dx, n, $"dropout dx n={n}");
        }
    }

    [Fact]
    public void DropoutRefusesARateOfOne()
    {
        using var x = ParityData.Buffer(Accelerator, Data.Uniform(4));
        using var y = ParityData.Poisoned(Accelerator, 4); using var mask = ParityData.Poisoned(Accelerator, 4);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Accelerator.DropoutForward(x, y, mask, 4, 1f, 1, 1));
        Assert.Contains("rate", error.Message);
    }
}

public sealed class NormalizationParityOnCpu(ITestOutputHelper output) : NormalizationParityTests(Backend.Cpu, output);

public sealed class NormalizationParityOnIlgpuCpu(ITestOutputHelper output) : NormalizationParityTests(Backend.IlgpuCpu, output);

public sealed class NormalizationParityOnCuda(ITestOutputHelper output) : NormalizationParityTests(Backend.Cuda, output);

public sealed class NormalizationParityOnOpenCl(ITestOutputHelper output) : NormalizationParityTests(Backend.OpenCl, output);
