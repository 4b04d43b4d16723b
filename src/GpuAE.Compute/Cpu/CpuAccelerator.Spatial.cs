using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    /// <summary>
    /// One plane. Full 2x2 windows go four at a time through SSE selects (which of four values
    /// wins is data, and as branches those comparisons mispredicted about every other window);
    /// the rest, and a ceil-mode edge window, take the scalar path that checks its bounds.
    /// Both keep the first maximum in row-major order, like the kernels: the larger of each row's
    /// pair (left on ties), then the bottom one only if strictly larger.
    /// </summary>
    private static void PoolPlane(ReadOnlySpan<float> x, Span<float> y, Span<float> idx, int height, int width, int ow)
    {
        for (int oy = 0; oy < y.Length / ow; oy++)
        {
            int r0 = 2 * oy * width, r1 = 2 * oy + 1 < height ? r0 + width : -1;
            int ox = r1 >= 0 ? PoolRowVectorized(x, y.Slice(oy * ow, ow), idx.Slice(oy * ow, ow), r0, width) : 0;
            for (; ox < ow; ox++)
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
            UnpoolPlane(dy.AsSpan(plane * oh * ow, oh * ow), idx.AsSpan(plane * oh * ow, oh * ow), dx.AsSpan(plane * height * width, height * width), height, width, ow));
    }

    /// <summary>
    /// One plane of the pooling gradient. 2x2 stride-2 windows do not overlap, so full windows
    /// write all four of their pixels (the gradient at the argmax, zero elsewhere) four windows
    /// at a time; only pixels no full window covers (odd edges, ceil-mode windows) need the
    /// clear-then-scatter path.
    /// </summary>
    private static void UnpoolPlane(ReadOnlySpan<float> dy, ReadOnlySpan<float> idx, Span<float> dx, int height, int width, int ow)
    {
        bool tiled = height % 2 == 0 && width % 2 == 0 && ow == width / 2;
        if (!tiled) dx.Clear();
        for (int oy = 0; oy < dy.Length / ow; oy++)
        {
            int ox = tiled ? UnpoolRowVectorized(dy.Slice(oy * ow, ow), idx.Slice(oy * ow, ow), dx, 2 * oy * width, width) : 0;
            if (tiled) for (int r = 2 * oy * width + 2 * ox; r < 2 * oy * width + width; r++) { dx[r] = 0; dx[r + width] = 0; }
            for (; ox < ow; ox++) dx[(int)idx[oy * ow + ox]] += dy[oy * ow + ox];
        }
    }

    /// <summary>Writes the four pixels of 4 full windows per step; returns how many windows it did.</summary>
    private static int UnpoolRowVectorized(ReadOnlySpan<float> dy, ReadOnlySpan<float> idx, Span<float> dx, int r0, int width)
    {
        if (!Sse.IsSupported) return 0;
        int ox = 0;
        var step = Vector128.Create(0f, 2f, 4f, 6f);
        var one = Vector128<float>.One;
        var below = Vector128.Create((float)width);
        for (; ox + 4 <= dy.Length; ox += 4)
        {
            int a0 = r0 + 2 * ox;
            var g = Vector128.Create(dy.Slice(ox, 4));
            var at = Vector128.Create(idx.Slice(ox, 4));
            var ia = Vector128.Create((float)a0) + step;
            var a = Vector128.ConditionalSelect(Vector128.Equals(at, ia), g, Vector128<float>.Zero);
            var b = Vector128.ConditionalSelect(Vector128.Equals(at, ia + one), g, Vector128<float>.Zero);
            var c = Vector128.ConditionalSelect(Vector128.Equals(at, ia + below), g, Vector128<float>.Zero);
            var d = Vector128.ConditionalSelect(Vector128.Equals(at, ia + below + one), g, Vector128<float>.Zero);
            Sse.UnpackLow(a, b).CopyTo(dx.Slice(a0, 4));
            Sse.UnpackHigh(a, b).CopyTo(dx.Slice(a0 + 4, 4));
            Sse.UnpackLow(c, d).CopyTo(dx.Slice(a0 + width, 4));
            Sse.UnpackHigh(c, d).CopyTo(dx.Slice(a0 + width + 4, 4));
        }
        return ox;
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
                DoubleRow(src, dst);
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
                SumPairs(top, bottom, dst);
            }
        });
    }

    /// <summary>dst[2i] = dst[2i + 1] = src[i], four source pixels per SSE step.</summary>
    private static void DoubleRow(ReadOnlySpan<float> src, Span<float> dst)
    {
        int ix = 0;
        if (Sse.IsSupported)
            for (; ix + 4 <= src.Length; ix += 4)
            {
                var v = Vector128.Create(src.Slice(ix, 4));
                Sse.UnpackLow(v, v).CopyTo(dst.Slice(2 * ix, 4));
                Sse.UnpackHigh(v, v).CopyTo(dst.Slice(2 * ix + 4, 4));
            }
        for (; ix < src.Length; ix++) dst[2 * ix] = dst[2 * ix + 1] = src[ix];
    }

    /// <summary>
    /// dst[i] = top[2i] + top[2i + 1] + bottom[2i] + bottom[2i + 1], added in that order (as the
    /// kernels do), four outputs per SSE step.
    /// </summary>
    private static void SumPairs(ReadOnlySpan<float> top, ReadOnlySpan<float> bottom, Span<float> dst)
    {
        int ix = 0;
        if (Sse.IsSupported)
            for (; ix + 4 <= dst.Length; ix += 4)
            {
                var t0 = Vector128.Create(top.Slice(2 * ix, 4)); var t1 = Vector128.Create(top.Slice(2 * ix + 4, 4));
                var b0 = Vector128.Create(bottom.Slice(2 * ix, 4)); var b1 = Vector128.Create(bottom.Slice(2 * ix + 4, 4));
                var sum = Sse.Shuffle(t0, t1, 0b10_00_10_00) + Sse.Shuffle(t0, t1, 0b11_01_11_01);
                sum += Sse.Shuffle(b0, b1, 0b10_00_10_00);
                sum += Sse.Shuffle(b0, b1, 0b11_01_11_01);
                sum.CopyTo(dst.Slice(ix, 4));
            }
        for (; ix < dst.Length; ix++) dst[ix] = top[2 * ix] + top[2 * ix + 1] + bottom[2 * ix] + bottom[2 * ix + 1];
    }

    private static void CheckPool(int planes, int height, int width, int oh, int ow, DeviceBuffer full, DeviceBuffer pooled, DeviceBuffer indices)
    {
        if (planes <= 0 || oh <= 0 || ow <= 0)
            throw new ArgumentException($"maxpool2d: {planes} planes of {height}x{width} leave nothing to pool");
        CheckLength("maxpool2d input", full, (long)planes * height * width);
        CheckLength("maxpool2d output", pooled, (long)planes * oh * ow);
        CheckLength("maxpool2d indices", indices, (long)planes * oh * ow);
    }

    /// <summary>Pools 4 full windows of one output row per step; returns how many outputs it wrote.</summary>
    private static int PoolRowVectorized(ReadOnlySpan<float> x, Span<float> y, Span<float> idx, int r0, int width)
    {
        if (!Sse.IsSupported) return 0;
        int full = width / 2, ox = 0;
        var step = Vector128.Create(0f, 2f, 4f, 6f);
        var one = Vector128<float>.One;
        for (; ox + 4 <= full; ox += 4)
        {
            int a0 = r0 + 2 * ox, c0 = a0 + width;
            var top0 = Vector128.Create(x.Slice(a0, 4)); var top1 = Vector128.Create(x.Slice(a0 + 4, 4));
            var bot0 = Vector128.Create(x.Slice(c0, 4)); var bot1 = Vector128.Create(x.Slice(c0 + 4, 4));
            // even columns are each window's left pixel, odd columns its right one
            Vector128<float> a = Sse.Shuffle(top0, top1, 0b10_00_10_00), b = Sse.Shuffle(top0, top1, 0b11_01_11_01);
            Vector128<float> c = Sse.Shuffle(bot0, bot1, 0b10_00_10_00), d = Sse.Shuffle(bot0, bot1, 0b11_01_11_01);
            var ia = Vector128.Create((float)a0) + step;
            var ic = ia + Vector128.Create((float)width);
            var topRight = Vector128.GreaterThan(b, a);
            var top = Vector128.ConditionalSelect(topRight, b, a);
            var topIndex = Vector128.ConditionalSelect(topRight, ia + one, ia);
            var bottomRight = Vector128.GreaterThan(d, c);
            var bottom = Vector128.ConditionalSelect(bottomRight, d, c);
            var bottomIndex = Vector128.ConditionalSelect(bottomRight, ic + one, ic);
            var lower = Vector128.GreaterThan(bottom, top);
            Vector128.ConditionalSelect(lower, bottom, top).CopyTo(y.Slice(ox, 4));
            Vector128.ConditionalSelect(lower, bottomIndex, topIndex).CopyTo(idx.Slice(ox, 4));
        }
        return ox;
    }
}
