using GpuAE.Analysis;

namespace GpuAE.Tests.Analysis;

public sealed class InputAffinitiesTests
{
    private static readonly ParallelOptions Threads = new();

    private static double Entropy(ReadOnlySpan<double> p)
    {
        double h = 0;
        foreach (double v in p) if (v > 0) h -= v * Math.Log(v);
        return h;
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(15.0)]
    public void Every_conditional_row_has_entropy_log_perplexity(double perplexity)
    {
        int n = 60, dim = 7;
        var p = InputAffinities.ConditionalDense(TsneData.Gaussian(n, dim, 3), n, dim, perplexity, Threads);
        for (int i = 0; i < n; i++)
        {
            var row = p.AsSpan(i * n, n);
            Assert.Equal(Math.Log(perplexity), Entropy(row), PerplexityCalibration.Tolerance);
            Assert.Equal(1.0, row.ToArray().Sum(), 1e-12);
            Assert.Equal(0.0, row[i]);
        }
    }

    [Fact]
    public void Calibration_works_for_large_distances_that_would_underflow_exp()
    {
        var dist = Enumerable.Range(0, 40).Select(j => 1e6 + 1000.0 * j).ToArray();
        var p = new double[dist.Length];
        double h = PerplexityCalibration.ConditionalRow(dist, 10, p);
        Assert.Equal(Math.Log(10), h, PerplexityCalibration.Tolerance);
        Assert.Equal(Math.Log(10), Entropy(p), PerplexityCalibration.Tolerance);
    }

    [Fact]
    public void Sparse_rows_over_the_nearest_neighbours_have_entropy_log_perplexity()
    {
        int n = 200, dim = 10;
        double perplexity = 8;
        int k = InputAffinities.NeighbourCount(n, perplexity);
        var (_, conditional) = InputAffinities.ConditionalSparse(TsneData.Gaussian(n, dim, 4), n, dim, perplexity, k, Threads);
        for (int i = 0; i < n; i++)
            Assert.Equal(Math.Log(perplexity), Entropy(conditional.AsSpan(i * k, k)), PerplexityCalibration.Tolerance);
    }

    [Fact]
    public void Dense_joint_P_is_symmetric_and_sums_to_one()
    {
        int n = 50, dim = 6;
        var p = InputAffinities.Dense(TsneData.Gaussian(n, dim, 5), n, dim, 10, Threads);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) Assert.Equal(p[i * n + j], p[j * n + i]);
        Assert.Equal(1.0, p.Sum(), 1e-12);
    }

    [Fact]
    public void Sparse_joint_P_is_symmetric_and_sums_to_one()
    {
        int n = 300, dim = 8;
        var p = InputAffinities.Sparse(TsneData.Gaussian(n, dim, 6), n, dim, 5, Threads);
        var entries = new Dictionary<(int, int), double>();
        for (int i = 0; i < n; i++)
            for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++) entries[(i, p.Columns[e])] = p.Values[e];
        foreach (var ((i, j), v) in entries)
        {
            Assert.NotEqual(i, j);
            Assert.Equal(v, entries[(j, i)]);
        }
        Assert.Equal(1.0, p.Values.Sum(), 1e-12);
    }

    [Fact]
    public void Sparse_P_over_all_other_points_equals_dense_P()
    {
        int n = 20, dim = 4;
        double perplexity = 6; // 3 * 6 + 1 >= n - 1: every other point is a neighbour
        var data = TsneData.Gaussian(n, dim, 7);
        var dense = InputAffinities.Dense(data, n, dim, perplexity, Threads);
        var sparse = InputAffinities.Sparse(data, n, dim, perplexity, Threads);
        Assert.Equal(n * (n - 1), sparse.Values.Length);
        for (int i = 0; i < n; i++)
            for (int e = sparse.RowStart[i]; e < sparse.RowStart[i + 1]; e++)
                Assert.Equal(dense[i * n + sparse.Columns[e]], sparse.Values[e], 1e-12);
    }

    [Fact]
    public void Nearest_neighbours_match_a_brute_force_search()
    {
        int n = 70, dim = 33, k = 9; // 70 rows: the last row block is partial
        var data = TsneData.Gaussian(n, dim, 8);
        var (index, dist) = NearestNeighbours.Find(data, n, dim, k, Threads);
        for (int i = 0; i < n; i++)
        {
            var expected = Enumerable.Range(0, n).Where(j => j != i)
                .OrderBy(j => SquaredDistance(data, dim, i, j)).Take(k).ToArray();
            Assert.Equal(expected, index.AsSpan(i * k, k).ToArray());
            for (int m = 0; m < k; m++) Assert.Equal(1.0, dist[i * k + m] / SquaredDistance(data, dim, i, expected[m]), 1e-6); // float accumulation
        }
    }

    private static double SquaredDistance(float[] x, int dim, int i, int j)
    {
        double s = 0;
        for (int d = 0; d < dim; d++) s += (double)(x[i * dim + d] - x[j * dim + d]) * (x[i * dim + d] - x[j * dim + d]);
        return s;
    }
}
