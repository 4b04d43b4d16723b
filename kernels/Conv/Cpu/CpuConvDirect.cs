namespace GpuAE.Kernels.Conv;

/// <summary>The "direct" conv variant: the definition as nested loops, one sample at a time; the readable reference.</summary>
internal static partial class CpuConv
{
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
