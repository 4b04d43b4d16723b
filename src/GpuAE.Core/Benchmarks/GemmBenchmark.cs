using GpuAE.Compute;
using GpuAE.Kernels.Gemm;
using GpuAE.Kernels.Noise;

namespace GpuAE.Benchmarks;

/// <summary>One row of `gpuae bench kernels`.</summary>
public sealed record KernelBenchmarkResult(
    string Op, string Variant, string Device, string Shape, bool Verified, double MaxRelativeError,
    double MedianMilliseconds, double GFlops, double GBytesPerSecond, double? FractionOfPeak, string? Failure);

/// <summary>
/// `gpuae bench kernels --op gemm`: for every GEMM variant of an accelerator and every shape,
/// first checks the result against a float64 reference on random inputs (a variant that fails
/// is reported, not timed), then times it: warm-up, then the median of repeated runs measured by
/// the accelerator's own timer (device events on GPUs).
/// </summary>
public static class GemmBenchmark
{
    public sealed record Shape(string Name, bool TransA, bool TransB, int M, int N, int K);

    /// <summary>Square sizes plus the dense autoencoder's three GEMMs at batch 128 (H = 1000).</summary>
    public static IReadOnlyList<Shape> DefaultShapes() =>
    [
        new("dense fwd NT 128x1000x784", false, true, 128, 1000, 784),
        new("dense dW TN 1000x784x128", true, false, 1000, 784, 128),
        new("dense dx NN 128x784x1000", false, false, 128, 784, 1000),
        new("square 256", false, false, 256, 256, 256),
        new("square 512", false, false, 512, 512, 512),
        new("square 1024", false, false, 1024, 1024, 1024),
        new("square 2048", false, false, 2048, 2048, 2048),
    ];

    public static IEnumerable<KernelBenchmarkResult> Run(Accelerator acc, IReadOnlyList<Shape> shapes, int repeats, double? peakGflops)
    {
        var variants = acc.KernelVariants("gemm");
        string? previous = acc.Kernels["gemm"];
        try
        {
            foreach (var shape in shapes)
            {
                var (a, b, reference) = MakeProblem(shape, seed: (uint)(shape.M * 31 + shape.N * 7 + shape.K));
                using var da = acc.Allocate(a);
                using var db = acc.Allocate(b);
                using var dc = acc.Allocate(shape.M * shape.N);
                foreach (var variant in variants)
                {
                    // The naive reference takes minutes at 1024 and above (on a CPU or PoCL): it is verified at the smaller shapes only.
                    if (variant == "naive" && (long)shape.M * shape.N * shape.K > 600_000_000L) continue;
                    acc.Kernels.Set("gemm", variant);
                    yield return Measure(acc, shape, variant, da, db, dc, reference, repeats, peakGflops);
                }
            }
        }
        finally
        {
            if (previous is null) acc.Kernels.Set("gemm", variants.Count > 0 ? variants[0] : ""); else acc.Kernels.Set("gemm", previous);
        }
    }

    private static KernelBenchmarkResult Measure(Accelerator acc, Shape s, string variant, DeviceBuffer a, DeviceBuffer b, DeviceBuffer c,
        double[] reference, int repeats, double? peakGflops)
    {
        acc.Fill(c, s.M * s.N, float.NaN); // poison: unwritten outputs fail the check
        void Op() => acc.Gemm(s.TransA, s.TransB, s.M, s.N, s.K, 1f, a, b, 0f, c);
        Op();
        var result = c.ToArray();
        double maxErr = MaxRelativeError(result, reference, s.K);
        double tolerance = 1e-4 * Math.Sqrt(s.K);
        string shapeText = $"{(s.TransA ? "T" : "N")}{(s.TransB ? "T" : "N")} {s.M}x{s.N}x{s.K}";
        if (!(maxErr <= tolerance))
            return new KernelBenchmarkResult("gemm", variant, acc.Info.Spec, shapeText, false, maxErr, double.NaN, double.NaN, double.NaN, null,
                $"max relative error {maxErr:G3} > {tolerance:G3}");
        Timing.WarmUp(() => acc.Time(Op), minCalls: 40, minMilliseconds: 400, maxMilliseconds: 5000);
        var times = new List<double>();
        double budgetMs = 0;
        for (int i = 0; i < repeats && budgetMs < 20_000; i++) { double t = acc.Time(Op); times.Add(t); budgetMs += t; }
        double ms = Timing.Median(times);
        double flops = 2.0 * s.M * s.N * s.K;
        double bytes = 4.0 * ((double)s.M * s.K + (double)s.K * s.N + (double)s.M * s.N);
        double gflops = flops / (ms * 1e6);
        return new KernelBenchmarkResult("gemm", variant, acc.Info.Spec, shapeText, true, maxErr, ms, gflops, bytes / (ms * 1e6),
            peakGflops is > 0 ? gflops / peakGflops : null, null);
    }

    /// <summary>Random A and B in [-1, 1) (never zeros) and C = op(A) op(B) in float64.</summary>
    public static (float[] A, float[] B, double[] C) MakeProblem(Shape s, uint seed)
    {
        var a = RandomValues(s.M * s.K, seed);
        var b = RandomValues(s.K * s.N, seed + 1);
        return (a, b, GemmReference.Product(s.TransA, s.TransB, s.M, s.N, s.K, 1, a, b));
    }

    public static float[] RandomValues(int n, uint seed)
    {
        var v = new float[n];
        for (int i = 0; i < n; i++)
        {
            var (r0, _, _, _) = Philox4x32.Generate((uint)i, seed, 0u, 5u, 0x5EEDu, 0u);
            v[i] = 2f * Philox4x32.ToUniform(r0) - 1f + 1e-3f;
        }
        return v;
    }

    /// <summary>max |x - ref| / (|ref| + 1): relative for large values, absolute near zero.</summary>
    public static double MaxRelativeError(float[] x, double[] reference, int k)
    {
        double max = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double e = Math.Abs(x[i] - reference[i]) / (Math.Abs(reference[i]) + 1.0);
            if (double.IsNaN(e)) return double.PositiveInfinity;
            max = Math.Max(max, e);
        }
        return max;
    }
}
