namespace GpuAE.Kernels.Conv;

/// <summary>
/// The three convolution passes in float64, from the definition y[n, o, oy, ox] =
/// sum_{c, kh, kw} x[n, c, oy s - p + kh, ox s - p + kw] w[o, c, kh, kw] (taps outside the input
/// are zero padding), the reference every conv variant is checked against by the tests and by
/// `gpuae bench kernels`. Loops run along output rows (contiguous) and planes in parallel, so a
/// batch of 128 takes seconds.
/// </summary>
public static class ConvReference
{
    public static double[] Forward(Conv2dGeometry g, float[] x, float[] w)
    {
        var y = new double[(long)g.Batch * g.OutputSize];
        Parallel.For(0, g.Batch * g.OutChannels, plane =>
        {
            int n = plane / g.OutChannels, o = plane % g.OutChannels;
            for (int c = 0; c < g.InChannels; c++)
            for (int kh = 0; kh < g.Kernel; kh++)
            for (int kw = 0; kw < g.Kernel; kw++)
            {
                double wt = w[Weight(g, o, c, kh, kw)];
                var (first, end) = Columns(g, kw);
                for (int oy = 0; oy < g.OutHeight; oy++)
                {
                    int iy = oy * g.Stride - g.Padding + kh;
                    if (iy < 0 || iy >= g.InHeight) continue;
                    int yRow = plane * g.OutPixels + oy * g.OutWidth, xRow = ((n * g.InChannels + c) * g.InHeight + iy) * g.InWidth;
                    for (int ox = first; ox < end; ox++) y[yRow + ox] += wt * x[xRow + ox * g.Stride - g.Padding + kw];
                }
            }
        });
        return y;
    }

    /// <summary>dx = the adjoint of Forward applied to dy: each tap's product routed back to its input pixel.</summary>
    public static double[] BackwardData(Conv2dGeometry g, float[] dy, float[] w)
    {
        var dx = new double[(long)g.Batch * g.InputSize];
        Parallel.For(0, g.Batch * g.InChannels, plane =>
        {
            int n = plane / g.InChannels, c = plane % g.InChannels;
            for (int o = 0; o < g.OutChannels; o++)
            for (int kh = 0; kh < g.Kernel; kh++)
            for (int kw = 0; kw < g.Kernel; kw++)
            {
                double wt = w[Weight(g, o, c, kh, kw)];
                var (first, end) = Columns(g, kw);
                for (int oy = 0; oy < g.OutHeight; oy++)
                {
                    int iy = oy * g.Stride - g.Padding + kh;
                    if (iy < 0 || iy >= g.InHeight) continue;
                    int yRow = ((n * g.OutChannels + o) * g.OutHeight + oy) * g.OutWidth, xRow = plane * g.InPixels + iy * g.InWidth;
                    for (int ox = first; ox < end; ox++) dx[xRow + ox * g.Stride - g.Padding + kw] += wt * dy[yRow + ox];
                }
            }
        });
        return dx;
    }

    /// <summary>dw[o, c, kh, kw] = sum over the batch and output pixels of dy times the input pixel the tap read.</summary>
    public static double[] BackwardWeights(Conv2dGeometry g, float[] x, float[] dy)
    {
        var dw = new double[g.WeightCount];
        Parallel.For(0, g.OutChannels * g.InChannels, pair =>
        {
            int o = pair / g.InChannels, c = pair % g.InChannels;
            for (int kh = 0; kh < g.Kernel; kh++)
            for (int kw = 0; kw < g.Kernel; kw++)
            {
                var (first, end) = Columns(g, kw);
                double sum = 0;
                for (int n = 0; n < g.Batch; n++)
                for (int oy = 0; oy < g.OutHeight; oy++)
                {
                    int iy = oy * g.Stride - g.Padding + kh;
                    if (iy < 0 || iy >= g.InHeight) continue;
                    int yRow = ((n * g.OutChannels + o) * g.OutHeight + oy) * g.OutWidth, xRow = ((n * g.InChannels + c) * g.InHeight + iy) * g.InWidth;
                    for (int ox = first; ox < end; ox++) sum += (double)dy[yRow + ox] * x[xRow + ox * g.Stride - g.Padding + kw];
                }
                dw[Weight(g, o, c, kh, kw)] = sum;
            }
        });
        return dw;
    }

    private static int Weight(Conv2dGeometry g, int o, int c, int kh, int kw) => ((o * g.InChannels + c) * g.Kernel + kh) * g.Kernel + kw;

    /// <summary>The output columns [First, End) whose tap kw reads inside the input row (ox s - p + kw in [0, InWidth)).</summary>
    private static (int First, int End) Columns(Conv2dGeometry g, int kw)
    {
        int s = g.Stride, lowest = g.Padding - kw, highest = g.InWidth - 1 + g.Padding - kw;
        int first = lowest <= 0 ? 0 : (lowest + s - 1) / s;
        int end = highest < 0 ? 0 : Math.Min(g.OutWidth, highest / s + 1);
        return (first, end);
    }
}
