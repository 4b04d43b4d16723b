using GpuAE.Compute;
using GpuAE.Kernels.Gemm;

namespace GpuAE.Tests.Compute;

/// <summary>Every GEMM variant of the backend against the float64 product, for every transposition.</summary>
public abstract class GemmParityTests(Backend backend, ITestOutputHelper output) : BackendTests(backend, output)
{
    // Odd sizes: 1, primes, one over a tile, 1000 + 3; none a multiple of the 16/64 tiles.
    private static readonly (int M, int N, int K)[] Shapes =
    [
        (1, 1, 1), (7, 13, 5), (1, 127, 3), (65, 63, 17), (127, 131, 137), (1003, 7, 67), (3, 1003, 129), (64, 64, 64), (68, 132, 36),
    ];

    // The emulator runs each 16x16 tile's barriers on 256 threads: 1, primes, one over the
    // 16-wide tile and the 32- and 64-wide blocks, and a multiple of the 16 and 32 tiles, in few groups.
    private static readonly (int M, int N, int K)[] EmulatorShapes =
    [
        (1, 1, 1), (7, 13, 5), (1, 67, 3), (17, 15, 19), (65, 3, 17), (3, 33, 65), (32, 32, 32),
    ];

    [Fact]
    public void GemmMatchesTheFloat64ProductForEveryTransposition() => ForEachVariant("gemm", _ =>
    {
        foreach (var (m, n, k) in Emulated ? EmulatorShapes : Shapes)
        foreach (bool ta in new[] { false, true })
        foreach (bool tb in new[] { false, true })
        {
            Check(ta, tb, m, n, k, alpha: 1f, beta: 0f);
        }
    });

    [Fact]
    public void GemmScalesByAlphaAndAddsBetaTimesC() => ForEachVariant("gemm", _ =>
    {
        if (Emulated)
        {
            Check(false, true, 33, 17, 19, alpha: -0.5f, beta: 0.75f);
            Check(true, false, 13, 7, 131, alpha: 2f, beta: 1f);
        }
        else
        {
            Check(false, true, 127, 65, 33, alpha: -0.5f, beta: 0.75f);
            Check(true, false, 13, 7, 1003, alpha: 2f, beta: 1f);
        }
    });

    [Fact]
    public void GemmWithZeroDepthScalesC() => ForEachVariant("gemm", _ => Check(false, false, 7, 13, 0, alpha: 1f, beta: 0.5f));

    /// <summary>C = alpha op(A) op(B) + beta C on random inputs (C poisoned when beta is 0), every element within rounding, nothing written past C.</summary>
    private void Check(bool ta, bool tb, int m, int n, int k, float alpha, float beta)
    {
        var a = Data.Uniform(Math.Max(m * k, 1));
        var b = Data.Uniform(Math.Max(k * n, 1));
        var c0 = beta == 0 ? ParityData.Poison(m * n) : Data.Uniform(m * n);
        using var ab = ParityData.Buffer(Accelerator, a);
        using var bb = ParityData.Buffer(Accelerator, b);
        using var cb = ParityData.Buffer(Accelerator, c0, extra: 5);
        Accelerator.Gemm(ta, tb, m, n, k, alpha, ab, bb, beta, cb);
        var expected = GemmReference.Product(ta, tb, m, n, k, alpha, a, b, beta, c0);
        var magnitude = GemmReference.Product(ta, tb, m, n, k, Math.Abs(alpha), ParityData.Abs(a), ParityData.Abs(b), Math.Abs(beta), ParityData.Abs(c0));
        var actual = cb.ToArray();
        string what = $"gemm {(ta ? 'T' : 'N')}{(tb ? 'T' : 'N')} m={m} n={n} k={k} alpha={alpha} beta={beta}";
        ParityData.CloseToSum(expected, magnitude, actual, what);
        ParityData.NothingWrittenPast(actual, m * n, what);
    }
}

public sealed class GemmParityOnCpu(ITestOutputHelper output) : GemmParityTests(Backend.Cpu, output);

public sealed class GemmParityOnIlgpuCpu(ITestOutputHelper output) : GemmParityTests(Backend.IlgpuCpu, output);

public sealed class GemmParityOnCuda(ITestOutputHelper output) : GemmParityTests(Backend.Cuda, output);

public sealed class GemmParityOnOpenCl(ITestOutputHelper output) : GemmParityTests(Backend.OpenCl, output);
