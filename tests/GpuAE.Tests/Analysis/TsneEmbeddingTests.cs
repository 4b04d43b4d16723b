using GpuAE.Analysis;

namespace GpuAE.Tests.Analysis;

public sealed class TsneEmbeddingTests
{
    [Theory]
    [InlineData(TsneMethod.Exact)]
    [InlineData(TsneMethod.BarnesHut)]
    public void Well_separated_clusters_stay_separated_and_trustworthy(TsneMethod method)
    {
        var (data, labels) = TsneData.Clusters(3, 60, 20, seed: 21);
        var result = Tsne.Embed(data, 180, 20, new TsneOptions { Method = method, Seed = 1, Iterations = 500 });

        Assert.Equal(method, result.Method);
        Assert.Equal(360, result.Embedding.Length);
        Assert.True(TsneData.NearestNeighbourAccuracy(result.Embedding, labels) > 0.95);
        Assert.True(Trustworthiness.Compute(data, result.Embedding, 180, 20, 2) > 0.9);
        Assert.True(result.KlDivergence is > 0 and < 2, $"KL {result.KlDivergence}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_embedding()
    {
        var (data, _) = TsneData.Clusters(2, 30, 6, seed: 22);
        var options = new TsneOptions { Perplexity = 10, Iterations = 300, Seed = 5, Initialisation = TsneInitialisation.Random };
        var a = Tsne.Embed(data, 60, 6, options);
        var b = Tsne.Embed(data, 60, 6, options);
        Assert.Equal(a.Embedding, b.Embedding);
    }

    [Theory]
    [InlineData(TsneMethod.Exact)]
    [InlineData(TsneMethod.BarnesHut)]
    public void The_embedding_does_not_depend_on_the_thread_count(TsneMethod method)
    {
        var (data, _) = TsneData.Clusters(2, 30, 6, seed: 23);
        var options = new TsneOptions { Perplexity = 10, Iterations = 200, Method = method };
        var one = Tsne.Embed(data, 60, 6, options with { MaxThreads = 1 });
        var all = Tsne.Embed(data, 60, 6, options with { MaxThreads = 0 });
        Assert.Equal(one.Embedding, all.Embedding);
    }

    [Fact]
    public void Auto_uses_exact_up_to_the_limit_and_Barnes_Hut_above()
    {
        var o = new TsneOptions();
        Assert.Equal(TsneMethod.Exact, o.EffectiveMethod(TsneOptions.AutoExactLimit));
        Assert.Equal(TsneMethod.BarnesHut, o.EffectiveMethod(TsneOptions.AutoExactLimit + 1));
    }

    [Fact]
    public void Auto_learning_rate_is_n_over_four_times_the_exaggeration_but_at_least_50()
    {
        var o = new TsneOptions();
        Assert.Equal(50, o.EffectiveLearningRate(1000));
        Assert.Equal(10000 / 12.0 / 4.0, o.EffectiveLearningRate(10000), 1e-12);
        Assert.Equal(200, (o with { LearningRate = 200 }).EffectiveLearningRate(10000));
    }

    [Fact]
    public void Progress_reports_the_affinities_then_the_KL_divergence_every_interval()
    {
        var (data, _) = TsneData.Clusters(2, 20, 4, seed: 24);
        var reports = new List<TsneProgress>();
        var result = Tsne.Embed(data, 40, 4, new TsneOptions { Perplexity = 5, Iterations = 300 }, new SynchronousProgress(reports.Add));
        Assert.Equal([0, 50, 100, 150, 200, 250, 300], reports.Select(r => r.Iteration));
        Assert.Equal([true, true, true, true, true, true, false], reports.Select(r => r.Exaggerating));
        Assert.True(double.IsNaN(reports[0].KlDivergence)); // affinities ready, no embedding yet
        Assert.All(reports.Skip(1), r => Assert.True(double.IsFinite(r.KlDivergence) && r.KlDivergence > 0));
        Assert.True(result.KlDivergence <= reports[^1].KlDivergence + 1e-3);
    }

    [Fact]
    public void PCA_initialisation_follows_the_main_axis_with_first_coordinate_std_1e_minus_4()
    {
        int n = 100, dim = 5;
        var data = TsneData.Gaussian(n, dim, 25, std: 0.1);
        var along = TsneData.GaussianDouble(n, 26, std: 3);
        for (int i = 0; i < n; i++) { data[i * dim + 2] += (float)along[i]; data[i * dim + 4] -= (float)along[i]; }

        var y = PcaInitialisation.Compute(data, n, dim, seed: 0, new ParallelOptions());

        Assert.Equal(1e-4, PcaInitialisation.PopulationStd(y, n, 0), 1e-15);
        Assert.True(PcaInitialisation.PopulationStd(y, n, 1) < 1e-4);
        var first = Enumerable.Range(0, n).Select(i => y[2 * i]).ToArray();
        Assert.True(Math.Abs(Correlation(first, along)) > 0.99);
    }

    [Fact]
    public void PCA_of_points_on_a_line_follows_the_line_and_spreads_the_second_coordinate()
    {
        int n = 40, dim = 5;
        var t = TsneData.GaussianDouble(n, 30);
        var data = new float[n * dim];
        for (int i = 0; i < n; i++)
            for (int d = 0; d < dim; d++) data[i * dim + d] = (float)(t[i] * (d + 1));

        var y = PcaInitialisation.Compute(data, n, dim, seed: 0, new ParallelOptions());

        var first = Enumerable.Range(0, n).Select(i => y[2 * i]).ToArray();
        Assert.True(Math.Abs(Correlation(first, t)) > 0.9999);
        Assert.True(PcaInitialisation.PopulationStd(y, n, 1) > 1e-6); // a zero second coordinate would never move
    }

    [Fact]
    public void PCA_through_the_Gram_matrix_agrees_with_PCA_through_the_covariance()
    {
        int n = 12, dim = 40; // dim > n: the Gram path
        var data = TsneData.Gaussian(n, dim, 27);
        var viaGram = PcaInitialisation.Compute(data, n, dim, 0, new ParallelOptions());
        var padded = new float[2 * n * dim]; // the same points twice: n > dim, the covariance path
        Array.Copy(data, padded, data.Length);
        Array.Copy(data, 0, padded, data.Length, data.Length);
        var viaCovariance = PcaInitialisation.Compute(padded, 2 * n, dim, 0, new ParallelOptions());
        for (int c = 0; c < 2 * n; c++) Assert.Equal(viaGram[c], viaCovariance[c], 1e-9);
    }

    [Fact]
    public void Identical_points_embed_without_NaN()
    {
        var data = new float[50 * 3];
        var result = Tsne.Embed(data, 50, 3, new TsneOptions { Perplexity = 5, Iterations = 100, Method = TsneMethod.BarnesHut });
        Assert.All(result.Embedding, v => Assert.True(float.IsFinite(v)));
    }

    [Theory]
    [InlineData(TsneMethod.Exact, 1)]
    [InlineData(TsneMethod.BarnesHut, 1)]
    [InlineData(TsneMethod.Exact, 3)]
    [InlineData(TsneMethod.BarnesHut, 3)]
    public void Three_points_embed_without_NaN(TsneMethod method, int dim)
    {
        var data = TsneData.Gaussian(3, dim, 28);
        var result = Tsne.Embed(data, 3, dim, new TsneOptions { Perplexity = 1, Iterations = 100, Method = method });
        Assert.All(result.Embedding, v => Assert.True(float.IsFinite(v)));
        Assert.True(double.IsFinite(result.KlDivergence));
    }

    [Fact]
    public void A_cancelled_token_stops_the_embedding()
    {
        var (data, _) = TsneData.Clusters(2, 20, 4, seed: 29);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Tsne.Embed(data, 40, 4, new TsneOptions { Perplexity = 5 }, null, cancel.Token));
    }

    [Fact]
    public void The_exact_method_refuses_more_points_than_its_limit()
    {
        int n = TsneOptions.ExactLimit + 1;
        var e = Assert.Throws<ArgumentException>(() => Tsne.Embed(new float[n], n, 1, new TsneOptions { Method = TsneMethod.Exact }));
        Assert.Equal($"t-SNE: the exact method is limited to {TsneOptions.ExactLimit} points (got {n}); use Barnes-Hut", e.Message);
    }

    [Fact]
    public void A_perplexity_not_below_the_point_count_is_rejected_with_a_message()
    {
        var e = Assert.Throws<ArgumentException>(() => Tsne.Embed(new float[20], 10, 2));
        Assert.Equal("t-SNE: perplexity (30) must be less than the number of points (10)", e.Message);
    }

    [Fact]
    public void A_non_finite_value_is_rejected_with_its_position()
    {
        var data = new float[40 * 3];
        data[7 * 3 + 1] = float.NaN;
        var e = Assert.Throws<ArgumentException>(() => Tsne.Embed(data, 40, 3, new TsneOptions { Perplexity = 5 }));
        Assert.Equal("t-SNE: data[7, 1] is NaN (values must be finite)", e.Message);
    }

    [Fact]
    public void A_data_length_that_does_not_match_n_times_dim_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Tsne.Embed(new float[100], 40, 3));
        Assert.Equal("t-SNE: data has 100 values, expected 40 points x 3 = 120", e.Message);
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double cov = a.Zip(b, (x, y) => (x - ma) * (y - mb)).Sum();
        return cov / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(y => (y - mb) * (y - mb)));
    }

    private sealed class SynchronousProgress(Action<TsneProgress> report) : IProgress<TsneProgress>
    {
        public void Report(TsneProgress value) => report(value);
    }
}
