using System.Runtime.InteropServices;
using System.Numerics;
using System.Numerics.Tensors;

namespace GpuAE.Kernels.Conv;

/// <summary>
/// Stride-1 convolutions with few output channels (the image-producing last layers, and the
/// sub-pixel form of one: CpuSubPixel). A column
/// matrix would be k^2 times the input and is read once per output channel, so instead each
/// plane is copied once into a zero-bordered plane of width w + 2p, in which every kernel tap
/// is a flat shift: one long axpy (or dot) per tap. Output rows keep that padded width, and the
/// 2p extra columns of each row are dropped (or kept zero) when copying back.
/// </summary>
internal static partial class CpuConv
{
    /// <summary>Up to this many output channels the padded-plane loops beat im2col + GEMM.</summary>
    public const int ThinChannels = 4;

    public static bool IsThinConv(in Conv2dGeometry g) => g.OutChannels <= ThinChannels && g.Stride == 1;

    /// <summary>
    /// Width: padded row width. Rows: floats of h padded-width rows. Plane: stride between padded
    /// input planes (room for the largest shift). Margin and RowStride: each widened output plane
    /// sits Margin zeros after the start of its RowStride-long slot and is followed by Margin
    /// zeros, so shifts by up to a kernel's reach either way read zeros, never a neighbour.
    /// </summary>
    private readonly record struct Padded(int Width, int Rows, int Plane, int Margin, int RowStride);

    private static Padded Layout(in Conv2dGeometry g)
    {
        int pw = g.InWidth + 2 * g.Padding, ph = g.InHeight + 2 * g.Padding, rows = g.OutHeight * pw;
        int margin = (g.Kernel - 1) * (pw + 1);
        return new Padded(pw, rows, ph * pw + g.Kernel, margin, rows + 2 * margin);
    }

    /// <summary>Scratch floats one sample needs: padded input planes, and padded-width output planes.</summary>
    public static (int Planes, int Outputs) ThinScratch(in Conv2dGeometry g)
    {
        var l = Layout(g);
        return (g.InChannels * l.Plane, g.OutChannels * l.RowStride);
    }

    /// <summary>padded[c] = x[c] with a p-wide zero border (and zero tail).</summary>
    private static void PadPlanes(in Conv2dGeometry g, Padded l, ReadOnlySpan<float> x, Span<float> padded)
    {
        int h = g.InHeight, w = g.InWidth, p = g.Padding;
        padded[..(g.InChannels * l.Plane)].Clear();
        for (int c = 0; c < g.InChannels; c++)
        for (int y = 0; y < h; y++)
            x.Slice((c * h + y) * w, w).CopyTo(padded.Slice(c * l.Plane + (y + p) * l.Width + p, w));
    }

    /// <summary>rows[o] = dy[o] laid out with the padded width (at WidenedRows(o)), extra columns and margins zero.</summary>
    private static void WidenRows(in Conv2dGeometry g, Padded l, ReadOnlySpan<float> dy, Span<float> rows)
    {
        int h = g.OutHeight, w = g.OutWidth;
        rows[..(g.OutChannels * l.RowStride)].Clear();
        for (int o = 0; o < g.OutChannels; o++)
        for (int y = 0; y < h; y++)
            dy.Slice((o * h + y) * w, w).CopyTo(rows.Slice(WidenedRows(l, o) + y * l.Width, w));
    }

    private static int WidenedRows(Padded l, int o) => o * l.RowStride + l.Margin;

    private static int Shift(Padded l, int kh, int kw) => kh * l.Width + kw;

    public static void ThinForward(in Conv2dGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> wt, Span<float> y, Span<float> planes, Span<float> rows)
    {
        var l = Layout(g);
        int k = g.Kernel, h = g.OutHeight, w = g.OutWidth;
        PadPlanes(g, l, x, planes);
        for (int o = 0; o < g.OutChannels; o++)
        {
            var acc = rows.Slice(WidenedRows(l, o), l.Rows);
            acc.Clear();
            for (int c = 0; c < g.InChannels; c++)
            {
                var plane = planes.Slice(c * l.Plane, l.Plane);
                var taps = wt.Slice((o * g.InChannels + c) * k * k, k * k);
                if (k == 3) { Accumulate3x3(plane, taps, l.Width, acc); continue; }
                if (k == 2) { Accumulate2x2(plane, taps, l.Width, acc); continue; }
                for (int kh = 0; kh < k; kh++)
                for (int kw = 0; kw < k; kw++)
                    TensorPrimitives.MultiplyAdd(plane.Slice(Shift(l, kh, kw), l.Rows), taps[kh * k + kw], acc, acc);
            }
            for (int r = 0; r < h; r++) acc.Slice(r * l.Width, w).CopyTo(y.Slice((o * h + r) * w, w));
        }
    }

