namespace GpuAE.Analysis;

/// <summary>
/// scikit-learn's "pca" initialisation: the data projected on its top two principal components,
/// scaled so the first coordinate has (population) standard deviation 1e-4. The eigenvectors come
/// from subspace iteration on the smaller of the dim x dim covariance and the n x n Gram matrix.
/// </summary>
internal static class PcaInitialisation
{
    public const double FirstComponentStd = 1e-4;
    /// <summary>Second component's spread / first's below which the data counts as one-dimensional.</summary>
    private const double SecondComponentFloor = 1e-4;

    /// <summary>Row-major n x 2 starting positions.</summary>
    public static double[] Compute(float[] data, int n, int dim, int seed, ParallelOptions parallel)
    {
        var centred = SquaredDistances.Centred(data, n, dim);
        bool useCovariance = dim <= n;
        int m = useCovariance ? dim : n;
        var rows = useCovariance ? Transpose(centred, n, dim) : centred;
        var s = SymmetricGram(rows, m, rows.Length / m, parallel);
        var (vectors, values) = TopEigenpairs.TopTwo(s, m, seed, parallel);

        var y = new double[2 * n];
        int components = Math.Min(2, m);
        for (int c = 0; c < components; c++)
        {
            var column = useCovariance ? Project(centred, n, dim, vectors[c]) : Scale(vectors[c], Math.Sqrt(Math.Max(values[c], 0)));
            FixSign(column);
            for (int i = 0; i < n; i++) y[2 * i + c] = column[i];
        }
        return ScaleOrFallBack(y, n, values, seed);
    }

    /// <summary>Gaussian positions with standard deviation 1e-4 (scikit-learn's "random" init).</summary>
    public static double[] Random(int n, int seed)
    {
        var rng = new Random(seed);
        var y = new double[2 * n];
        for (int i = 0; i < y.Length; i++) y[i] = FirstComponentStd * Gaussian(rng);
        return y;
    }

    public static double PopulationStd(double[] y, int n, int column)
    {
        double mean = 0, sq = 0;
        for (int i = 0; i < n; i++) mean += y[2 * i + column];
        mean /= n;
        for (int i = 0; i < n; i++) sq += (y[2 * i + column] - mean) * (y[2 * i + column] - mean);
        return Math.Sqrt(sq / n);
    }

    private static double[] ScaleOrFallBack(double[] y, int n, double[] values, int seed)
    {
        double std = PopulationStd(y, n, 0);
        if (!(std > 0) || values[0] <= 0) return Random(n, seed); // all points identical: PCA has no direction
        double scale = FirstComponentStd / std;
        for (int i = 0; i < y.Length; i++) y[i] *= scale;
        if (!(PopulationStd(y, n, 1) > SecondComponentFloor * FirstComponentStd))
        {
            // Data (numerically) on a line: the second coordinate would start at ~0 and its gradient
            // would stay ~0, so give it the random initialisation's spread instead.
            var noise = Random(n, seed);
            for (int i = 0; i < n; i++) y[2 * i + 1] = noise[2 * i + 1];
        }
        return y;
    }

    private static float[] Transpose(float[] x, int n, int dim)
    {
        var t = new float[x.Length];
        for (int i = 0; i < n; i++)
            for (int d = 0; d < dim; d++) t[d * n + i] = x[i * dim + d];
        return t;
    }

    /// <summary>S = R R^T for the m rows of R (length len each).</summary>
    private static double[] SymmetricGram(float[] r, int m, int len, ParallelOptions parallel)
    {
        var s = new double[m * m];
        Parallel.For(0, m, parallel, a =>
        {
            var ra = new ReadOnlySpan<float>(r, a * len, len);
            for (int b = a; b < m; b++)
            {
                double v = SquaredDistances.Dot(ra, new ReadOnlySpan<float>(r, b * len, len));
                s[a * m + b] = v;
                s[b * m + a] = v;
            }
        });
        return s;
    }

    private static double[] Project(float[] centred, int n, int dim, double[] direction)
    {
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double acc = 0;
            for (int d = 0; d < dim; d++) acc += centred[i * dim + d] * direction[d];
            y[i] = acc;
        }
        return y;
    }

    private static double[] Scale(double[] v, double factor) => v.Select(x => x * factor).ToArray();

    /// <summary>Eigenvectors have no sign; make the entry of largest magnitude positive so runs agree.</summary>
    private static void FixSign(double[] column)
    {
        int best = 0;
        for (int i = 1; i < column.Length; i++) if (Math.Abs(column[i]) > Math.Abs(column[best])) best = i;
        if (column[best] < 0) for (int i = 0; i < column.Length; i++) column[i] = -column[i];
    }

    internal static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
