using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using GpuAE.Compute;
using GpuAE.Kernels.Elementwise;

namespace GpuAE.Kernels.Spatial;

/// <summary>x2 nearest-neighbour upsampling on the host, one row at a time.</summary>
internal static class CpuUpsample
{
    /// <summary>One plane: y [2h, 2w] from x [h, w].</summary>
    public static void ForwardPlane(ReadOnlySpan<float> x, Span<float> y, int height, int width)
    {
        int w2 = 2 * width;
        for (int iy = 0; iy < height; iy++)
        {
            var dst = y.Slice(2 * iy * w2, w2);
            DoubleRow(x.Slice(iy * width, width), dst);
            dst.CopyTo(y.Slice((2 * iy + 1) * w2, w2));
        }
    }

    /// <summary>
    /// One plane: dx [h, w] = the sums of dy's 2x2 blocks; a ReLU gate (the upsample's input, when
    /// a ReLU made it) zeroes them where it is not positive: that ReLU's backward pass.
    /// </summary>
    public static void BackwardPlane(ReadOnlySpan<float> dy, Span<float> dx, int height, int width, ReadOnlySpan<float> reluGate = default)
    {
        int w2 = 2 * width;
        for (int iy = 0; iy < height; iy++)
            SumPairs(dy.Slice(2 * iy * w2, w2), dy.Slice((2 * iy + 1) * w2, w2), dx.Slice(iy * width, width));
        // over the whole plane, still in cache (a row of 14 would leave the vector loop mostly tail)
        if (!reluGate.IsEmpty) CpuActivations.Backward(ActivationKind.Relu, 0f, reluGate, dx[..(height * width)], dx);
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
}