    public static void ThinBackwardData(in Conv2dGeometry g, ReadOnlySpan<float> dy, ReadOnlySpan<float> wt, Span<float> dx, Span<float> planes, Span<float> rows)
    {
        var l = Layout(g);
        int k = g.Kernel, h = g.InHeight, w = g.InWidth, p = g.Padding;
        WidenRows(g, l, dy, rows);
        if (k == 3 && IsSame(g)) { GatherBackwardData3x3(g, l, wt, dx, planes[..l.Rows], rows); return; }
        var plane = planes[..l.Plane];
        for (int c = 0; c < g.InChannels; c++)
        {
            plane.Clear();
            for (int o = 0; o < g.OutChannels; o++)
            for (int kh = 0; kh < k; kh++)
            for (int kw = 0; kw < k; kw++)
            {
                var target = plane.Slice(Shift(l, kh, kw), l.Rows);
                TensorPrimitives.MultiplyAdd(rows.Slice(WidenedRows(l, o), l.Rows), wt[((o * g.InChannels + c) * k + kh) * k + kw], target, target);
            }
            for (int r = 0; r < h; r++) plane.Slice((r + p) * l.Width + p, w).CopyTo(dx.Slice((c * h + r) * w, w));
        }
    }

    /// <summary>
    /// Backward data of a 3x3 "same" conv as a gather: the padded input plane at j gets
    /// sum over taps t of w[t] dy[j - shift(t)], which with the taps reversed is a forward
    /// 3x3 correlation of dy (read from 2 width + 2 floats before j, inside the margin).
    /// Only the h interior rows are computed; acc[m] is padded position p width + m.
    /// </summary>
    private static void GatherBackwardData3x3(in Conv2dGeometry g, Padded l, ReadOnlySpan<float> wt, Span<float> dx, Span<float> acc, ReadOnlySpan<float> rows)
    {
        int h = g.InHeight, w = g.InWidth, p = g.Padding, back = 2 * l.Width + 2 - p * l.Width;
        Span<float> reversed = stackalloc float[9];
        for (int c = 0; c < g.InChannels; c++)
        {
            acc.Clear();
            for (int o = 0; o < g.OutChannels; o++)
            {
                var taps = wt.Slice((o * g.InChannels + c) * 9, 9);
                for (int t = 0; t < 9; t++) reversed[t] = taps[8 - t];
                Accumulate3x3(rows[(WidenedRows(l, o) - back)..], reversed, l.Width, acc);
            }
            for (int r = 0; r < h; r++) acc.Slice(r * l.Width + p, w).CopyTo(dx.Slice((c * h + r) * w, w));
        }
    }

    /// <summary>dw += this sample's weight gradient.</summary>
    public static void ThinBackwardWeights(in Conv2dGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dw, Span<float> planes, Span<float> rows)
    {
        var l = Layout(g);
        int k = g.Kernel;
        PadPlanes(g, l, x, planes);
        WidenRows(g, l, dy, rows);
        for (int o = 0; o < g.OutChannels; o++)
        for (int c = 0; c < g.InChannels; c++)
        {
            var plane = planes.Slice(c * l.Plane, l.Plane);
            var taps = dw.Slice((o * g.InChannels + c) * k * k, k * k);
            var widened = rows.Slice(WidenedRows(l, o), l.Rows);
            if (k == 3) { Correlate3x3(widened, plane, l.Width, taps); continue; }
            if (k == 2) { Correlate2x2(widened, plane, l.Width, taps); continue; }
            for (int kh = 0; kh < k; kh++)
            for (int kw = 0; kw < k; kw++)
                taps[kh * k + kw] += TensorPrimitives.Dot(widened, plane.Slice(Shift(l, kh, kw), l.Rows));
        }
    }

    // ---- 3x3 taps fused into one pass --------------------------------------------------------
    // Nine separate axpys (or dots) load and store the accumulator nine times per element;
    // keeping the nine weights (or nine sums) in registers loads it once.

