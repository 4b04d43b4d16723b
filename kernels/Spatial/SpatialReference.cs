namespace GpuAE.Kernels.Spatial;

/// <summary>
/// The spatial ops over NCHW planes in float64 (exact where the op only moves values), the
/// definitions the CPU code and the kernels are checked against: a per-channel bias and its
/// gradient, 2x2 stride-2 max-pooling (floor or ceil mode) and x2 nearest upsampling.
/// </summary>
public static class SpatialReference
{
    /// <summary>y[n, c, q] + bias[c].</summary>
    public static double[] AddChannelBias(float[] y, float[] bias, int channels, int pixels)
    {
        var result = new double[y.Length];
        for (int i = 0; i < y.Length; i++) result[i] = (double)y[i] + bias[i / pixels % channels];
        return result;
    }

    /// <summary>beta sums[c] + sum over the batch and pixels of x[n, c, q]; sums is not read when beta == 0 (it may hold NaN).</summary>
    public static double[] SumChannels(float[] x, float[] sums, int channels, int pixels, double beta)
    {
        var result = new double[channels];
        for (int i = 0; i < x.Length; i++) result[i / pixels % channels] += x[i];
        for (int c = 0; c < channels; c++) result[c] += beta == 0 ? 0 : beta * sums[c];
        return result;
    }

    /// <summary>Pooled size of an edge: floor(size / 2), or ceil in ceil mode (the last window is cut by the edge).</summary>
    public static int PooledSize(int size, bool ceilMode) => ceilMode ? (size + 1) / 2 : size / 2;

    /// <summary>
    /// Each 2x2 window's maximum and its position (row * width + column within the plane),
    /// taken sequentially in row-major order: the first of tied maxima wins, and a NaN never
    /// compares greater (so a NaN first in its window stays, and a later one is passed over).
    /// </summary>
    public static (double[] Y, int[] Index) MaxPoolForward(float[] x, int planes, int height, int width, bool ceilMode)
    {
        int oh = PooledSize(height, ceilMode), ow = PooledSize(width, ceilMode);
        var y = new double[planes * oh * ow];
        var index = new int[y.Length];
        for (int o = 0; o < y.Length; o++)
        {
            int ox = o % ow, oy = o / ow % oh, plane = o / (oh * ow);
            int best = -1;
            for (int iy = 2 * oy; iy < Math.Min(height, 2 * oy + 2); iy++)
            for (int ix = 2 * ox; ix < Math.Min(width, 2 * ox + 2); ix++)
                if (best < 0 || x[plane * height * width + iy * width + ix] > x[plane * height * width + best]) best = iy * width + ix;
            y[o] = x[plane * height * width + best];
            index[o] = best;
        }
        return (y, index);
    }

    /// <summary>Each window's gradient routed to its saved argmax; every other input pixel gets 0.</summary>
    public static double[] MaxPoolBackward(float[] dy, int[] index, int planes, int height, int width, bool ceilMode)
    {
        int pooled = PooledSize(height, ceilMode) * PooledSize(width, ceilMode);
        var dx = new double[planes * height * width];
        for (int o = 0; o < dy.Length; o++) dx[o / pooled * height * width + index[o]] += dy[o];
        return dx;
    }

    /// <summary>Each pixel copied into a 2x2 block of a plane twice as high and wide.</summary>
    public static double[] UpsampleForward(float[] x, int planes, int height, int width)
    {
        var y = new double[4 * planes * height * width];
        for (int i = 0; i < y.Length; i++) y[i] = x[Source(i, height, width)];
        return y;
    }

    /// <summary>Each pixel's gradient: the sum of the 2x2 block it was copied to.</summary>
    public static double[] UpsampleBackward(float[] dy, int planes, int height, int width) =>
        UpsampleBackward(Array.ConvertAll(dy, v => (double)v), planes, height, width);

    /// <summary>The same, of a float64 gradient (a reference conv's input gradient).</summary>
    public static double[] UpsampleBackward(double[] dy, int planes, int height, int width)
    {
        var dx = new double[planes * height * width];
        for (int i = 0; i < dy.Length; i++) dx[Source(i, height, width)] += dy[i];
        return dx;
    }

    /// <summary>The input pixel that upsampled pixel i copies.</summary>
    private static int Source(int i, int height, int width)
    {
        int col = i % (2 * width), row = i / (2 * width) % (2 * height), plane = i / (4 * height * width);
        return (plane * height + row / 2) * width + col / 2;
    }
}
