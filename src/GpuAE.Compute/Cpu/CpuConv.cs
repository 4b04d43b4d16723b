namespace GpuAE.Compute.Cpu;

/// <summary>
/// Convolution on the host, one sample's planes at a time. "im2col" (the default) lowers each
/// sample to a [Patch, OutPixels] column matrix and runs the packed GEMM on it; "direct" is the
/// plain nested loop kept as a readable reference.
/// </summary>
internal static class CpuConv
{
    public const string Im2col = "im2col", Direct = "direct";

    public static readonly string[] Variants = [Im2col, Direct];

    public static bool UseDirect(string? variant) => (variant ?? Im2col) switch
    {
        Im2col => false,
        Direct => true,
        _ => throw new ArgumentException($"unknown CPU conv variant '{variant}' (have: {string.Join(", ", Variants)})"),
    };

    /// <summary>cols[(c k + kh) k + kw, oh OW + ow] = x[c, oh s - p + kh, ow s - p + kw], zero outside the input.</summary>
    public static void Im2colSample(in Conv2dGeometry g, ReadOnlySpan<float> x, Span<float> cols)
    {
        int k = g.Kernel, s = g.Stride, p = g.Padding, oh = g.OutHeight, ow = g.OutWidth, h = g.InHeight, w = g.InWidth;
        for (int c = 0; c < g.InChannels; c++)
        for (int kh = 0; kh < k; kh++)
        for (int kw = 0; kw < k; kw++)
        {
            var row = cols.Slice(((c * k + kh) * k + kw) * oh * ow, oh * ow);
            var (w0, w1) = ValidRange(kw, p, s, w, ow);
            for (int y = 0; y < oh; y++)
            {
                var dst = row.Slice(y * ow, ow);
                int iy = y * s - p + kh;
                if ((uint)iy >= (uint)h || w0 >= w1) { dst.Clear(); continue; }
                var src = x.Slice((c * h + iy) * w, w);
                dst[..w0].Clear();
                if (s == 1) src.Slice(w0 - p + kw, w1 - w0).CopyTo(dst[w0..w1]);
                else for (int ox = w0; ox < w1; ox++) dst[ox] = src[ox * s - p + kw];
                dst[w1..].Clear();
            }
        }
    }

    /// <summary>The adjoint of <see cref="Im2colSample"/>: dx[c, ih, iw] = sum of the columns that copied it (dx is overwritten).</summary>
    public static void Col2imSample(in Conv2dGeometry g, ReadOnlySpan<float> cols, Span<float> dx)
    {
        int k = g.Kernel, s = g.Stride, p = g.Padding, oh = g.OutHeight, ow = g.OutWidth, h = g.InHeight, w = g.InWidth;
        dx[..g.InputSize].Clear();
        for (int c = 0; c < g.InChannels; c++)
        for (int kh = 0; kh < k; kh++)
        for (int kw = 0; kw < k; kw++)
        {
            var row = cols.Slice(((c * k + kh) * k + kw) * oh * ow, oh * ow);
            var (w0, w1) = ValidRange(kw, p, s, w, ow);
            for (int y = 0; y < oh; y++)
            {
                int iy = y * s - p + kh;
                if ((uint)iy >= (uint)h) continue;
                var dst = dx.Slice((c * h + iy) * w, w);
                var src = row.Slice(y * ow, ow);
                if (s == 1)
                {
                    if (w1 > w0) System.Numerics.Tensors.TensorPrimitives.Add(dst.Slice(w0 - p + kw, w1 - w0), src[w0..w1], dst.Slice(w0 - p + kw, w1 - w0));
                }
                else for (int ox = w0; ox < w1; ox++) dst[ox * s - p + kw] += src[ox];
            }
        }
    }

