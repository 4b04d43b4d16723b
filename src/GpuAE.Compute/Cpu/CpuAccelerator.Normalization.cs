using System.Numerics.Tensors;
using GpuAE.Kernels.Dropout;
using GpuAE.Kernels.Normalization;

namespace GpuAE.Compute.Cpu;

/// <summary>Batch normalisation (one channel per work item) and dropout on the host.</summary>
public sealed partial class CpuAccelerator
{
    protected override void BatchNorm2dForwardTrainingCore(DeviceBuffer x, DeviceBuffer y, DeviceBuffer gamma, DeviceBuffer beta,
        DeviceBuffer runningMean, DeviceBuffer runningVar, DeviceBuffer savedMean, DeviceBuffer savedInvStd,
        int batch, int channels, int pixels, float momentum, float epsilon)
    {
        var xd = D(x); var yd = D(y); var g = D(gamma); var b = D(beta);
        var rm = D(runningMean); var rv = D(runningVar); var sm = D(savedMean); var si = D(savedInvStd);
        ForRows(channels, batch * pixels, c =>
            CpuBatchNorm.ForwardTrainingChannel(xd, yd, c, batch, channels, pixels, g[c], b[c], ref rm[c], ref rv[c], out sm[c], out si[c], momentum, epsilon));
    }

    protected override void BatchNorm2dForwardInferenceCore(DeviceBuffer x, DeviceBuffer y, DeviceBuffer gamma, DeviceBuffer beta,
        DeviceBuffer runningMean, DeviceBuffer runningVar, int batch, int channels, int pixels, float epsilon)
    {
        var xd = D(x); var yd = D(y); var g = D(gamma); var b = D(beta); var rm = D(runningMean); var rv = D(runningVar);
        ForRows(channels, batch * pixels, c =>
            CpuBatchNorm.Normalize(xd, yd, c, channels, batch, pixels, rm[c], 1f / MathF.Sqrt(rv[c] + epsilon), g[c], b[c]));
    }

    protected override void BatchNorm2dBackwardCore(DeviceBuffer x, DeviceBuffer outputGradient, DeviceBuffer gamma,
        DeviceBuffer savedMean, DeviceBuffer savedInvStd, DeviceBuffer inputGradient, DeviceBuffer gammaGradient, DeviceBuffer betaGradient,
        int batch, int channels, int pixels)
    {
        var xd = D(x); var dy = D(outputGradient); var g = D(gamma); var sm = D(savedMean); var si = D(savedInvStd);
        var dx = D(inputGradient); var dg = D(gammaGradient); var db = D(betaGradient);
        ForRows(channels, batch * pixels, c =>
            CpuBatchNorm.BackwardChannel(xd, dy, dx, c, batch, channels, pixels, g[c], sm[c], si[c], out dg[c], out db[c]));
    }

    protected override void DropoutForwardCore(DeviceBuffer x, DeviceBuffer y, DeviceBuffer mask, int n, float rate, ulong seed, uint step)
    {
        var xd = D(x); var yd = D(y); var md = D(mask);
        ForChunks(n, (start, len) =>
            CpuDropout.Forward(xd.AsSpan(start, len), yd.AsSpan(start, len), md.AsSpan(start, len), start, rate, seed, step));
    }

    protected override void DropoutBackwardCore(DeviceBuffer outputGradient, DeviceBuffer mask, DeviceBuffer inputGradient, int n)
    {
        var dy = D(outputGradient); var md = D(mask); var dx = D(inputGradient);
        ForChunks(n, (start, len) => System.Numerics.Tensors.TensorPrimitives.Multiply(dy.AsSpan(start, len), md.AsSpan(start, len), dx.AsSpan(start, len)));
    }
}
