namespace GpuAE.Analysis;

/// <summary>
/// The two largest eigenpairs of a symmetric positive semi-definite matrix S (m x m, row-major):
/// orthogonal iteration with a 2-column block until the spanned subspace stops moving, then a
/// Rayleigh-Ritz rotation inside it so the two vectors are ordered eigenvectors.
/// </summary>
internal static class TopEigenpairs
{
    private const int MaxIterations = 1000;
    private const double SubspaceTolerance = 1e-12;

    /// <summary>Orthogonal iteration with a 2-column block, then a Rayleigh-Ritz rotation to order the pair.</summary>
    public static (double[][] Vectors, double[] Values) TopTwo(double[] s, int m, int seed, ParallelOptions parallel)
    {
        if (m == 1) return ([[1.0]], [s[0]]);
        var rng = new Random(seed);
        var v = new[] { RandomVector(m, rng), RandomVector(m, rng) };
        Orthonormalise(v);
        for (int it = 0; it < MaxIterations; it++)
        {
            var w = MultiplyPair(s, m, v, parallel);
            int rank = Orthonormalise(w);
            if (rank == 0) break; // S = 0: nothing to find
            if (rank == 1)
            {
                // S has rank 1: w[0] is the answer; keep a second direction orthogonal to it.
                w[1] = v[1];
                if (Orthonormalise(w) < 2) break;
            }
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

    /// <summary>
    /// Gram-Schmidt in place; returns how many vectors came out orthonormal (0, 1 or 2). The second
    /// counts as dependent when projecting out the first removes all but 1e-10 of its length.
    /// </summary>
    private static int Orthonormalise(double[][] v)
    {
        double n0 = Math.Sqrt(Dot(v[0], v[0]));
        if (!(n0 > 0)) return 0;
        for (int i = 0; i < v[0].Length; i++) v[0][i] /= n0;
        double before = Math.Sqrt(Dot(v[1], v[1]));
        double along = Dot(v[0], v[1]);
        for (int i = 0; i < v[1].Length; i++) v[1][i] -= along * v[0][i];
        double n1 = Math.Sqrt(Dot(v[1], v[1]));
        if (!(n1 > 1e-10 * before)) return 1;
        for (int i = 0; i < v[1].Length; i++) v[1][i] /= n1;
        return 2;
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

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static double[] RandomVector(int m, Random rng)
    {
        var v = new double[m];
        for (int i = 0; i < m; i++) v[i] = PcaInitialisation.Gaussian(rng);
        return v;
    }

}
