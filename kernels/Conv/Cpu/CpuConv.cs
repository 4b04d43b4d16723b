using System.Numerics.Tensors;
using GpuAE.Kernels.Gemm;

namespace GpuAE.Kernels.Conv;

/// <summary>
/// Convolution on the host, one sample's planes at a time. "shifted" (the default, stride 1 on
/// AVX-512: see CpuConvShifted.cs) reads the GEMM's columns straight from zero-padded planes;
/// "im2col" lowers each sample to a [Patch, OutPixels] column matrix and runs the packed GEMM on
/// it (weight gradients, strides above 1); "direct" is the plain nested loop kept as a readable
/// reference.
/// </summary>
internal static partial class CpuConv
{
    public const string Im2col = "im2col", Direct = "direct";

    public static readonly string[] Variants = [Im2col, Direct, Shifted];

    /// <summary>How one pass runs: the variant asked for, narrowed to what fits the geometry.</summary>
    public enum Method { Im2col, Direct, Thin, Shifted }

    /// <summary>
    /// The method for a variant (null: the default) on a geometry and pass. Im2col hands stride-1
    /// convs with at most <see cref="ThinChannels"/> outputs to the thin loops; shifted (the
    /// default) covers the passes <see cref="CanShift"/> names where AVX-512 runs it, thin convs'
    /// backward data included (a pass with many outputs from
    /// few inputs, which its tiles fill), and leaves the rest to the thin loops or im2col;
    /// direct is taken as asked.
    /// </summary>
    public static Method Choose(string? variant, in Conv2dGeometry g, CpuConvJob.Pass pass)
    {
        var asked = (variant ?? Shifted) switch
        {
            Im2col => Method.Im2col,
            Direct => Method.Direct,
            Shifted => Method.Shifted,
            _ => throw new ArgumentException($"unknown CPU conv variant '{variant}' (have: {string.Join(", ", Variants)})"),
        };
        if (asked == Method.Direct) return asked;
        bool shift = asked == Method.Shifted && CanShift(g, pass);
        if (IsThinConv(g)) return shift && pass == CpuConvJob.Pass.BackwardData ? Method.Shifted : Method.Thin;
        return shift ? Method.Shifted : Method.Im2col;
    }

