using GpuAE.Compute;

namespace GpuAE.Tests.Layers;

/// <summary>Convolution written plainly in float64, straight from the definition, to test the ops against.</summary>
public static class ConvReference
{
    private static double W(float[] w, Conv2dGeometry g, int o, int c, int kh, int kw) => w[((o * g.InChannels + c) * g.Kernel + kh) * g.Kernel + kw];

    /// <summary>Calls visit(n, o, oy, ox, c, iy, ix, kh, kw) for every product the convolution sums.</summary>
    private static void ForEachTap(Conv2dGeometry g, Action<int, int, int, int, int, int, int, int, int> visit)
    {
        for (int n = 0; n < g.Batch; n++)
        for (int o = 0; o < g.OutChannels; o++)
        for (int oy = 0; oy < g.OutHeight; oy++)
        for (int ox = 0; ox < g.OutWidth; ox++)
        for (int c = 0; c < g.InChannels; c++)
        for (int kh = 0; kh < g.Kernel; kh++)
        for (int kw = 0; kw < g.Kernel; kw++)
        {
            int iy = oy * g.Stride - g.Padding + kh, ix = ox * g.Stride - g.Padding + kw;
            if (iy >= 0 && iy < g.InHeight && ix >= 0 && ix < g.InWidth) visit(n, o, oy, ox, c, iy, ix, kh, kw);
        }
    }

    private static int In(Conv2dGeometry g, int n, int c, int y, int x) => ((n * g.InChannels + c) * g.InHeight + y) * g.InWidth + x;
    private static int Out(Conv2dGeometry g, int n, int o, int y, int x) => ((n * g.OutChannels + o) * g.OutHeight + y) * g.OutWidth + x;

    public static double[] Forward(Conv2dGeometry g, float[] x, float[] w)
    {
        var y = new double[g.Batch * g.OutputSize];
        ForEachTap(g, (n, o, oy, ox, c, iy, ix, kh, kw) => y[Out(g, n, o, oy, ox)] += x[In(g, n, c, iy, ix)] * W(w, g, o, c, kh, kw));
        return y;
    }

    public static double[] BackwardData(Conv2dGeometry g, float[] dy, float[] w)
    {
        var dx = new double[g.Batch * g.InputSize];
        ForEachTap(g, (n, o, oy, ox, c, iy, ix, kh, kw) => dx[In(g, n, c, iy, ix)] += dy[Out(g, n, o, oy, ox)] * W(w, g, o, c, kh, kw));
        return dx;
    }

    public static double[] BackwardWeights(Conv2dGeometry g, float[] x, float[] dy)
    {
        var dw = new double[g.WeightCount];
        ForEachTap(g, (n, o, oy, ox, c, iy, ix, kh, kw) =>
            dw[((o * g.InChannels + c) * g.Kernel + kh) * g.Kernel + kw] += dy[Out(g, n, o, oy, ox)] * x[In(g, n, c, iy, ix)]);
        return dw;
    }

    /// <summary>Asserts |actual - expected| &lt;= 1e-4 (1 + |expected|) element by element.</summary>
    public static void AssertClose(double[] expected, float[] actual, string what)
    {
        Assert.True(actual.Length >= expected.Length, $"{what}: {actual.Length} values, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-4 * (1 + Math.Abs(expected[i])),
                $"{what}[{i}]: op gives {actual[i]:G7}, float64 reference {expected[i]:G7}");
    }

    /// <summary>n distinct values 0.05 apart, centred on 0 and shuffled: max-pooling never sees ties, even after a finite-difference step of 0.01.</summary>
    public static float[] Distinct(int n, int seed)
    {
        var keys = TestData.Uniform(n, seed);
        var order = Enumerable.Range(0, n).OrderBy(i => keys[i]).ToArray();
        var v = new float[n];
        for (int rank = 0; rank < n; rank++) v[order[rank]] = 0.05f * (rank - n / 2);
        return v;
    }
}
