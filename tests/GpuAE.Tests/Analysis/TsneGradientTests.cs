using GpuAE.Analysis;

namespace GpuAE.Tests.Analysis;

public sealed class TsneGradientTests
{
    private static readonly ParallelOptions Threads = new();

    [Fact]
    public void Exact_gradient_equals_the_finite_difference_gradient_of_the_KL_divergence()
    {
        int n = 8, dim = 5;
        var p = InputAffinities.Dense(TsneData.Gaussian(n, dim, 11), n, dim, 3, Threads);
        var objective = new ExactObjective(p, n, Threads);
        var y = TsneData.GaussianDouble(2 * n, 12);
        var grad = new double[2 * n];
        objective.Evaluate(y, 1.0, grad, wantKl: false);

        const double h = 1e-6;
        var scratch = new double[2 * n];
        for (int c = 0; c < 2 * n; c++)
        {
            double saved = y[c];
            y[c] = saved + h;
            double up = objective.Evaluate(y, 1.0, scratch, wantKl: true);
            y[c] = saved - h;
            double down = objective.Evaluate(y, 1.0, scratch, wantKl: true);
            y[c] = saved;
            Assert.Equal((up - down) / (2 * h), grad[c], 1e-7);
        }
    }

    [Fact]
    public void Exact_KL_divergence_matches_its_definition()
    {
        int n = 8, dim = 3;
        var p = InputAffinities.Dense(TsneData.Gaussian(n, dim, 13), n, dim, 3, Threads);
        var y = TsneData.GaussianDouble(2 * n, 14);
        double kl = new ExactObjective(p, n, Threads).Evaluate(y, 1.0, new double[2 * n], wantKl: true);

        double z = 0, expected = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) if (i != j) z += W(y, i, j);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j) expected += p[i * n + j] * Math.Log(p[i * n + j] / (W(y, i, j) / z));
        Assert.Equal(expected, kl, 1e-12);
    }

    [Fact]
    public void Barnes_Hut_with_theta_zero_equals_the_exact_gradient_and_KL()
    {
        int n = 20, dim = 4;
        double perplexity = 6; // every other point is a neighbour, so the sparse P is the dense P
        var data = TsneData.Gaussian(n, dim, 15);
        var y = TsneData.GaussianDouble(2 * n, 16);
        var (exactGrad, exactKl) = Gradient(new ExactObjective(InputAffinities.Dense(data, n, dim, perplexity, Threads), n, Threads), y, 12);
        var (bhGrad, bhKl) = Gradient(new BarnesHutObjective(InputAffinities.Sparse(data, n, dim, perplexity, Threads), 0.0, Threads), y, 12);
        for (int c = 0; c < 2 * n; c++) Assert.Equal(exactGrad[c], bhGrad[c], 1e-12);
        Assert.Equal(exactKl, bhKl, 1e-10);
    }

    [Fact]
    public void Barnes_Hut_with_theta_half_stays_close_to_the_exact_gradient()
    {
        int n = 400, dim = 5;
        double perplexity = 150; // 3u + 1 >= n - 1: full neighbour set, so only the repulsion is approximated
        var data = TsneData.Gaussian(n, dim, 17);
        var y = TsneData.GaussianDouble(2 * n, 18, std: 5);
        var (exact, _) = Gradient(new ExactObjective(InputAffinities.Dense(data, n, dim, perplexity, Threads), n, Threads), y, 1);
        var (bh, _) = Gradient(new BarnesHutObjective(InputAffinities.Sparse(data, n, dim, perplexity, Threads), 0.5, Threads), y, 1);
        double err = Math.Sqrt(exact.Zip(bh, (a, b) => (a - b) * (a - b)).Sum());
        double norm = Math.Sqrt(exact.Sum(a => a * a));
        Assert.True(err < 0.05 * norm, $"relative error {err / norm}");
    }

    [Fact]
    public void Barnes_Hut_handles_coincident_points()
    {
        int n = 30;
        var p = InputAffinities.Sparse(TsneData.Gaussian(n, 3, 19), n, 3, 5, Threads);
        var y = TsneData.GaussianDouble(2 * n, 20);
        for (int i = 10; i < 20; i++) { y[2 * i] = 1.5; y[2 * i + 1] = -0.5; }
        var (bh, kl) = Gradient(new BarnesHutObjective(p, 0.0, Threads), y, 1);
        var denseP = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++) denseP[i * n + p.Columns[e]] = p.Values[e];
        var (exact, exactKl) = Gradient(new ExactObjective(denseP, n, Threads), y, 1);
        for (int c = 0; c < 2 * n; c++) Assert.Equal(exact[c], bh[c], 1e-12);
        Assert.Equal(exactKl, kl, 1e-10);
    }

    [Fact]
    public void Gains_grow_while_steps_keep_their_direction_and_shrink_when_it_flips()
    {
        var descent = new GainsDescent(1);
        var y = new[] { 0.0 };
        descent.Step(y, [1.0], 0.5, 1.0);  // no previous update: gain 1 -> 0.8, step -0.8
        Assert.Equal(-0.8, y[0], 1e-15);
        descent.Step(y, [-1.0], 0.5, 1.0); // step would now go up: flipped, gain 0.64, update -0.4 + 0.64
        Assert.Equal(-0.56, y[0], 1e-15);
        descent.Step(y, [-1.0], 0.5, 1.0); // still up: gain 0.84, update 0.12 + 0.84
        Assert.Equal(0.4, y[0], 1e-15);
    }

    private static double W(double[] y, int i, int j)
    {
        double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
        return 1.0 / (1.0 + dx * dx + dy * dy);
    }

    private static (double[] Grad, double Kl) Gradient(ITsneObjective objective, double[] y, double exaggeration)
    {
        var grad = new double[y.Length];
        double kl = objective.Evaluate(y, exaggeration, grad, wantKl: true);
        return (grad, kl);
    }
}
