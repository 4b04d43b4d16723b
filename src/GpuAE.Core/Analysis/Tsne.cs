namespace GpuAE.Analysis;

/// <summary>
/// t-distributed stochastic neighbour embedding into 2-D (van der Maaten and Hinton 2008), with the
/// Barnes-Hut approximation of van der Maaten 2014 for large n. Host-side and multi-threaded;
/// results do not depend on the number of threads.
/// </summary>
public static class Tsne
{
    /// <summary>
    /// Embeds n points of <paramref name="dim"/> features (row-major <paramref name="data"/>) into the plane.
    /// Throws <see cref="ArgumentException"/> with a one-line message for bad input or options.
    /// </summary>
    public static TsneResult Embed(float[] data, int n, int dim, TsneOptions? options = null,
        IProgress<TsneProgress>? progress = null, CancellationToken cancellation = default)
    {
        var o = options ?? new TsneOptions();
        TsneValidation.Check(data, n, dim, o);
        var parallel = o.Parallelism(cancellation);
        var method = o.EffectiveMethod(n);
        ITsneObjective objective = method == TsneMethod.Exact
            ? new ExactObjective(InputAffinities.Dense(data, n, dim, o.Perplexity, parallel), n, parallel)
            : new BarnesHutObjective(InputAffinities.Sparse(data, n, dim, o.Perplexity, parallel), o.Theta, parallel);
        var y = o.Initialisation == TsneInitialisation.Pca
            ? PcaInitialisation.Compute(data, n, dim, o.Seed, parallel)
            : PcaInitialisation.Random(n, o.Seed);
        double learningRate = o.EffectiveLearningRate(n);
        progress?.Report(new TsneProgress(0, o.Iterations, double.NaN, o.ExaggerationIterations > 0));
        Optimise(objective, y, o, learningRate, progress, cancellation);

        double kl = objective.Evaluate(y, 1.0, new double[y.Length], wantKl: true);
        return new TsneResult(Array.ConvertAll(y, v => (float)v), n, kl, method, o.Iterations, learningRate);
    }

    private static void Optimise(ITsneObjective objective, double[] y, TsneOptions o, double learningRate,
        IProgress<TsneProgress>? progress, CancellationToken cancellation)
    {
        var grad = new double[y.Length];
        var descent = new GainsDescent(y.Length);
        for (int it = 0; it < o.Iterations; it++)
        {
            cancellation.ThrowIfCancellationRequested();
            bool exaggerating = it < o.ExaggerationIterations;
            bool report = progress is not null && (it + 1) % o.ProgressInterval == 0;
            double kl = objective.Evaluate(y, exaggerating ? o.EarlyExaggeration : 1.0, grad, report);
            descent.Step(y, grad, exaggerating ? o.InitialMomentum : o.FinalMomentum, learningRate);
            if (report) progress!.Report(new TsneProgress(it + 1, o.Iterations, kl, exaggerating));
        }
    }
}

/// <summary>Input checks with messages that say what is wrong and where.</summary>
internal static class TsneValidation
{
    public static void Check(float[] data, int n, int dim, TsneOptions o)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (n < 2) throw new ArgumentException($"t-SNE: needs at least 2 points (got {n})");
        if (dim < 1) throw new ArgumentException($"t-SNE: dimension must be at least 1 (got {dim})");
        if ((long)n * dim != data.Length)
            throw new ArgumentException($"t-SNE: data has {data.Length} values, expected {n} points x {dim} = {(long)n * dim}");
        CheckFinite(data, dim, "t-SNE: data");
        if (!(o.Perplexity > 0)) throw new ArgumentException($"t-SNE: perplexity must be positive (got {o.Perplexity})");
        if (o.Perplexity >= n) throw new ArgumentException($"t-SNE: perplexity ({o.Perplexity}) must be less than the number of points ({n})");
        if (!(o.Theta >= 0)) throw new ArgumentException($"t-SNE: theta must be >= 0 (got {o.Theta})");
        if (o.Iterations < 1) throw new ArgumentException($"t-SNE: iterations must be at least 1 (got {o.Iterations})");
        if (o.ExaggerationIterations < 0) throw new ArgumentException($"t-SNE: exaggeration iterations must be >= 0 (got {o.ExaggerationIterations})");
        if (!(o.EarlyExaggeration >= 1)) throw new ArgumentException($"t-SNE: early exaggeration must be >= 1 (got {o.EarlyExaggeration})");
        if (o.LearningRate is { } lr && !(lr > 0 && double.IsFinite(lr)))
            throw new ArgumentException($"t-SNE: learning rate must be positive and finite (got {o.LearningRate})");
        if (o.ProgressInterval < 1) throw new ArgumentException($"t-SNE: progress interval must be at least 1 (got {o.ProgressInterval})");
        if (!Enum.IsDefined(o.Method)) throw new ArgumentException($"t-SNE: unknown method {o.Method}");
        if (!Enum.IsDefined(o.Initialisation)) throw new ArgumentException($"t-SNE: unknown initialisation {o.Initialisation}");
        if (o.EffectiveMethod(n) == TsneMethod.Exact && n > TsneOptions.ExactLimit)
            throw new ArgumentException($"t-SNE: the exact method is limited to {TsneOptions.ExactLimit} points (got {n}); use Barnes-Hut");
    }

    public static void CheckFinite(float[] data, int dim, string what)
    {
        for (int k = 0; k < data.Length; k++)
            if (!float.IsFinite(data[k]))
                throw new ArgumentException($"{what}[{k / dim}, {k % dim}] is {data[k]} (values must be finite)");
    }
}