    /// <summary>Output columns [w0, w1) whose input column ox s - p + kw lies inside [0, width).</summary>
    private static (int, int) ValidRange(int kw, int p, int s, int width, int outWidth)
    {
        int w0 = Math.Max(0, (p - kw + s - 1) / s);
        int w1 = Math.Min(outWidth, (width - 1 + p - kw) / s + 1);
        if (width - 1 + p - kw < 0) w1 = 0;
        return (w0, Math.Max(w0, w1));
    }

    // ---- direct reference loops ---------------------------------------------------------------

    public static void DirectForwardSample(in Conv2dGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> wt, Span<float> y)
    {
        int k = g.Kernel, s = g.Stride, p = g.Padding, oh = g.OutHeight, ow = g.OutWidth, h = g.InHeight, w = g.InWidth;
        for (int o = 0; o < g.OutChannels; o++)
        for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
        {
            float sum = 0;
            for (int c = 0; c < g.InChannels; c++)
            for (int kh = 0; kh < k; kh++)
            {
                int iy = oy * s - p + kh;
                if ((uint)iy >= (uint)h) continue;
                for (int kw = 0; kw < k; kw++)
                {
                    int ix = ox * s - p + kw;
                    if ((uint)ix < (uint)w) sum += x[(c * h + iy) * w + ix] * wt[((o * g.InChannels + c) * k + kh) * k + kw];
                }
            }
            y[(o * oh + oy) * ow + ox] = sum;
        }
    }

    public static void DirectBackwardDataSample(in Conv2dGeometry g, ReadOnlySpan<float> dy, ReadOnlySpan<float> wt, Span<float> dx)
    {
        int k = g.Kernel, s = g.Stride, p = g.Padding, oh = g.OutHeight, ow = g.OutWidth, h = g.InHeight, w = g.InWidth;
        dx[..g.InputSize].Clear();
        for (int o = 0; o < g.OutChannels; o++)
        for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
        {
            float d = dy[(o * oh + oy) * ow + ox];
            for (int c = 0; c < g.InChannels; c++)
            for (int kh = 0; kh < k; kh++)
            {
                int iy = oy * s - p + kh;
                if ((uint)iy >= (uint)h) continue;
                for (int kw = 0; kw < k; kw++)
                {
                    int ix = ox * s - p + kw;
                    if ((uint)ix < (uint)w) dx[(c * h + iy) * w + ix] += d * wt[((o * g.InChannels + c) * k + kh) * k + kw];
                }
            }
        }
    }

    /// <summary>dW += dy_n (x) x_n for one sample (accumulates).</summary>
    public static void DirectBackwardWeightsSample(in Conv2dGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dw)
    {
        int k = g.Kernel, s = g.Stride, p = g.Padding, oh = g.OutHeight, ow = g.OutWidth, h = g.InHeight, w = g.InWidth;
        for (int o = 0; o < g.OutChannels; o++)
        for (int c = 0; c < g.InChannels; c++)
        for (int kh = 0; kh < k; kh++)
        for (int kw = 0; kw < k; kw++)
        {
            float sum = 0;
            for (int oy = 0; oy < oh; oy++)
            {
                int iy = oy * s - p + kh;
                if ((uint)iy >= (uint)h) continue;
                for (int ox = 0; ox < ow; ox++)
                {
                    int ix = ox * s - p + kw;
                    if ((uint)ix < (uint)w) sum += dy[(o * oh + oy) * ow + ox] * x[(c * h + iy) * w + ix];
                }
            }
            dw[((o * g.InChannels + c) * k + kh) * k + kw] += sum;
        }
    }
}

/// <summary>
/// One worker's conv scratch (im2col columns, a GEMM-sized sample slice, a partial weight
/// gradient), grown only when a larger layer needs more, so steady-state steps allocate nothing.
/// </summary>
internal sealed class CpuConvScratch
{
    public float[] Columns = [];
    public float[] Sample = [];
    public float[] Weights = [];

    public static float[] Ensure(ref float[] buffer, int length)
    {
        if (buffer.Length < length) buffer = GC.AllocateUninitializedArray<float>(length, pinned: true);
        return buffer;
    }
}
