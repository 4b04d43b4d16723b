using GpuAE.Kernels.Spatial;

namespace GpuAE.Compute.Cpu;

/// <summary>Pooling and upsampling on the host: one plane (sample, channel) per work item.</summary>
public sealed partial class CpuAccelerator
{
    protected override void MaxPool2dForwardCore(DeviceBuffer input, DeviceBuffer output, DeviceBuffer indices, int planes, int height, int width, bool ceilMode)
    {
        int oh = MaxPoolOutputSize(height, ceilMode), ow = MaxPoolOutputSize(width, ceilMode);
        var x = D(input); var y = D(output); var idx = D(indices);
        ForRows(planes, height * width, plane =>
            CpuPooling.PoolPlane(x.AsSpan(plane * height * width, height * width), y.AsSpan(plane * oh * ow, oh * ow), idx.AsSpan(plane * oh * ow, oh * ow), height, width, ow));
    }

    protected override void MaxPool2dBackwardCore(DeviceBuffer outputGradient, DeviceBuffer indices, DeviceBuffer inputGradient, int planes, int height, int width, bool ceilMode,
        DeviceBuffer? reluGate)
    {
        int oh = MaxPoolOutputSize(height, ceilMode), ow = MaxPoolOutputSize(width, ceilMode);
        var dy = D(outputGradient); var idx = D(indices); var dx = D(inputGradient);
        var gate = reluGate is null ? null : D(reluGate);
        ForRows(planes, height * width, plane =>
            CpuPooling.UnpoolPlane(dy.AsSpan(plane * oh * ow, oh * ow), idx.AsSpan(plane * oh * ow, oh * ow), dx.AsSpan(plane * height * width, height * width), height, width, ow,
                gate is null ? default : gate.AsSpan(plane * oh * ow, oh * ow)));
    }

    protected override void Upsample2dForwardCore(DeviceBuffer input, DeviceBuffer output, int planes, int height, int width)
    {
        var x = D(input); var y = D(output);
        ForRows(planes, 4 * height * width, plane =>
            CpuUpsample.ForwardPlane(x.AsSpan(plane * height * width, height * width), y.AsSpan(plane * 4 * height * width, 4 * height * width), height, width));
    }

    protected override void Upsample2dBackwardCore(DeviceBuffer outputGradient, DeviceBuffer inputGradient, int planes, int height, int width, DeviceBuffer? reluGate)
    {
        var dy = D(outputGradient); var dx = D(inputGradient);
        var gate = reluGate is null ? null : D(reluGate);
        ForRows(planes, 4 * height * width, plane =>
            CpuUpsample.BackwardPlane(dy.AsSpan(plane * 4 * height * width, 4 * height * width), dx.AsSpan(plane * height * width, height * width), height, width,
                gate is null ? default : gate.AsSpan(plane * height * width, height * width)));
    }
}
