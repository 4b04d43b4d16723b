namespace GpuAE.Analysis;

/// <summary>
/// The high-dimensional similarities P of t-SNE: per-point Gaussian conditionals calibrated to the
/// perplexity, symmetrised into joint probabilities P = (P_cond + P_cond^T) / (2n) that sum to 1.
/// </summary>
internal static class InputAffinities
{
    /// <summary>Neighbours per point for the sparse (Barnes-Hut) P, as scikit-learn: min(n - 1, floor(3u + 1)).</summary>
    public static int NeighbourCount(int n, double perplexity) => (int)Math.Min(n - 1, Math.Floor(3 * perplexity + 1));

    /// <summary>Dense n x n joint P over all pairs (row-major, zero diagonal).</summary>
    public static double[] Dense(float[] data, int n, int dim, double perplexity, ParallelOptions parallel)
    {
        var p = ConditionalDense(data, n, dim, perplexity, parallel);
        double scale = 1.0 / (2.0 * n);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double v = (p[i * n + j] + p[j * n + i]) * scale;
                p[i * n + j] = v;
                p[j * n + i] = v;
            }
        return p;
    }

    /// <summary>Dense conditional P (row i is p_{.|i}, each row sums to 1, zero diagonal).</summary>
    public static double[] ConditionalDense(float[] data, int n, int dim, double perplexity, ParallelOptions parallel)
    {
        var p = new double[n * n];
        Parallel.For(0, n, parallel, () => (new double[n - 1], new double[n - 1]), (i, _, scratch) =>
        {
            var (dist, row) = scratch;
            var xi = SquaredDistances.Row(data, i, dim);
            for (int j = 0, m = 0; j < n; j++)
                if (j != i) dist[m++] = SquaredDistances.Between(xi, SquaredDistances.Row(data, j, dim));
            PerplexityCalibration.ConditionalRow(dist, perplexity, row);
            for (int j = 0, m = 0; j < n; j++)
                if (j != i) p[i * n + j] = row[m++];
            return scratch;
        }, _ => { });
        return p;
    }

    /// <summary>Sparse joint P over each point's <see cref="NeighbourCount"/> exact nearest neighbours.</summary>
    public static SparseAffinities Sparse(float[] data, int n, int dim, double perplexity, ParallelOptions parallel)
    {
        int k = NeighbourCount(n, perplexity);
        var (neighbours, conditional) = ConditionalSparse(data, n, dim, perplexity, k, parallel);
        return SparseAffinities.Symmetrise(n, k, neighbours, conditional);
    }

    /// <summary>Conditional P over k neighbours per point: (neighbour indices, probabilities), row i at [i*k, i*k+k).</summary>
    public static (int[] Neighbours, double[] Conditional) ConditionalSparse(float[] data, int n, int dim, double perplexity, int k, ParallelOptions parallel)
    {
        var (neighbours, sqDist) = NearestNeighbours.Find(data, n, dim, k, parallel);
        var conditional = new double[n * k];
        Parallel.For(0, n, parallel, i =>
            PerplexityCalibration.ConditionalRow(sqDist.AsSpan(i * k, k), perplexity, conditional.AsSpan(i * k, k)));
        return (neighbours, conditional);
    }
}
