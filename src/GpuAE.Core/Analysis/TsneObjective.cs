namespace GpuAE.Analysis;

/// <summary>
/// KL(P || Q) for Student-t Q on a 2-D embedding and its gradient
/// dC/dy_i = 4 sum_j (p_ij - q_ij) (1 + |y_i - y_j|^2)^-1 (y_i - y_j).
/// </summary>
internal interface ITsneObjective
{
    /// <summary>
    /// Writes the gradient for P multiplied by <paramref name="exaggeration"/> into <paramref name="grad"/>
    /// (row-major n x 2) and returns KL(P || Q) for the unexaggerated P when <paramref name="wantKl"/>, else NaN.
    /// </summary>
    double Evaluate(double[] y, double exaggeration, double[] grad, bool wantKl);
}

/// <summary>The O(n^2) objective over a dense P.</summary>
internal sealed class ExactObjective(double[] p, int n, ParallelOptions parallel) : ITsneObjective
{
    private readonly double[] _repulsive = new double[2 * n];
    private readonly double[] _z = new double[n];
    private readonly double[] _kl = new double[n];

    public double Evaluate(double[] y, double exaggeration, double[] grad, bool wantKl)
    {
        Parallel.For(0, n, parallel, i => Row(y, i, exaggeration, grad, wantKl));
        double z = 0;
        for (int i = 0; i < n; i++) z += _z[i]; // fixed order: the result does not depend on the thread count
        for (int c = 0; c < grad.Length; c++) grad[c] = 4 * (grad[c] - _repulsive[c] / z);
        if (!wantKl) return double.NaN;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += _kl[i];
        return sum + Math.Log(z); // q_ij = w_ij / Z and sum P = 1
    }

    /// <summary>Row i's attractive force into grad, repulsive sum into _repulsive, its part of Z and of sum P log(P / w).</summary>
    private void Row(double[] y, int i, double exaggeration, double[] grad, bool wantKl)
    {
        double xi = y[2 * i], yi = y[2 * i + 1];
        double ax = 0, ay = 0, rx = 0, ry = 0, z = 0, kl = 0;
        for (int j = 0; j < n; j++)
        {
            if (j == i) continue;
            double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
            double w = 1.0 / (1.0 + dx * dx + dy * dy);
            double pij = p[i * n + j];
            ax += pij * w * dx; ay += pij * w * dy;
            rx += w * w * dx; ry += w * w * dy;
            z += w;
            if (wantKl && pij > 0) kl += pij * Math.Log(pij / w);
        }
        grad[2 * i] = exaggeration * ax;
        grad[2 * i + 1] = exaggeration * ay;
        _repulsive[2 * i] = rx;
        _repulsive[2 * i + 1] = ry;
        _z[i] = z;
        _kl[i] = kl;
    }
}

/// <summary>
/// Barnes-Hut objective: attractive forces over the sparse P, repulsive forces and Z from a
/// quadtree in which far cells act as one point at their centre of mass.
/// </summary>
internal sealed class BarnesHutObjective(SparseAffinities p, double theta, ParallelOptions parallel) : ITsneObjective
{
    private readonly int _n = p.Count;
    private readonly QuadTree _tree = new();
    private readonly double[] _repulsive = new double[2 * p.Count];
    private readonly double[] _z = new double[p.Count];
    private readonly double[] _kl = new double[p.Count];
    private readonly int[] _order = new int[p.Count];
    private readonly double _negativeEntropy = p.NegativeEntropy();

    public double Evaluate(double[] y, double exaggeration, double[] grad, bool wantKl)
    {
        _tree.Build(y, _n);
        _tree.TreeOrder(_order);
        Parallel.For(0, _n, parallel, k =>
        {
            int i = _order[k];
            Attract(y, i, exaggeration, grad, wantKl);
            var (fx, fy, z) = _tree.Repulsion(y, i, theta);
            _repulsive[2 * i] = fx;
            _repulsive[2 * i + 1] = fy;
            _z[i] = z;
        });
        double total = 0;
        for (int i = 0; i < _n; i++) total += _z[i];
        for (int c = 0; c < grad.Length; c++) grad[c] = 4 * (grad[c] - _repulsive[c] / total);
        if (!wantKl) return double.NaN;
        double logW = 0;
        for (int i = 0; i < _n; i++) logW += _kl[i];
        return _negativeEntropy - logW + Math.Log(total);
    }

    private void Attract(double[] y, int i, double exaggeration, double[] grad, bool wantKl)
    {
        double xi = y[2 * i], yi = y[2 * i + 1], ax = 0, ay = 0, logW = 0;
        for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
        {
            int j = p.Columns[e];
            double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
            double w = 1.0 / (1.0 + dx * dx + dy * dy);
            ax += p.Values[e] * w * dx;
            ay += p.Values[e] * w * dy;
            if (wantKl) logW += p.Values[e] * Math.Log(w);
        }
        grad[2 * i] = exaggeration * ax;
        grad[2 * i + 1] = exaggeration * ay;
        _kl[i] = logW;
    }
}
