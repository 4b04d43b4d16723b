using GpuAE.Kernels.Spatial;

namespace GpuAE.Compute.Cpu;

/// <summary>Pooling and upsampling on the host: one plane (sample, channel) per work item.</summary>
public sealed partial class CpuAccelerator
{
    public override void MaxPool2dForward(DeviceBuffer input, DeviceBuffer output, DeviceBuffer indices, int planes, int height, int width, bool ceilMode)
    {
        int oh = MaxPoolOutputSize(height, ceilMode), ow = MaxPoolOutputSize(width, ceilMode);
        CheckPool(planes, height, width, oh, ow, input, output, indices);
        var x = D(input); var y = D(output); var idx = D(indices);
        ForRows(planes, height * width, plane =>
            CpuPooling.PoolPlane(x.AsSpan(plane * height * width, height * width), y.AsSpan(plane * oh * ow, oh * ow), idx.AsSpan(plane * oh * ow, oh * ow), height, width, ow));
    }

    public override void MaxPool2dBackward(DeviceBuffer outputGradient, DeviceBuffer indices, DeviceBuffer inputGradient, int planes, int height, int width, bool ceilMode)
    {
        int oh = MaxPoolOutputSize(height, ceilMode), ow = MaxPoolOutputSize(width, ceilMode);
        CheckPool(planes, height, width, oh, ow, inputGradient, outputGradient, indices);
        var dy = D(outputGradient); var idx = D(indices); var dx = D(inputGradient);
        ForRows(planes, height * width, plane =>
            CpuPooling.UnpoolPlane(dy.AsSpan(plane * oh * ow, oh * ow), idx.AsSpan(plane * oh * ow, oh * ow), dx.AsSpan(plane * height * width, height * width), height, width, ow));
    }

    public override void Upsample2dForward(DeviceBuffer input, DeviceBuffer output, int planes, int height, int width)
    {
        CheckLength("upsample2d input", input, (long)planes * height * width);
        CheckLength("upsample2d output", output, 4L * planes * height * width);
        var x = D(input); var y = D(output);
        ForRows(planes, 4 * height * width, plane =>
            CpuUpsample.ForwardPlane(x.AsSpan(plane * height * width, height * width), y.AsSpan(plane * 4 * height * width, 4 * height * width), height, width));
    }

    public override void Upsample2dBackward(DeviceBuffer outputGradient, DeviceBuffer inputGradient, int planes, int height, int width)
    {
        CheckLength("upsample2d output gradient", outputGradient, 4L * planes * height * width);
        CheckLength("upsample2d input gradient", inputGradient, (long)planes * height * width);
        var dy = D(outputGradient); var dx = D(inputGradient);
        ForRows(planes, 4 * height * width, plane =>
            CpuUpsample.BackwardPlane(dy.AsSpan(plane * 4 * height * width, 4 * height * width), dx.AsSpan(plane * height * width, height * width), height, width));
    }

    private static void CheckPool(int planes, int height, int width, int oh, int ow, DeviceBuffer full, DeviceBuffer pooled, DeviceBuffer indices)
    {
        if (planes <= 0 || oh <= 0 || ow <= 0)
            throw new ArgumentException($"maxpool2d: {planes} planes of {height}x{width} leave nothing to pool");
        CheckLength("maxpool2d input", full, (long)planes * height * width);
        CheckLength("maxpool2d output", pooled, (long)planes * oh * ow);
        CheckLength("maxpool2d indices", indices, (long)planes * oh * ow);
    }
}
