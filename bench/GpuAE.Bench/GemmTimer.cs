using System.Diagnostics;
using GpuAE.Compute.Cpu;

namespace GpuAE.Bench;

/// <summary>Times one GEMM shape: warm-up, then the median of reps samples, each long enough (~0.1 s) to read a clock.</summary>
public static class GemmTimer
{
    public static (double MedianMs, double GFlops) Time(string variant, GemmShape s, int reps)
    {
        var rng = new Random(1);
        float[] a = Random(rng, s.M * s.K), b = Random(rng, s.K * s.N), c = new float[s.M * s.N];
        void Once() => CpuGemm.Run(variant, s.TransA, s.TransB, s.M, s.N, s.K, 1f, a, b, 0f, c);
        double flops = 2.0 * s.M * s.N * s.K;
        int inner = Math.Max(1, (int)(2e8 / flops));
        for (int i = 0; i < Math.Max(3, inner); i++) Once(); // JIT tiers, pack buffers, caches
        var samples = new double[reps];
        for (int r = 0; r < reps; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < inner; i++) Once();
            samples[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds / inner;
        }
        Array.Sort(samples);
        double median = samples[reps / 2];
        return (median * 1e3, flops / median / 1e9);
    }

    private static float[] Random(Random rng, int count)
    {
        var x = new float[count];
        for (int i = 0; i < count; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }
}
