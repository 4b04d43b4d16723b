namespace GpuAE.Tests.Svm;

/// <summary>Small labelled 2-D sets for SVM tests, deterministic for a seed.</summary>
internal static class SvmTestData
{
    /// <summary>
    /// XOR: points jittered around (±1, ±1); the label is 1 where x*y > 0, else 0. No line separates
    /// the classes, so learning it perfectly needs the RBF kernel.
    /// </summary>
    public static (float[] Features, int[] Labels) Xor(int perCorner, int seed)
    {
        var random = new Random(seed);
        var features = new List<float>();
        var labels = new List<int>();
        foreach (var (cx, cy) in new[] { (1f, 1f), (-1f, -1f), (1f, -1f), (-1f, 1f) })
        {
            for (int i = 0; i < perCorner; i++)
            {
                features.Add(cx + Jitter(random));
                features.Add(cy + Jitter(random));
                labels.Add(cx * cy > 0 ? 1 : 0);
            }
        }
        return ([.. features], [.. labels]);
    }

    private static float Jitter(Random random) => (float)(random.NextDouble() - 0.5) * 0.6f;
}
