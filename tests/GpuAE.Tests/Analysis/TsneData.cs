namespace GpuAE.Tests.Analysis;

/// <summary>Reproducible inputs for the t-SNE tests.</summary>
internal static class TsneData
{
    public static float[] Gaussian(int n, int dim, int seed, double std = 1.0)
    {
        var rng = new Random(seed);
        var x = new float[n * dim];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(std * Normal(rng));
        return x;
    }

    public static double[] GaussianDouble(int count, int seed, double std = 1.0)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => std * Normal(rng)).ToArray();
    }

    /// <summary>clusters x perCluster points: unit-variance blobs around centres spread with std <paramref name="spread"/>.</summary>
    public static (float[] Data, int[] Labels) Clusters(int clusters, int perCluster, int dim, int seed, double spread = 10)
    {
        var rng = new Random(seed);
        var centres = Enumerable.Range(0, clusters * dim).Select(_ => spread * Normal(rng)).ToArray();
        int n = clusters * perCluster;
        var data = new float[n * dim];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % clusters;
            for (int d = 0; d < dim; d++) data[i * dim + d] = (float)(centres[labels[i] * dim + d] + Normal(rng));
        }
        return (data, labels);
    }

    /// <summary>Leave-one-out 1-nearest-neighbour accuracy of the labels in a 2-D embedding.</summary>
    public static double NearestNeighbourAccuracy(float[] embedding, int[] labels)
    {
        int n = labels.Length, correct = 0;
        for (int i = 0; i < n; i++)
        {
            int best = -1;
            double bestDist = double.PositiveInfinity;
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                double dx = embedding[2 * i] - embedding[2 * j], dy = embedding[2 * i + 1] - embedding[2 * j + 1];
                if (dx * dx + dy * dy < bestDist) { bestDist = dx * dx + dy * dy; best = j; }
            }
            if (labels[best] == labels[i]) correct++;
        }
        return (double)correct / n;
    }

    private static double Normal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
