using System.Numerics.Tensors;

namespace GpuAE.Compute.Cpu;

/// <summary>
/// "Same" convolutions with few output channels (the image-producing last layers). A column
/// matrix would be k^2 times the input and is read once per output channel, so instead each
/// plane is copied once into a zero-bordered plane of width w + 2p, in which every kernel tap
/// is a flat shift: one long axpy (or dot) per tap. Output rows keep that padded width, and the
/// 2p extra columns of each row are dropped (or kept zero) when copying back.
/// </summary>
internal static partial class CpuConv
{
    /// <summary>Up to this many output channels the padded-plane loops beat im2col + GEMM.</summary>
    public const int ThinChannels = 4;

    public static bool IsThinSame(in Conv2dGeometry g) => g.OutChannels <= ThinChannels && IsSame(g);

    private readonly record struct Padded(int Width, int Rows, int Plane, int Span);

    /// <summary>Padded width, output rows x width, and the stride between padded input planes (room for the largest shift).</summary>
    private static Padded Layout(in Conv2dGeometry g)
    {
        int pw = g.InWidth + 2 * g.Padding, ph = g.InHeight + 2 * g.Padding;
        return new Padded(pw, g.InHeight * pw, ph * pw + g.Kernel, g.InHeight * pw);
    }

    /// <summary>Scratch floats one sample needs: padded input planes, and padded-width output planes.</summary>
    public static (int Planes, int Outputs) ThinScratch(in Conv2dGeometry g)
    {
        var l = Layout(g);
        return (g.InChannels * l.Plane, g.OutChannels * l.Rows);
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

    /// <summary>rows[o] = dy[o] laid out with the padded width, extra columns zero.</summary>
    private static void WidenRows(in Conv2dGeometry g, Padded l, ReadOnlySpan<float> dy, Span<float> rows)
    {
        int h = g.InHeight, w = g.InWidth;
        rows[..(g.OutChannels * l.Rows)].Clear();
        for (int o = 0; o < g.OutChannels; o++)
        for (int y = 0; y < h; y++)
            dy.Slice((o * h + y) * w, w).CopyTo(rows.Slice(o * l.Rows + y * l.Width, w));
    }

    private static int Shift(Padded l, int kh, int kw) => kh * l.Width + kw;

    public static void ThinSameForward(in Conv2dGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> wt, Span<float> y, Span<float> planes, Span<float> rows)
    {
        var l = Layout(g);
        int k = g.Kernel, h = g.InHeight, w = g.InWidth;
        PadPlanes(g, l, x, planes);
        for (int o = 0; o < g.OutChannels; o++)
        {
            var acc = rows.Slice(o * l.Rows, l.Rows);
            acc.Clear();
            for (int c = 0; c < g.InChannels; c++)
            for (int kh = 0; kh < k; kh++)
            for (int kw = 0; kw < k; kw++)
                TensorPrimitives.MultiplyAdd(planes.Slice(c * l.Plane + Shift(l, kh, kw), l.Rows), wt[((o * g.InChannels + c) * k + kh) * k + kw], acc, acc);
            for (int r = 0; r < h; r++) acc.Slice(r * l.Width, w).CopyTo(y.Slice((o * h + r) * w, w));
        }
    }

    public static void ThinSameBackwardData(in Conv2dGeometry g, ReadOnlySpan<float> dy, ReadOnlySpan<float> wt, Span<float> dx, Span<float> planes, Span<float> rows)
    {
        var l = Layout(g);
        int k = g.Kernel, h = g.InHeight, w = g.InWidth, p = g.Padding;
        WidenRows(g, l, dy, rows);
        var plane = planes[..l.Plane];
        for (int c = 0; c < g.InChannels; c++)
        {
            plane.Clear();
            for (int o = 0; o < g.OutChannels; o++)
            for (int kh = 0; kh < k; kh++)
            for (int kw = 0; kw < k; kw++)
            {
                var target = plane.Slice(Shift(l, kh, kw), l.Rows);
                TensorPrimitives.MultiplyAdd(rows.Slice(o * l.Rows, l.Rows), wt[((o * g.InChannels + c) * k + kh) * k + kw], target, target);
            }
            for (int r = 0; r < h; r++) plane.Slice((r + p) * l.Width + p, w).CopyTo(dx.Slice((c * h + r) * w, w));
        }
    }

    /// <summary>dw += this sample's weight gradient.</summary>
    public static void ThinSameBackwardWeights(in Conv2dGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dw, Span<float> planes, Span<float> rows)
    {
        var l = Layout(g);
        int k = g.Kernel;
        PadPlanes(g, l, x, planes);
        WidenRows(g, l, dy, rows);
        for (int o = 0; o < g.OutChannels; o++)
        for (int c = 0; c < g.InChannels; c++)
        for (int kh = 0; kh < k; kh++)
        for (int kw = 0; kw < k; kw++)
            dw[((o * g.InChannels + c) * k + kh) * k + kw] +=
                TensorPrimitives.Dot(rows.Slice(o * l.Rows, l.Rows), planes.Slice(c * l.Plane + Shift(l, kh, kw), l.Rows));
    }
}
