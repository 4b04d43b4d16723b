using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using GpuAE.Compute;
using GpuAE.Kernels.Elementwise;

namespace GpuAE.Kernels.Spatial;

/// <summary>2x2 stride-2 max-pooling on the host, one plane (sample, channel) at a time.</summary>
internal static class CpuPooling
{
    /// <summary>
    /// One plane. Full 2x2 windows go four at a time through SSE selects (which of four values
    /// wins is data, and as branches those comparisons mispredicted about every other window),
    /// the last four of a row overlapping the ones before (128 x 64 planes of 28x28: 1.88 ->
    /// 0.88 ms; 128 x 32 of 14x14: 0.61 -> 0.18, 2 cores); rows of fewer than four full windows
    /// and a ceil-mode edge window take the scalar path that checks its bounds.
    /// Both keep the first maximum in row-major order, like the kernels: the larger of each row's
    /// pair (left on ties), then the bottom one only if strictly larger.
    /// </summary>
    public static void PoolPlane(ReadOnlySpan<float> x, Span<float> y, Span<float> idx, int height, int width, int ow)
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

    /// <summary>
    /// Pools the full windows of one output row 4 at a time; returns how many outputs it wrote.
    /// The last step overlaps the one before it (rewriting the same outputs) rather than leave up
    /// to 3 windows to the scalar path, whose branches mispredict (MNIST's 14 and 7 windows a row).
    /// </summary>
    private static int PoolRowVectorized(ReadOnlySpan<float> x, Span<float> y, Span<float> idx, int r0, int width)
    {
        int full = width / 2;
        if (!Sse.IsSupported || full < 4) return 0;
        var step = Vector128.Create(0f, 2f, 4f, 6f);
        var one = Vector128<float>.One;
        for (int ox = 0; ; ox += 4)
        {
            ox = Math.Min(ox, full - 4);
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
            if (ox + 4 == full) return full;
        }
    }

    /// <summary>
    /// One plane of the pooling gradient. 2x2 stride-2 windows do not overlap, so full windows
    /// write all four of their pixels (the gradient at the argmax, zero elsewhere) four windows
    /// at a time; only pixels no full window covers (odd edges, ceil-mode windows) need the
    /// clear-then-scatter path. A gate (the pooled values, when an activation made the input; a
    /// ReLU unless said) first takes the plane's gradient through that activation's derivative at
    /// the pooled values: its backward pass (its output at the argmax is the pooled value).
    /// </summary>
    public static void UnpoolPlane(ReadOnlySpan<float> dy, ReadOnlySpan<float> idx, Span<float> dx, int height, int width, int ow, ReadOnlySpan<float> gate = default,
        ActivationKind gateActivation = ActivationKind.Relu, float gateAlpha = 0f)
    {
        if (!gate.IsEmpty)
        {
            // one pass over the whole pooled plane (a row of 14 would leave the vector loop mostly tail)
            Span<float> gated = dy.Length <= 4096 ? stackalloc float[dy.Length] : new float[dy.Length];
            CpuActivations.Backward(gateActivation, gateAlpha, gate, dy, gated);
            UnpoolPlane(gated, idx, dx, height, width, ow);
            return;
        }
        bool tiled = height % 2 == 0 && width % 2 == 0 && ow == width / 2;
        if (!tiled) dx.Clear();
        for (int oy = 0; oy < dy.Length / ow; oy++)
        {
            int ox = tiled ? UnpoolRowVectorized(dy.Slice(oy * ow, ow), idx.Slice(oy * ow, ow), dx, 2 * oy * width, width) : 0;
            if (tiled) for (int r = 2 * oy * width + 2 * ox; r < 2 * oy * width + width; r++) { dx[r] = 0; dx[r + width] = 0; }
            for (; ox < ow; ox++) dx[(int)idx[oy * ow + ox]] += dy[oy * ow + ox];
        }
    }

    /// <summary>Writes the four pixels of 4 full windows per step (the last step overlapping, as in pooling); returns how many windows it did.</summary>
    private static int UnpoolRowVectorized(ReadOnlySpan<float> dy, ReadOnlySpan<float> idx, Span<float> dx, int r0, int width)
    {
        int full = dy.Length;
        if (!Sse.IsSupported || full < 4) return 0;
        var step = Vector128.Create(0f, 2f, 4f, 6f);
        var one = Vector128<float>.One;
        var below = Vector128.Create((float)width);
        for (int ox = 0; ; ox += 4)
        {
            ox = Math.Min(ox, full - 4);
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
            if (ox + 4 == full) return full;
        }
    }
}
