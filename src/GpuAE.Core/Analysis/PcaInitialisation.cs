namespace GpuAE.Analysis;

/// <summary>
/// scikit-learn's "pca" initialisation: the data projected on its top two principal components,
/// scaled so the first coordinate has (population) standard deviation 1e-4. The eigenvectors come
/// from subspace iteration on the smaller of the dim x dim covariance and the n x n Gram matrix.
/// </summary>
internal static class PcaInitialisation
{
    public const double FirstComponentStd = 1e-4;
    private const int MaxIterations = 1000;
    private const double SubspaceTolerance = 1e-12;

    /// <summary>Row-major n x 2 starting positions.</summary>
    public static double[] Compute(float[] data, int n, int dim, int seed, ParallelOptions parallel)
    {
        var centred = SquaredDistances.Centred(data, n, dim);
        bool useCovariance = dim <= n;
        int m = useCovariance ? dim : n;
        var rows = useCovariance ? Transpose(centred, n, dim) : centred;
        var s = SymmetricGram(rows, m, rows.Length / m, parallel);
        var (vectors, values) = TopTwoEigenvectors(s, m, seed, parallel);

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
        if (values.Length < 2 || values[1] <= 1e-12 * values[0])
        {
            // A one-dimensional spread would leave the second coordinate at 0 forever (its gradient is 0).
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

    /// <summary>Orthogonal iteration with a 2-column block, then a Rayleigh-Ritz rotation to order the pair.</summary>
    private static (double[][] Vectors, double[] Values) TopTwoEigenvectors(double[] s, int m, int seed, ParallelOptions parallel)
    {
        if (m == 1) return ([[1.0]], [s[0]]);
        var rng = new Random(seed);
        var v = new[] { RandomVector(m, rng), RandomVector(m, rng) };
        Orthonormalise(v);
        for (int it = 0; it < MaxIterations; it++)
        {
            var w = MultiplyPair(s, m, v, parallel);
            if (!Orthonormalise(w)) break; // rank < 2: keep the previous basis
            double captured = 0;
            for (int a = 0; a < 2; a++)
                for (int b = 0; b < 2; b++) captured += Dot(w[a], v[b]) * Dot(w[a], v[b]);
            v = w;
            if (2 - captured < SubspaceTolerance) break;
        }
        return RayleighRitz(s, m, v);
    }

    private static (double[][] Vectors, double[] Values) RayleighRitz(double[] s, int m, double[][] v)
    {
        var sv0 = Multiply(s, m, v[0]);
        var sv1 = Multiply(s, m, v[1]);
        double h00 = Dot(v[0], sv0), h11 = Dot(v[1], sv1), h01 = Dot(v[0], sv1);
        double angle = 0.5 * Math.Atan2(2 * h01, h00 - h11);
        double c = Math.Cos(angle), sn = Math.Sin(angle);
        var e0 = new double[m];
        var e1 = new double[m];
        for (int i = 0; i < m; i++)
        {
            e0[i] = c * v[0][i] + sn * v[1][i];
            e1[i] = -sn * v[0][i] + c * v[1][i];
        }
        double l0 = Dot(e0, Multiply(s, m, e0)), l1 = Dot(e1, Multiply(s, m, e1));
        return l0 >= l1 ? ([e0, e1], [l0, l1]) : ([e1, e0], [l1, l0]);
    }

    /// <summary>Gram-Schmidt in place; false when the second vector is (numerically) dependent on the first.</summary>
    private static bool Orthonormalise(double[][] v)
    {
        double n0 = Math.Sqrt(Dot(v[0], v[0]));
        if (!(n0 > 0)) return false;
        for (int i = 0; i < v[0].Length; i++) v[0][i] /= n0;
        double along = Dot(v[0], v[1]);
        for (int i = 0; i < v[1].Length; i++) v[1][i] -= along * v[0][i];
        double n1 = Math.Sqrt(Dot(v[1], v[1]));
        if (!(n1 > 1e-300)) return false;
        for (int i = 0; i < v[1].Length; i++) v[1][i] /= n1;
        return true;
    }

    /// <summary>S v[0] and S v[1] in one pass over S, split over rows.</summary>
    private static double[][] MultiplyPair(double[] s, int m, double[][] v, ParallelOptions parallel)
    {
        var w = new[] { new double[m], new double[m] };
        Parallel.For(0, m, parallel, a =>
        {
            double acc0 = 0, acc1 = 0;
            for (int b = 0; b < m; b++)
            {
                acc0 += s[a * m + b] * v[0][b];
                acc1 += s[a * m + b] * v[1][b];
            }
            w[0][a] = acc0;
            w[1][a] = acc1;
        });
        return w;
    }

    private static double[] Multiply(double[] s, int m, double[] x)
    {
        var y = new double[m];
        for (int a = 0; a < m; a++)
        {
            double acc = 0;
            for (int b = 0; b < m; b++) acc += s[a * m + b] * x[b];
            y[a] = acc;
        }
        return y;
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

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static double[] RandomVector(int m, Random rng)
    {
        var v = new double[m];
        for (int i = 0; i < m; i++) v[i] = Gaussian(rng);
        return v;
    }

    private static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
