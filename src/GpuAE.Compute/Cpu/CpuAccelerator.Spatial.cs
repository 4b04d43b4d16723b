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
        {
            int xi = plane * height * width, yi = plane * oh * ow;
            for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++)
            {
                int best = -1; float max = float.NegativeInfinity;
                for (int dy = 0; dy < 2; dy++)
                for (int dx = 0; dx < 2; dx++)
                {
                    int iy = 2 * oy + dy, ix = 2 * ox + dx;
                    if (iy >= height || ix >= width) continue;
                    float v = x[xi + iy * width + ix];
                    if (best < 0 || v > max || float.IsNaN(v)) { max = v; best = iy * width + ix; }
                }
                y[yi + oy * ow + ox] = max;
                idx[yi + oy * ow + ox] = best;
            }
        });
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
