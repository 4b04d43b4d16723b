using System.Diagnostics;
using GpuAE.Kernels.Gemm;

namespace GpuAE.Bench;

/// <summary>
/// Times one GEMM shape: warm-up, then reps samples, each of enough calls to last about sampleMs;
/// returns their median and their minimum (the least disturbed by other load) per call, and the
/// median process CPU time per call (all threads, so not inflated by waiting for a core).
/// </summary>
public static class GemmTimer
{
    public static (double MedianMs, double MinMs, double CpuMs, double GFlops) Time(string variant, GemmShape s, int reps, double sampleMs)
    {
        var rng = new Random(1);
        float[] a = Random(rng, s.M * s.K), b = Random(rng, s.K * s.N), c = new float[s.M * s.N];
        void Once() => CpuGemm.Run(variant, s.TransA, s.TransB, s.M, s.N, s.K, 1f, a, b, 0f, c);
        double flops = 2.0 * s.M * s.N * s.K;
        int inner = Math.Max(1, (int)(sampleMs * 2e6 / flops)); // as if at 200 GFLOP/s
        // Warm-up: at least 3 calls and 0.5 s, so the JIT has tiered up and pack buffers exist.
        long warm = Stopwatch.GetTimestamp();
        for (int i = 0; i < 3 || Stopwatch.GetElapsedTime(warm).TotalSeconds < 0.5; i++) Once();
        var samples = new double[reps];
        var cpu = new double[reps];
        for (int r = 0; r < reps; r++)
        {
            var cpu0 = Environment.CpuUsage.TotalTime;
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < inner; i++) Once();
            samples[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds / inner;
            cpu[r] = (Environment.CpuUsage.TotalTime - cpu0).TotalSeconds / inner;
        }
        Array.Sort(samples);
        Array.Sort(cpu);
        double median = samples[reps / 2];
        return (median * 1e3, samples[0] * 1e3, cpu[reps / 2] * 1e3, flops / median / 1e9);
    }

    private static float[] Random(Random rng, int count)
    {
        var x = new float[count];
        for (int i = 0; i < count; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }
}
