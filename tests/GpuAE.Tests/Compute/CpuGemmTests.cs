using System.Collections.Concurrent;
using GpuAE.Compute.Cpu;
using GpuAE.Kernels.Gemm;

namespace GpuAE.Tests.Compute;

/// <summary>
/// Every CPU GEMM variant against a float64 reference: C = alpha op(A) op(B) + beta C, row-major.
/// Error bound: max |C - ref| / max |ref| within 1e-4 sqrt(k) (float accumulation over k terms).
/// </summary>
public class CpuGemmTests
{
    public static TheoryData<string> AllVariants()
    {
        var data = new TheoryData<string>();
        foreach (var v in CpuGemm.Variants) data.Add(v);
        return data;
    }

    public static TheoryData<string, bool, bool> VariantsAndTransposes()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var v in CpuGemm.Variants)
        foreach (bool ta in new[] { false, true })
        foreach (bool tb in new[] { false, true })
            data.Add(v, ta, tb);
        return data;
    }

    [Theory]
    [MemberData(nameof(VariantsAndTransposes))]
    public void MatchesReferenceForEveryTransposeCombination(string variant, bool transA, bool transB) =>
        AssertMatchesReference(variant, transA, transB, 37, 45, 53, 1f, 0f);

    [Theory]
    [MemberData(nameof(VariantsAndTransposes))]
    public void MatchesReferenceOnSizesThatAreNotTileMultiples(string variant, bool transA, bool transB)
    {
        foreach (var (m, n, k) in new[] { (1, 1, 1), (7, 13, 17), (1, 1000, 1), (1000, 1, 3), (13, 33, 1), (25, 47, 258) })
            AssertMatchesReference(variant, transA, transB, m, n, k, 1f, 0f);
    }

    [Theory]
    [MemberData(nameof(VariantsAndTransposes))]
    public void MatchesReferenceWhenLargerThanTheCacheBlocks(string variant, bool transA, bool transB)
    {
        if (variant == "naive") return; // the reference loop is too slow for this size and proves nothing new
        AssertMatchesReference(variant, transA, transB, 300, 520, 700, 1f, 0f);
    }

    [Theory]
    [MemberData(nameof(AllVariants))]
    public void MatchesReferenceOnTheAutoencoderTrainingShapes(string variant)
    {
        if (variant == "naive") return;
        AssertMatchesReference(variant, false, true, 128, 1000, 784, 1f, 0f);
        AssertMatchesReference(variant, true, false, 1000, 784, 128, 1f, 0f);
        AssertMatchesReference(variant, false, false, 128, 784, 1000, 1f, 0f);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void PackedMatchesReferenceOnALargeProblemWithBeta(bool transA, bool transB) =>
        AssertMatchesReference("packed", transA, transB, 530, 610, 430, 1f, 0.5f);

    [Theory]
    [MemberData(nameof(VariantsAndTransposes))]
    public void ScalesByAlphaAndAccumulatesBetaTimesC(string variant, bool transA, bool transB)
    {
        AssertMatchesReference(variant, transA, transB, 29, 67, 31, 0.5f, 1f);
        AssertMatchesReference(variant, transA, transB, 29, 67, 31, -1.75f, 0.25f);
        AssertMatchesReference(variant, transA, transB, 29, 67, 300, 2f, -3f);
    }

    [Theory]
    [MemberData(nameof(AllVariants))]
    public void BetaZeroOverwritesCWithoutReadingIt(string variant)
    {
        foreach (var (m, n, k) in new[] { (19, 35, 23), (40, 70, 900) }) // one and several K blocks
        {
            var c = AssertMatchesReference(variant, false, false, m, n, k, 1f, 0f, poisonC: true);
            Assert.DoesNotContain(c, float.IsNaN);
        }
    }

    [Theory]
    [MemberData(nameof(AllVariants))]
    public void EmptySharedDimensionScalesCByBeta(string variant)
    {
        var c = new float[] { 1, 2, 3, 4, 5, 6 };
        CpuGemm.Run(variant, false, false, 2, 3, 0, 1f, [], [], 0.5f, c);
        Assert.Equal(new float[] { 0.5f, 1, 1.5f, 2, 2.5f, 3 }, c);
    }

    [Theory]
    [MemberData(nameof(AllVariants))]
    public void LeavesCBeyondMTimesNUntouched(string variant)
    {
        var rng = new Random(3);
        float[] a = Random(rng, 5 * 7), b = Random(rng, 7 * 9), c = new float[5 * 9 + 4];
        c.AsSpan(5 * 9).Fill(42f);
        CpuGemm.Run(variant, false, false, 5, 9, 7, 1f, a, b, 0f, c);
        Assert.All(c[(5 * 9)..], x => Assert.Equal(42f, x));
    }

    [Fact]
    public void SingleThreadedPackedMatchesReference()
    {
        int saved = CpuGemm.MaxThreads;
        try
        {
            CpuGemm.MaxThreads = 1;
            AssertMatchesReference("packed", false, true, 200, 300, 150, 1f, 0f);
        }
        finally { CpuGemm.MaxThreads = saved; }
    }

    [Theory]
    [InlineData(false, true, 128, 1000, 784)]
    [InlineData(true, false, 1000, 784, 128)]
    [InlineData(false, false, 7, 13, 17)]
    public void PackedAllocatesNothingOnceWarm(bool transA, bool transB, int m, int n, int k)
    {
        var rng = new Random(5);
        float[] a = Random(rng, m * k), b = Random(rng, k * n), c = new float[m * n];
        // Grow the pack buffers on both paths: single-threaded on this thread (the path taken when a
        // concurrent test holds the GEMM team) and shared with the team.
        // The team's lock is re-entrant, so another thread holds it while this one warms up alone.
        var team = CpuGemmTeam.Instance;
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new Thread(() => { SpinWait.SpinUntil(team.TryEnter); entered.Set(); release.Wait(); team.Exit(); });
        holder.Start();
        entered.Wait();
        try { CpuGemm.Run("packed", transA, transB, m, n, k, 1f, a, b, 0f, c); }
        finally { release.Set(); holder.Join(); }
        CpuGemm.Run("packed", transA, transB, m, n, k, 1f, a, b, 0f, c);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++) CpuGemm.Run("packed", transA, transB, m, n, k, 1f, a, b, 1f, c);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ConcurrentCallersGetCorrectResults()
    {
        Parallel.For(0, 8, i => AssertMatchesReference("packed", i % 2 == 0, i % 3 == 0, 150 + i, 170, 130, 1f, 0f, seed: i));
    }

    [Fact]
    public void TeamRethrowsAFailedChunkAndStaysUsable()
    {
        var team = CpuGemmTeam.Instance;
        SpinWait.SpinUntil(team.TryEnter);
        try { Assert.Throws<InvalidOperationException>(() => team.Run(new FailingJob(), team.Size)); }
        finally { team.Exit(); }
        AssertMatchesReference("packed", false, false, 200, 300, 150, 1f, 0f);
    }

    private sealed class FailingJob : IGemmTeamJob
    {
        public void Work() => throw new InvalidOperationException("chunk failed");
    }

    [Fact]
    public void RejectsABufferTooSmallForItsShape()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            CpuGemm.Run("packed", true, false, 4, 5, 6, 1f, new float[23], new float[30], 0f, new float[20]));
        Assert.Contains("A holds 23 floats but needs 6x4", e.Message);
    }

    [Fact]
    public void RejectsAnUnknownVariantNamingTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            CpuGemm.Run("fastest", false, false, 1, 1, 1, 1f, [1f], [1f], 0f, [0f]));
        Assert.Contains("packed", e.Message);
    }

    [Fact]
    public void DefaultVariantIsListed() => Assert.Contains(CpuGemm.DefaultVariant, CpuGemm.Variants);

    private static float[] AssertMatchesReference(string variant, bool transA, bool transB, int m, int n, int k,
        float alpha, float beta, bool poisonC = false, int seed = 1)
    {
        var (a, b, c0, expected) = Case(transA, transB, m, n, k, alpha, beta, poisonC, seed);
        var c = (float[])c0.Clone();
        CpuGemm.Run(variant, transA, transB, m, n, k, alpha, a, b, beta, c);
        double scale = Math.Max(1e-30, expected.Max(Math.Abs)), worst = 0;
        for (int i = 0; i < c.Length; i++) worst = Math.Max(worst, Math.Abs(c[i] - expected[i]) / scale);
        double bound = 1e-4 * Math.Sqrt(Math.Max(1, k));
        Assert.True(worst <= bound,
            $"{variant} {(transA ? 'T' : 'N')}{(transB ? 'T' : 'N')} {m}x{n}x{k} alpha={alpha} beta={beta}: relative error {worst:g3} > {bound:g3}");
        return c;
    }

    private static readonly ConcurrentDictionary<string, Lazy<(float[] A, float[] B, float[] C, double[] Expected)>> Cases = new();

    /// <summary>Inputs and float64 result for one case, computed once and shared by every variant.</summary>
    private static (float[] A, float[] B, float[] C, double[] Expected) Case(bool transA, bool transB, int m, int n, int k,
        float alpha, float beta, bool poisonC, int seed)
    {
        string key = $"{transA} {transB} {m} {n} {k} {alpha} {beta} {poisonC} {seed}";
        return Cases.GetOrAdd(key, _ => new(() =>
        {
            var rng = new Random(seed * 7919 + m * 31 + n * 17 + k);
            float[] a = Random(rng, m * k), b = Random(rng, k * n);
            float[] c = poisonC ? Enumerable.Repeat(float.NaN, m * n).ToArray() : Random(rng, m * n);
            return (a, b, c, GemmReference.Product(transA, transB, m, n, k, alpha, a, b, beta, c));
        })).Value;
    }

    /// <summary>Uniform in ±[0.5, 1): never zero, so a skipped term cannot hide.</summary>
    private static float[] Random(Random rng, int count)
    {
        var x = new float[count];
        for (int i = 0; i < count; i++)
            x[i] = (float)((0.5 + 0.5 * rng.NextDouble()) * (rng.Next(2) == 0 ? -1 : 1));
        return x;
    }
}
