namespace GpuAE.Analysis;

/// <summary>
/// How well a 2-D embedding keeps the codes' structure and separates the classes:
/// <list type="bullet">
/// <item>trustworthiness (k = 5): no false neighbours introduced (see <see cref="Trustworthiness"/>);</item>
/// <item>kNN accuracy (k = 5 and 10): each point classified by the majority label of its k nearest
/// other points in the embedding (leave-one-out, Euclidean; a tie goes to the lowest class index,
/// as scikit-learn's KNeighborsClassifier does);</item>
/// <item>silhouette: the mean over points of (b - a) / max(a, b), a the mean distance to the other
/// points of its class, b the smallest mean distance to the points of another class (scikit-learn's
/// silhouette_score with the labels as clusters; 0 for a point alone in its class).</item>
/// </list>
/// Trustworthiness is near 1 for every reasonable model, so the two class scores are what tell
/// embeddings apart.
/// </summary>
public sealed record EmbeddingScores(double Trustworthiness, double KnnAccuracy5, double KnnAccuracy10, double Silhouette)
{
    public static EmbeddingScores Compute(float[] codes, float[] embedding, byte[] labels, int n, int codeDim, int maxThreads = 0)
    {
        if (labels.Length < n) throw new ArgumentException($"embedding scores: {labels.Length} labels for {n} points");
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxThreads > 0 ? maxThreads : -1 };
        double trust = Analysis.Trustworthiness.Compute(codes, embedding, n, codeDim, 2, k: 5, maxThreads);
        int kMax = Math.Min(10, n - 1);
        var (neighbours, _) = NearestNeighbours.Find(embedding, n, 2, kMax, parallel);
        return new EmbeddingScores(trust, KnnAccuracy(neighbours, kMax, labels, n, 5), KnnAccuracy(neighbours, kMax, labels, n, 10),
            SilhouetteScore(embedding, labels, n, 2, parallel));
    }

    /// <summary>Leave-one-out accuracy of a k-nearest-neighbour vote, from each point's neighbours nearest first (row stride <paramref name="stride"/>).</summary>
    public static double KnnAccuracy(int[] neighbours, int stride, byte[] labels, int n, int k)
    {
        k = Math.Min(k, stride);
        int correct = 0;
        Span<int> votes = stackalloc int[256];
        for (int i = 0; i < n; i++)
        {
            votes.Clear();
            for (int m = 0; m < k; m++) votes[labels[neighbours[i * stride + m]]]++;
            int best = 0;
            for (int c = 1; c < votes.Length; c++) if (votes[c] > votes[best]) best = c;
            if (best == labels[i]) correct++;
        }
        return (double)correct / n;
    }

    /// <summary>scikit-learn's silhouette_score (Euclidean) of points with the labels as clusters; NaN with fewer than two classes.</summary>
    public static double SilhouetteScore(float[] points, byte[] labels, int n, int dim, ParallelOptions parallel)
    {
        var classSize = new int[256];
        for (int i = 0; i < n; i++) classSize[labels[i]]++;
        if (classSize.Count(s => s > 0) < 2) return double.NaN;
        var score = new double[n];
        Parallel.For(0, n, parallel, () => new double[256], (i, _, sums) =>
        {
            Array.Clear(sums);
            var pi = SquaredDistances.Row(points, i, dim);
            for (int j = 0; j < n; j++)
                if (j != i) sums[labels[j]] += Math.Sqrt(SquaredDistances.Between(pi, SquaredDistances.Row(points, j, dim)));
            int own = labels[i];
            if (classSize[own] == 1) { score[i] = 0; return sums; }
            double a = sums[own] / (classSize[own] - 1), b = double.PositiveInfinity;
            for (int c = 0; c < 256; c++)
                if (c != own && classSize[c] > 0) b = Math.Min(b, sums[c] / classSize[c]);
            score[i] = Math.Max(a, b) > 0 ? (b - a) / Math.Max(a, b) : 0; // coincident points: 0, as scikit-learn's nan_to_num
            return sums;
        }, _ => { });
        return score.Average();
    }
}
