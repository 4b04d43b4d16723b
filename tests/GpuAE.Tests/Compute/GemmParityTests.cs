using GpuAE.Compute;

namespace GpuAE.Tests.Compute;

[Collection(AcceleratorCollection.Name)]
public sealed class GemmParityTests(ITestOutputHelper output)
{
    private readonly ParityData _data = new(output);

    /// <summary>Every accelerator with every GEMM variant it reports.</summary>
    public static TheoryData<string, string> Variants
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var spec in AcceleratorSpecs.Specs())
            {
                if (spec.EndsWith(AcceleratorSpecs.MissingSuffix, StringComparison.Ordinal)) { data.Add(spec, "-"); continue; }
                var variants = AcceleratorSpecs.TryOpen(spec, NullOutput.Instance).KernelVariants("gemm");
                foreach (var variant in variants) data.Add(spec, variant);
            }
            return data;
        }
    }

    // Odd sizes: 1, primes, one over a tile, 1000 + 3; none a multiple of the 16/64 tiles.
    private static readonly (int M, int N, int K)[] Shapes =
    [
        (1, 1, 1), (7, 13, 5), (1, 127, 3), (65, 63, 17), (127, 131, 137), (1003, 7, 67), (3, 1003, 129), (64, 64, 64), (68, 132, 36),
    ];

    [Theory]
    [MemberData(nameof(Variants))]
    public void GemmMatchesTheFloat64ProductForEveryTransposition(string spec, string variant)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        accelerator.Kernels.Set("gemm", variant);
        foreach (var (m, n, k) in Shapes)
        foreach (bool ta in new[] { false, true })
        foreach (bool tb in new[] { false, true })
        {
            Check(accelerator, ta, tb, m, n, k, alpha: 1f, beta: 0f);
        }
        Check(accelerator, false, true, 127, 65, 33, alpha: -0.5f, beta: 0.75f);
        Check(accelerator, true, false, 13, 7, 1003, alpha: 2f, beta: 1f);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void GemmWithZeroDepthScalesC(string spec, string variant)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        accelerator.Kernels.Set("gemm", variant);
        Check(accelerator, false, false, 7, 13, 0, alpha: 1f, beta: 0.5f);
    }

    private void Check(Accelerator accelerator, bool ta, bool tb, int m, int n, int k, float alpha, float beta)
    {
        var a = _data.Uniform(Math.Max(m * k, 1));
        var b = _data.Uniform(Math.Max(k * n, 1));
        var c0 = beta == 0 ? ParityData.Poison(m * n) : _data.Uniform(m * n);
        using var ab = ParityData.Buffer(accelerator, a);
        using var bb = ParityData.Buffer(accelerator, b);
        using var cb = ParityData.Buffer(accelerator, c0, extra: 5);
        accelerator.Gemm(ta, tb, m, n, k, alpha, ab, bb, beta, cb);
        var expected = new double[m * n];
        var scale = new double[m * n];
        for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
        {
            double sum = 0, magnitude = 0;
            for (int p = 0; p < k; p++)
            {
                double x = ta ? a[p * m + i] : a[i * k + p], y = tb ? b[j * k + p] : b[p * n + j];
                sum += x * y; magnitude += Math.Abs(x * y);
            }
            expected[i * n + j] = alpha * sum + (beta == 0 ? 0 : beta * (double)c0[i * n + j]);
            scale[i * n + j] = Math.Abs(alpha) * magnitude + Math.Abs(beta * (beta == 0 ? 0 : c0[i * n + j]));
        }
        var actual = cb.ToArray();
        string what = $"{accelerator.Kernels["gemm"]} gemm {(ta ? 'T' : 'N')}{(tb ? 'T' : 'N')} m={m} n={n} k={k}";
        for (int i = 0; i < m * n; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= 1e-5 * scale[i] + 1e-6)) Assert.Fail($"{what}: C[{i / n},{i % n}] = {actual[i]}, expected {expected[i]}");
        }
        Assert.All(actual[(m * n)..], v => Assert.True(float.IsNaN(v), $"{what}: wrote past C"));
    }
}
