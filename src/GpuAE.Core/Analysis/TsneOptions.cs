namespace GpuAE.Analysis;

/// <summary>How the t-SNE gradient is computed.</summary>
public enum TsneMethod
{
    /// <summary>Exact for up to <see cref="TsneOptions.AutoExactLimit"/> points, Barnes-Hut above.</summary>
    Auto,
    /// <summary>All-pairs affinities and O(n^2) gradient.</summary>
    Exact,
    /// <summary>Sparse k-nearest-neighbour affinities and a quadtree for the repulsive forces.</summary>
    BarnesHut,
}

/// <summary>Starting positions of the embedding.</summary>
public enum TsneInitialisation
{
    /// <summary>Top two principal components, scaled so the first has standard deviation 1e-4.</summary>
    Pca,
    /// <summary>Gaussian noise with standard deviation 1e-4.</summary>
    Random,
}

/// <summary>
/// t-SNE settings. Defaults follow scikit-learn's TSNE (perplexity 30, 1000 iterations, early
/// exaggeration 12 for 250 iterations, learning rate "auto", PCA initialisation).
/// </summary>
public sealed record TsneOptions
{
    /// <summary>Largest n for which <see cref="TsneMethod.Auto"/> picks the exact method.</summary>
    public const int AutoExactLimit = 1000;
    /// <summary>Largest n the exact method accepts: it holds the dense n x n P (8 n^2 bytes).</summary>
    public const int ExactLimit = 20000;

    public double Perplexity { get; init; } = 30;
    /// <summary>Barnes-Hut accuracy: a cell is summarised when its side / distance &lt; Theta (0 = exact).</summary>
    public double Theta { get; init; } = 0.5;
    public int Iterations { get; init; } = 1000;
    public double EarlyExaggeration { get; init; } = 12;
    public int ExaggerationIterations { get; init; } = 250;
    /// <summary>Gradient-descent step; null means scikit-learn's "auto": max(n / EarlyExaggeration / 4, 50).</summary>
    public double? LearningRate { get; init; }
    /// <summary>Momentum during the early-exaggeration phase.</summary>
    public double InitialMomentum { get; init; } = 0.5;
    /// <summary>Momentum after the early-exaggeration phase.</summary>
    public double FinalMomentum { get; init; } = 0.8;
    public int Seed { get; init; }
    public TsneMethod Method { get; init; } = TsneMethod.Auto;
    public TsneInitialisation Initialisation { get; init; } = TsneInitialisation.Pca;
    /// <summary>Worker threads; 0 (or negative) means all cores.</summary>
    public int MaxThreads { get; init; }
    /// <summary>Progress (with the KL divergence) is reported every this many iterations.</summary>
    public int ProgressInterval { get; init; } = 50;

    /// <summary>The learning rate actually used for n points.</summary>
    public double EffectiveLearningRate(int n) => LearningRate ?? Math.Max(n / EarlyExaggeration / 4.0, 50.0);

    /// <summary>The method actually used for n points.</summary>
    public TsneMethod EffectiveMethod(int n) =>
        Method != TsneMethod.Auto ? Method : n <= AutoExactLimit ? TsneMethod.Exact : TsneMethod.BarnesHut;

    internal ParallelOptions Parallelism(CancellationToken cancellation) => new()
    {
        MaxDegreeOfParallelism = MaxThreads > 0 ? MaxThreads : -1,
        CancellationToken = cancellation,
    };
}

/// <summary>
/// One progress report. Iteration 0 (KL NaN) means the input affinities and the initialisation are
/// done; later reports carry the KL divergence of the current embedding for the true P (not the
/// exaggerated one) and come every <see cref="TsneOptions.ProgressInterval"/> iterations.
/// </summary>
public sealed record TsneProgress(int Iteration, int Iterations, double KlDivergence, bool Exaggerating);

/// <summary>
/// A finished embedding: <see cref="Embedding"/> is row-major n x 2 (x0, y0, x1, y1, ...).
/// <see cref="KlDivergence"/> is exact for the exact method and, for Barnes-Hut, computed over the
/// sparse P with the quadtree's estimate of the normaliser Z.
/// </summary>
public sealed record TsneResult(float[] Embedding, int Count, double KlDivergence, TsneMethod Method, int Iterations, double LearningRate)
{
    public float X(int i) => Embedding[2 * i];
    public float Y(int i) => Embedding[2 * i + 1];
}

/// <summary>t-SNE's progress as a <see cref="GpuAE.Progress.WorkProgress"/> ("t-SNE" iterations, KL divergence as the loss).</summary>
public sealed class TsneWorkProgress(Action<GpuAE.Progress.WorkProgress> report) : IProgress<TsneProgress>
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public void Report(TsneProgress p)
    {
        if (p.Iteration == 0) { _clock.Restart(); return; } // the input similarities are ready; the iterations start now
        double rate = p.Iteration / Math.Max(_clock.Elapsed.TotalSeconds, 1e-9);
        report(new(p.Exaggerating ? "t-SNE (early exaggeration)" : "t-SNE", p.Iteration, p.Iterations, "iterations", p.KlDivergence, rate,
            TimeSpan.FromSeconds((p.Iterations - p.Iteration) / rate)));
    }
}
