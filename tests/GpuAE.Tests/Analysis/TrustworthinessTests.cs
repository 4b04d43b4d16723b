using GpuAE.Analysis;

namespace GpuAE.Tests.Analysis;

public sealed class TrustworthinessTests
{
    [Fact]
    public void An_embedding_identical_to_the_data_has_trustworthiness_one()
    {
        var data = TsneData.Gaussian(50, 2, 31);
        Assert.Equal(1.0, Trustworthiness.Compute(data, data, 50, 2, 2, k: 5));
    }

    [Fact]
    public void A_hand_computed_example_gives_nine_twenty_fourths()
    {
        // 1-D data 0, 1, 3, 7, 15, 31; the embedding swaps points 1 and 5. With k = 1 the embedded
        // nearest neighbours 5, 4, 5, 2, 3, 0 have original ranks 5, 4, 5, 1, 1, 5: penalty 15,
        // T = 1 - 2 / (6 * 1 * (12 - 3 - 1)) * 15 = 9 / 24 (sklearn.manifold.trustworthiness agrees: 0.375).
        float[] high = [0, 1, 3, 7, 15, 31];
        float[] low = [0, 31, 3, 7, 15, 1];
        Assert.Equal(9.0 / 24.0, Trustworthiness.Compute(high, low, 6, 1, 1, k: 1), 1e-15);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    public void Matches_a_straightforward_implementation_of_the_definition(int k)
    {
        int n = 40;
        var high = TsneData.Gaussian(n, 6, 32);
        var low = TsneData.Gaussian(n, 2, 33);
        for (int i = 0; i < n; i++) { low[2 * i] += high[6 * i]; low[2 * i + 1] += high[6 * i + 1]; }
        Assert.Equal(Reference(high, low, n, 6, 2, k), Trustworthiness.Compute(high, low, n, 6, 2, k), 1e-12);
    }

    [Fact]
    public void A_k_of_half_the_points_or_more_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Trustworthiness.Compute(new float[20], new float[20], 10, 2, 2, k: 5));
        Assert.Contains("k must be at least 1 and less than n / 2", e.Message);
    }

    /// <summary>The definition with full sorts: ranks from the sorted original distances.</summary>
    private static double Reference(float[] high, float[] low, int n, int hd, int ld, int k)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            var byHigh = Others(i, n).OrderBy(j => Dist(high, hd, i, j)).ThenBy(j => j).ToList();
            var byLow = Others(i, n).OrderBy(j => Dist(low, ld, i, j)).ThenBy(j => j).Take(k);
            foreach (int j in byLow) sum += Math.Max(0, byHigh.IndexOf(j) + 1 - k);
        }
        return 1 - 2.0 / (n * k * (2.0 * n - 3 * k - 1)) * sum;
    }

    private static IEnumerable<int> Others(int i, int n) => Enumerable.Range(0, n).Where(j => j != i);

    private static double Dist(float[] x, int dim, int i, int j)
    {
        double s = 0;
        for (int d = 0; d < dim; d++) s += (double)(x[i * dim + d] - x[j * dim + d]) * (x[i * dim + d] - x[j * dim + d]);
        return s;
    }
}
