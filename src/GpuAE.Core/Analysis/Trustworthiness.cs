namespace GpuAE.Analysis;

/// <summary>
/// Trustworthiness of an embedding (Venna and Kaski 2001), as scikit-learn's
/// sklearn.manifold.trustworthiness with Euclidean distances:
/// T(k) = 1 - 2 / (n k (2n - 3k - 1)) * sum_i sum_{j in N_k(i)} max(0, r(i, j) - k),
/// where N_k(i) are i's k nearest neighbours in the embedding and r(i, j) is j's rank (1 = nearest)
/// among i's neighbours in the original space. 1 means no false neighbours were introduced.
/// Ties in either space go to the lower index.
/// </summary>
public static class Trustworthiness
{
    public static double Compute(float[] high, float[] low, int n, int highDim, int lowDim, int k = 5, int maxThreads = 0)
    {
        Check(high, low, n, highDim, lowDim, k);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxThreads > 0 ? maxThreads : -1 };
        var penalty = new long[n];
        Parallel.For(0, n, parallel, () => new Scratch(n, k), (i, _, s) =>
        {
            penalty[i] = PointPenalty(high, low, n, highDim, lowDim, k, i, s);
            return s;
        }, _ => { });
        double total = 0;
        foreach (long p in penalty) total += p;
        return 1.0 - 2.0 / ((double)n * k * (2.0 * n - 3.0 * k - 1.0)) * total;
    }

    /// <summary>sum over i's embedded k-neighbours of max(0, original-space rank - k).</summary>
    private static long PointPenalty(float[] high, float[] low, int n, int highDim, int lowDim, int k, int i, Scratch s)
    {
        var hi = SquaredDistances.Row(high, i, highDim);
        var li = SquaredDistances.Row(low, i, lowDim);
        s.Heap.Clear();
        for (int j = 0; j < n; j++)
        {
            if (j == i) continue;
            s.HighDist[j] = SquaredDistances.Between(hi, SquaredDistances.Row(high, j, highDim));
            s.Heap.Offer(SquaredDistances.Between(li, SquaredDistances.Row(low, j, lowDim)), j);
        }
        s.Heap.DrainSorted(s.LowNeighbours, s.LowDist);
        long sum = 0;
        foreach (int j in s.LowNeighbours)
        {
            int rank = RankInOriginalSpace(s.HighDist, n, i, j);
            if (rank > k) sum += rank - k;
        }
        return sum;
    }

    /// <summary>1 + the number of points other than i that are closer to i than j (ties: lower index first).</summary>
    private static int RankInOriginalSpace(double[] dist, int n, int i, int j)
    {
        double dj = dist[j];
        int rank = 1;
        for (int m = 0; m < n; m++)
            if (m != i && m != j && (dist[m] < dj || (dist[m] == dj && m < j))) rank++;
        return rank;
    }

    private static void Check(float[] high, float[] low, int n, int highDim, int lowDim, int k)
    {
        ArgumentNullException.ThrowIfNull(high);
        ArgumentNullException.ThrowIfNull(low);
        if (highDim < 1 || lowDim < 1) throw new ArgumentException($"trustworthiness: dimensions must be at least 1 (got {highDim} and {lowDim})");
        if ((long)n * highDim != high.Length)
            throw new ArgumentException($"trustworthiness: original data has {high.Length} values, expected {n} x {highDim}");
        if ((long)n * lowDim != low.Length)
            throw new ArgumentException($"trustworthiness: embedding has {low.Length} values, expected {n} x {lowDim}");
        if (k < 1 || k >= n / 2.0)
            throw new ArgumentException($"trustworthiness: k must be at least 1 and less than n / 2 = {n / 2.0} (got k = {k}, n = {n})");
        TsneValidation.CheckFinite(high, highDim, "trustworthiness: original data");
        TsneValidation.CheckFinite(low, lowDim, "trustworthiness: embedding");
    }

    private sealed class Scratch(int n, int k)
    {
        public readonly double[] HighDist = new double[n];
        public readonly BoundedMaxHeap Heap = new(k);
        public readonly int[] LowNeighbours = new int[k];
        public readonly double[] LowDist = new double[k];
    }
}