    /// <summary>cols[(c k + kh) k + kw, oh OW + ow] = x[c, oh s - p + kh, ow s - p + kw], zero outside the input.</summary>
    public static void Im2colSample(in Conv2dGeometry g, ReadOnlySpan<float> x, Span<float> cols)
    {
        if (IsSame(g)) { SameIm2col(g, x, cols); return; }
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

    /// <summary>
    /// The adjoint of <see cref="Im2colSample"/>: dx[c, ih, iw] = sum of the columns that copied it
    /// (dx is overwritten; cols is scratch and may be changed).
    /// </summary>
    public static void Col2imSample(in Conv2dGeometry g, Span<float> cols, Span<float> dx)
    {
        if (IsSame(g)) { SameCol2im(g, cols, dx); return; }
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

    // ---- "same" convolutions (stride 1, output as large as the input) --------------------------
    // Every kernel tap then shifts the whole plane by d = dy W + dx: one long copy (or add) per
    // tap instead of one short one per row, after which the columns that wrapped around a row
    // edge are zeroed.

    private static bool IsSame(in Conv2dGeometry g) => g.Stride == 1 && g.OutHeight == g.InHeight && g.OutWidth == g.InWidth;

    private static void SameIm2col(in Conv2dGeometry g, ReadOnlySpan<float> x, Span<float> cols)
    {
        int k = g.Kernel, p = g.Padding, h = g.InHeight, w = g.InWidth, plane = h * w;
        for (int c = 0; c < g.InChannels; c++)
        for (int kh = 0; kh < k; kh++)
        for (int kw = 0; kw < k; kw++)
        {
            var row = cols.Slice(((c * k + kh) * k + kw) * plane, plane);
            var src = x.Slice(c * plane, plane);
            var (start, end, shift) = SameRange(kh - p, kw - p, h, w);
            row[..start].Clear();
            if (end > start) src.Slice(start + shift, end - start).CopyTo(row[start..end]);
            row[Math.Max(start, end)..].Clear();
            ZeroWrappedColumns(row, kw - p, h, w);
        }
    }

    private static void SameCol2im(in Conv2dGeometry g, Span<float> cols, Span<float> dx)
    {
        int k = g.Kernel, p = g.Padding, h = g.InHeight, w = g.InWidth, plane = h * w;
        dx[..g.InputSize].Clear();
        for (int c = 0; c < g.InChannels; c++)
        for (int kh = 0; kh < k; kh++)
        for (int kw = 0; kw < k; kw++)
        {
            var row = cols.Slice(((c * k + kh) * k + kw) * plane, plane);
            var dst = dx.Slice(c * plane, plane);
            var (start, end, shift) = SameRange(kh - p, kw - p, h, w);
            if (end <= start) continue;
            ZeroWrappedColumns(row, kw - p, h, w);
            var target = dst.Slice(start + shift, end - start);
            TensorPrimitives.Add(target, row[start..end], target);
        }
    }

    /// <summary>Output positions [start, end) whose shifted input position start + shift lies in the plane.</summary>
    private static (int Start, int End, int Shift) SameRange(int dy, int dx, int h, int w)
    {
        int shift = dy * w + dx;
        int start = Math.Max(Math.Max(0, -dy) * w, -shift);
        int end = Math.Min(Math.Min(h, h - dy) * w, h * w - shift);
        // A tap wider than the plane (3x3 on a 1x1 map) reaches no output: an empty range inside it.
        start = Math.Min(start, h * w);
        return (start, Math.Max(start, end), shift);
    }

    /// <summary>Zeroes the output columns whose input column ox + dx fell off the row (and read the neighbouring row).</summary>
    private static void ZeroWrappedColumns(Span<float> row, int dx, int h, int w)
    {
        if (dx == 0) return;
        int first = dx < 0 ? 0 : w - dx, count = Math.Min(Math.Abs(dx), w);
        if (dx > 0) first = Math.Max(0, first);
        for (int y = 0; y < h; y++) row.Slice(y * w + first, count).Clear();
    }

    /// <summary>Output columns [w0, w1) whose input column ox s - p + kw lies inside [0, width).</summary>
    private static (int, int) ValidRange(int kw, int p, int s, int width, int outWidth)
    {
        int w0 = Math.Max(0, (p - kw + s - 1) / s);
        int w1 = Math.Min(outWidth, (width - 1 + p - kw) / s + 1);
        if (width - 1 + p - kw < 0) w1 = 0;
        return (w0, Math.Max(w0, w1));
    }

    /// <summary>
    /// The GEMM of one sample range. When the batch is already split across the cores (on the
    /// GEMM team's threads) each range runs the GEMM on its own thread, never on the team; a
    /// single range (batch 1) lets the GEMM use the team.
    /// </summary>
    public static void Gemm(bool singleThread, string? variant, bool transA, bool transB, int m, int n, int k,
        float alpha, float[] a, float[] b, float beta, float[] c)
    {
        if (IsThin(transA, transB, m, k)) { ThinGemm(transA, transB, m, n, k, alpha, a, b, beta, c); return; }
        if (!singleThread) { CpuGemm.Run(variant, transA, transB, m, n, k, alpha, a, b, beta, c); return; }
        switch (variant ?? CpuGemm.DefaultVariant)
        {
            case CpuGemm.DefaultVariant when GemmKernelAvx512.IsSupported:
            case "packed-avx512": CpuGemmPacked.Run<GemmKernelAvx512>(transA, transB, m, n, k, alpha, a, b, beta, c, 1); break;
            case CpuGemm.DefaultVariant when GemmKernelAvx2.IsSupported:
            case "packed-avx2": CpuGemmPacked.Run<GemmKernelAvx2>(transA, transB, m, n, k, alpha, a, b, beta, c, 1); break;
            case CpuGemm.DefaultVariant:
            case "packed-portable": CpuGemmPacked.Run<GemmKernelPortable>(transA, transB, m, n, k, alpha, a, b, beta, c, 1); break;
            default: CpuGemm.Run(variant, transA, transB, m, n, k, alpha, a, b, beta, c); break; // naive, rows: never use the team
        }
    }

    /// <summary>
    /// One output channel (m = 1) or one output channel's gradient (k = 1): the packed GEMM would
    /// pad such a sliver to a full register tile, so these run as vector axpys or dot products.
    /// </summary>
    private static bool IsThin(bool transA, bool transB, int m, int k) => (m <= 4 || k <= 4) && !(transA && transB);

    private static void ThinGemm(bool transA, bool transB, int m, int n, int k, float alpha, float[] a, float[] b, float beta, float[] c)
    {
        for (int i = 0; i < m; i++)
        {
            var row = c.AsSpan(i * n, n);
            if (transB)
            {
                var ai = a.AsSpan(i * k, k);
                for (int j = 0; j < n; j++)
                    row[j] = alpha * TensorPrimitives.Dot(ai, b.AsSpan(j * k, k)) + (beta == 0 ? 0f : beta * row[j]);
                continue;
            }
            if (beta == 0) row.Clear(); else if (beta != 1) TensorPrimitives.Multiply(row, beta, row);
            for (int p = 0; p < k; p++)
            {
                float s = alpha * (transA ? a[p * m + i] : a[i * k + p]);
                if (s != 0) TensorPrimitives.MultiplyAdd(b.AsSpan(p * n, n), s, row, row);
            }
        }
    }
}
