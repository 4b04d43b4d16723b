using System.Numerics.Tensors;
using GpuAE.Kernels.Dropout;
using GpuAE.Kernels.Normalization;

namespace GpuAE.Compute.Cpu;

/// <summary>Batch normalisation (one channel per work item) and dropout on the host.</summary>
public sealed partial class CpuAccelerator
{
    public override void BatchNorm2dForwardTraining(DeviceBuffer x, DeviceBuffer y, DeviceBuffer gamma, DeviceBuffer beta,
        DeviceBuffer runningMean, DeviceBuffer runningVar, DeviceBuffer savedMean, DeviceBuffer savedInvStd,
        int batch, int channels, int pixels, float momentum, float epsilon)
    {
        CheckBatchNorm(x, y, batch, channels, pixels, gamma, beta, runningMean, runningVar, savedMean, savedInvStd);
        var xd = D(x); var yd = D(y); var g = D(gamma); var b = D(beta);
        var rm = D(runningMean); var rv = D(runningVar); var sm = D(savedMean); var si = D(savedInvStd);
        ForRows(channels, batch * pixels, c =>
            CpuBatchNorm.ForwardTrainingChannel(xd, yd, c, batch, channels, pixels, g[c], b[c], ref rm[c], ref rv[c], out sm[c], out si[c], momentum, epsilon));
    }

    public override void BatchNorm2dForwardInference(DeviceBuffer x, DeviceBuffer y, DeviceBuffer gamma, DeviceBuffer beta,
        DeviceBuffer runningMean, DeviceBuffer runningVar, int batch, int channels, int pixels, float epsilon)
    {
        CheckBatchNorm(x, y, batch, channels, pixels, gamma, beta, runningMean, runningVar);
        var xd = D(x); var yd = D(y); var g = D(gamma); var b = D(beta); var rm = D(runningMean); var rv = D(runningVar);
        ForRows(channels, batch * pixels, c =>
            CpuBatchNorm.Normalize(xd, yd, c, channels, batch, pixels, rm[c], 1f / MathF.Sqrt(rv[c] + epsilon), g[c], b[c]));
    }

    public override void BatchNorm2dBackward(DeviceBuffer x, DeviceBuffer outputGradient, DeviceBuffer gamma,
        DeviceBuffer savedMean, DeviceBuffer savedInvStd, DeviceBuffer inputGradient, DeviceBuffer gammaGradient, DeviceBuffer betaGradient,
        int batch, int channels, int pixels)
    {
        CheckBatchNorm(x, outputGradient, batch, channels, pixels, gamma, savedMean, savedInvStd, gammaGradient, betaGradient);
        CheckLength("batchnorm2d input gradient", inputGradient, (long)batch * channels * pixels);
        var xd = D(x); var dy = D(outputGradient); var g = D(gamma); var sm = D(savedMean); var si = D(savedInvStd);
        var dx = D(inputGradient); var dg = D(gammaGradient); var db = D(betaGradient);
        ForRows(channels, batch * pixels, c =>
            CpuBatchNorm.BackwardChannel(xd, dy, dx, c, batch, channels, pixels, g[c], sm[c], si[c], out dg[c], out db[c]));
    }

    public override void DropoutForward(DeviceBuffer x, DeviceBuffer y, DeviceBuffer mask, int n, float rate, ulong seed, uint step)
    {
        if (!(rate >= 0f && rate < 1f)) throw new ArgumentOutOfRangeException(nameof(rate), $"dropout: rate must be in [0, 1), got {rate}");
        CheckLength("dropout input", x, n); CheckLength("dropout output", y, n); CheckLength("dropout mask", mask, n);
        var xd = D(x); var yd = D(y); var md = D(mask);
        ForChunks(n, (start, len) =>
            CpuDropout.Forward(xd.AsSpan(start, len), yd.AsSpan(start, len), md.AsSpan(start, len), start, rate, seed, step));
    }

    public override void DropoutBackward(DeviceBuffer outputGradient, DeviceBuffer mask, DeviceBuffer inputGradient, int n)
    {
        CheckLength("dropout output gradient", outputGradient, n); CheckLength("dropout mask", mask, n); CheckLength("dropout input gradient", inputGradient, n);
        var dy = D(outputGradient); var md = D(mask); var dx = D(inputGradient);
        ForChunks(n, (start, len) => System.Numerics.Tensors.TensorPrimitives.Multiply(dy.AsSpan(start, len), md.AsSpan(start, len), dx.AsSpan(start, len)));
    }

    private static void CheckBatchNorm(DeviceBuffer x, DeviceBuffer y, int batch, int channels, int pixels, params DeviceBuffer[] perChannel)
    {
        if (batch <= 0 || channels <= 0 || pixels <= 0)
            throw new ArgumentException($"batchnorm2d: sizes must be positive (batch {batch}, channels {channels}, pixels {pixels})");
        CheckLength("batchnorm2d input", x, (long)batch * channels * pixels);
        CheckLength("batchnorm2d output", y, (long)batch * channels * pixels);
        foreach (var b in perChannel) CheckLength("batchnorm2d per-channel buffer", b, channels);
    }
}
