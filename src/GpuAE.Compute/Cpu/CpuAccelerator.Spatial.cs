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
            PoolPlane(x.AsSpan(plane * height * width, height * width), y.AsSpan(plane * oh * ow, oh * ow), idx.AsSpan(plane * oh * ow, oh * ow), height, width, ow));
    }

    /// <summary>One plane: full 2x2 windows on the fast path, a ceil-mode edge window checks its bounds.</summary>
    private static void PoolPlane(ReadOnlySpan<float> x, Span<float> y, Span<float> idx, int height, int width, int ow)
    {
        for (int oy = 0; oy < y.Length / ow; oy++)
        {
            int r0 = 2 * oy * width, r1 = 2 * oy + 1 < height ? r0 + width : -1;
            for (int ox = 0; ox < ow; ox++)
            {
                int c0 = 2 * ox;
                int best = r0 + c0; float max = x[best];
                if (c0 + 1 < width && x[r0 + c0 + 1] > max) { best = r0 + c0 + 1; max = x[best]; }
                if (r1 >= 0)
                {
                    if (x[r1 + c0] > max) { best = r1 + c0; max = x[best]; }
                    if (c0 + 1 < width && x[r1 + c0 + 1] > max) { best = r1 + c0 + 1; max = x[best]; }
                }
                y[oy * ow + ox] = max;
                idx[oy * ow + ox] = best;
            }
        }
    }

    public override void MaxPool2dBackward(DeviceBuffer outputGradient, DeviceBuffer indices, DeviceBuffer inputGradient, int planes, int height, int width, bool ceilMode)
    {
        int oh = MaxPoolOutputSize(height, ceilMode), ow = MaxPoolOutputSize(width, ceilMode);
        CheckPool(planes, height, width, oh, ow, inputGradient, outputGradient, indices);
        var dy = D(outputGradient); var idx = D(indices); var dx = D(inputGradient);
        ForRows(planes, height * width, plane =>
        {
            int xi = plane * height * width, yi = plane * oh * ow;
            dx.AsSpan(xi, height * width).Clear();
            for (int o = 0; o < oh * ow; o++) dx[xi + (int)idx[yi + o]] += dy[yi + o];
        });
    }

    public override void Upsample2dForward(DeviceBuffer input, DeviceBuffer output, int planes, int height, int width)
    {
        CheckLength("upsample2d input", input, (long)planes * height * width);
        CheckLength("upsample2d output", output, 4L * planes * height * width);
        var x = D(input); var y = D(output);
        ForRows(planes, 4 * height * width, plane =>
        {
            int w2 = 2 * width;
            for (int iy = 0; iy < height; iy++)
            {
                var src = x.AsSpan((plane * height + iy) * width, width);
                var dst = y.AsSpan((plane * 2 * height + 2 * iy) * w2, w2);
                for (int ix = 0; ix < width; ix++) dst[2 * ix] = dst[2 * ix + 1] = src[ix];
                dst.CopyTo(y.AsSpan((plane * 2 * height + 2 * iy + 1) * w2, w2));
            }
        });
    }

    public override void Upsample2dBackward(DeviceBuffer outputGradient, DeviceBuffer inputGradient, int planes, int height, int width)
    {
        CheckLength("upsample2d output gradient", outputGradient, 4L * planes * height * width);
        CheckLength("upsample2d input gradient", inputGradient, (long)planes * height * width);
        var dy = D(outputGradient); var dx = D(inputGradient);
        ForRows(planes, 4 * height * width, plane =>
        {
            int w2 = 2 * width;
            for (int iy = 0; iy < height; iy++)
            {
                var top = dy.AsSpan((plane * 2 * height + 2 * iy) * w2, w2);
                var bottom = dy.AsSpan((plane * 2 * height + 2 * iy + 1) * w2, w2);
                var dst = dx.AsSpan((plane * height + iy) * width, width);
                for (int ix = 0; ix < width; ix++) dst[ix] = top[2 * ix] + top[2 * ix + 1] + bottom[2 * ix] + bottom[2 * ix + 1];
            }
        });
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