    /// <summary>acc[i] += sum over taps (kh, kw) of w[kh, kw] * plane[i + kh width + kw].</summary>
    private static void Accumulate3x3(ReadOnlySpan<float> plane, ReadOnlySpan<float> w, int width, Span<float> acc)
    {
        int n = acc.Length, i = 0, lanes = Vector<float>.Count;
        nuint s1 = (nuint)width, s2 = 2 * (nuint)width;
        // the plane holds the largest shift past n (Layout's room), so the unchecked loads stay inside it
        if (plane.Length < n + 2 * width + 2 || w.Length < 9) throw new ArgumentException("3x3 taps: plane too short");
        ref float p = ref MemoryMarshal.GetReference(plane);
        ref float a = ref MemoryMarshal.GetReference(acc);
        Vector<float> w0 = new(w[0]), w1 = new(w[1]), w2 = new(w[2]), w3 = new(w[3]), w4 = new(w[4]), w5 = new(w[5]), w6 = new(w[6]), w7 = new(w[7]), w8 = new(w[8]);
        for (; i <= n - lanes; i += lanes)
        {
            nuint at = (nuint)i;
            var sum = Vector.LoadUnsafe(ref a, at);
            sum = Vector.FusedMultiplyAdd(w0, Vector.LoadUnsafe(ref p, at), sum);
            sum = Vector.FusedMultiplyAdd(w1, Vector.LoadUnsafe(ref p, at + 1), sum);
            sum = Vector.FusedMultiplyAdd(w2, Vector.LoadUnsafe(ref p, at + 2), sum);
            sum = Vector.FusedMultiplyAdd(w3, Vector.LoadUnsafe(ref p, at + s1), sum);
            sum = Vector.FusedMultiplyAdd(w4, Vector.LoadUnsafe(ref p, at + s1 + 1), sum);
            sum = Vector.FusedMultiplyAdd(w5, Vector.LoadUnsafe(ref p, at + s1 + 2), sum);
            sum = Vector.FusedMultiplyAdd(w6, Vector.LoadUnsafe(ref p, at + s2), sum);
            sum = Vector.FusedMultiplyAdd(w7, Vector.LoadUnsafe(ref p, at + s2 + 1), sum);
            sum = Vector.FusedMultiplyAdd(w8, Vector.LoadUnsafe(ref p, at + s2 + 2), sum);
            sum.StoreUnsafe(ref a, at);
        }
        int t1 = width, t2 = 2 * width;
        for (; i < n; i++)
            acc[i] += w[0] * plane[i] + w[1] * plane[i + 1] + w[2] * plane[i + 2] + w[3] * plane[i + t1] + w[4] * plane[i + t1 + 1]
                + w[5] * plane[i + t1 + 2] + w[6] * plane[i + t2] + w[7] * plane[i + t2 + 1] + w[8] * plane[i + t2 + 2];
    }

    /// <summary>dw[kh, kw] += sum over i of rows[i] * plane[i + kh width + kw].</summary>
    private static void Correlate3x3(ReadOnlySpan<float> rows, ReadOnlySpan<float> plane, int width, Span<float> dw)
    {
        int n = rows.Length, i = 0, lanes = Vector<float>.Count;
        nuint s1 = (nuint)width, s2 = 2 * (nuint)width;
        if (plane.Length < n + 2 * width + 2 || dw.Length < 9) throw new ArgumentException("3x3 taps: plane too short");
        ref float p = ref MemoryMarshal.GetReference(plane);
        ref float q = ref MemoryMarshal.GetReference(rows);
        Vector<float> d0 = default, d1 = default, d2 = default, d3 = default, d4 = default, d5 = default, d6 = default, d7 = default, d8 = default;
        for (; i <= n - lanes; i += lanes)
        {
            nuint at = (nuint)i;
            var r = Vector.LoadUnsafe(ref q, at);
            d0 = Vector.FusedMultiplyAdd(r, Vector.LoadUnsafe(ref p, at), d0);
            d1 = Vector.FusedMultiplyAdd(r, Vector.LoadUnsafe(ref p, at + 1), d1);
            d2 = Vector.FusedMultiplyAdd(r, Vector.LoadUnsafe(ref p, at + 2), d2);
            d3 = Vector.FusedMultiplyAdd(r, Vector.LoadUnsafe(ref p, at + s1), d3);
            d4 = Vector.FusedMultiplyAdd(r, Vector.LoadUnsafe(ref p, at + s1 + 1), d4);
            d5 = Vector.FusedMultiplyAdd(r, Vector.LoadUnsafe(ref p, at + s1 + 2), d5);
            d6 = Vector.FusedMultiplyAdd(r, Vector.LoadUnsafe(ref p, at + s2), d6);
            d7 = Vector.FusedMultiplyAdd(r, Vector.LoadUnsafe(ref p, at + s2 + 1), d7);
            d8 = Vector.FusedMultiplyAdd(r, Vector.LoadUnsafe(ref p, at + s2 + 2), d8);
        }
        int s1i = width, s2i = 2 * width;
        Span<float> t = [Vector.Sum(d0), Vector.Sum(d1), Vector.Sum(d2), Vector.Sum(d3), Vector.Sum(d4), Vector.Sum(d5), Vector.Sum(d6), Vector.Sum(d7), Vector.Sum(d8)];
        for (; i < n; i++)
        {
            float r = rows[i];
            t[0] += r * plane[i]; t[1] += r * plane[i + 1]; t[2] += r * plane[i + 2];
            t[3] += r * plane[i + s1i]; t[4] += r * plane[i + s1i + 1]; t[5] += r * plane[i + s1i + 2];
            t[6] += r * plane[i + s2i]; t[7] += r * plane[i + s2i + 1]; t[8] += r * plane[i + s2i + 2];
        }
        for (int j = 0; j < 9; j++) dw[j] += t[j];
    }

    /// <summary>acc[i] += sum over taps (kh, kw) of w[kh, kw] * plane[i + kh width + kw], 2x2 (the sub-pixel conv's taps).</summary>
    private static void Accumulate2x2(ReadOnlySpan<float> plane, ReadOnlySpan<float> w, int width, Span<float> acc)
    {
        int n = acc.Length, i = 0, lanes = Vector<float>.Count;
        nuint s1 = (nuint)width;
        if (plane.Length < n + width + 1 || w.Length < 4) throw new ArgumentException("2x2 taps: plane too short");
        ref float p = ref MemoryMarshal.GetReference(plane);
        ref float a = ref MemoryMarshal.GetReference(acc);
        Vector<float> w0 = new(w[0]), w1 = new(w[1]), w2 = new(w[2]), w3 = new(w[3]);
        for (; i <= n - lanes; i += lanes)
        {
            nuint at = (nuint)i;
            var sum = Vector.LoadUnsafe(ref a, at);
            sum = Vector.FusedMultiplyAdd(w0, Vector.LoadUnsafe(ref p, at), sum);
            sum = Vector.FusedMultiplyAdd(w1, Vector.LoadUnsafe(ref p, at + 1), sum);
            sum = Vector.FusedMultiplyAdd(w2, Vector.LoadUnsafe(ref p, at + s1), sum);
            sum = Vector.FusedMultiplyAdd(w3, Vector.LoadUnsafe(ref p, at + s1 + 1), sum);
            sum.StoreUnsafe(ref a, at);
        }
        for (; i < n; i++) acc[i] += w[0] * plane[i] + w[1] * plane[i + 1] + w[2] * plane[i + width] + w[3] * plane[i + width + 1];
    }

    /// <summary>dw[kh, kw] += sum over i of rows[i] * plane[i + kh width + kw], 2x2.</summary>
    private static void Correlate2x2(ReadOnlySpan<float> rows, ReadOnlySpan<float> plane, int width, Span<float> dw)
    {
        int n = rows.Length, i = 0, lanes = Vector<float>.Count;
        nuint s1 = (nuint)width;
        if (plane.Length < n + width + 1 || dw.Length < 4) throw new ArgumentException("2x2 taps: plane too short");
        ref float p = ref MemoryMarshal.GetReference(plane);
        ref float q = ref MemoryMarshal.GetReference(rows);
        Vector<float> d0 = default, d1 = default, d2 = default, d3 = default;
        for (; i <= n - lanes; i += lanes)
        {
            nuint at = (nuint)i;
            var r = Vector.LoadUnsafe(ref q, at);
            d0 = Vector.FusedMultiplyAdd(r, Vector.LoadUnsafe(ref p, at), d0);
            d1 = Vector.FusedMultiplyAdd(r, Vector.LoadUnsafe(ref p, at + 1), d1);
            d2 = Vector.FusedMultiplyAdd(r, Vector.LoadUnsafe(ref p, at + s1), d2);
            d3 = Vector.FusedMultiplyAdd(r, Vector.LoadUnsafe(ref p, at + s1 + 1), d3);
        }
        float t0 = Vector.Sum(d0), t1 = Vector.Sum(d1), t2 = Vector.Sum(d2), t3 = Vector.Sum(d3);
        for (; i < n; i++)
        {
            float r = rows[i];
            t0 += r * plane[i]; t1 += r * plane[i + 1]; t2 += r * plane[i + width]; t3 += r * plane[i + width + 1];
        }
        dw[0] += t0; dw[1] += t1; dw[2] += t2; dw[3] += t3;
    }
}
