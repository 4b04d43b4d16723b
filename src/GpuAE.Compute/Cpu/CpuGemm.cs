using System.Numerics;

namespace GpuAE.Compute.Cpu;

/// <summary>
/// SGEMM on the host: C = alpha op(A) op(B) + beta C, row-major. Variant 1 ("naive") is the
/// plain triple loop kept as a readable reference; variant 2 ("rows") packs op(B) once and
/// streams rows of C across threads with SIMD axpy. Faster variants register here by name.
/// </summary>
public static class CpuGemm
{
    public static readonly string[] Variants = ["naive", "rows"];
    public const string DefaultVariant = "rows";

    public static void Run(string? variant, bool transA, bool transB, int m, int n, int k,
        float alpha, float[] a, float[] b, float beta, float[] c)
    {
        switch (variant ?? DefaultVariant)
        {
            case "naive": Naive(transA, transB, m, n, k, alpha, a, b, beta, c); break;
            case "rows": Rows(transA, transB, m, n, k, alpha, a, b, beta, c); break;
            default: throw new ArgumentException($"unknown CPU gemm variant '{variant}' (have: {string.Join(", ", Variants)})");
        }
    }

    /// <summary>1: the definition, one output at a time.</summary>
    public static void Naive(bool transA, bool transB, int m, int n, int k,
        float alpha, float[] a, float[] b, float beta, float[] c)
    {
        for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
        {
            float sum = 0;
            for (int p = 0; p < k; p++)
                sum += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
            c[i * n + j] = alpha * sum + (beta == 0 ? 0 : beta * c[i * n + j]);
        }
    }

    /// <summary>2: row-parallel; C[i,:] = beta C[i,:] + alpha sum_p A[i,p] B[p,:], B packed row-major.</summary>
    public static void Rows(bool transA, bool transB, int m, int n, int k,
        float alpha, float[] a, float[] b, float beta, float[] c)
    {
        float[] bRows = b;
        if (transB)
        {
            bRows = new float[k * n];
            for (int j = 0; j < n; j++)
            for (int p = 0; p < k; p++)
                bRows[p * n + j] = b[j * k + p];
        }
        Parallel.For(0, m, i =>
        {
            var row = c.AsSpan(i * n, n);
            if (beta == 0) row.Clear(); else if (beta != 1) for (int j = 0; j < n; j++) row[j] *= beta;
            for (int p = 0; p < k; p++)
            {
                float s = alpha * (transA ? a[p * m + i] : a[i * k + p]);
                if (s == 0) continue;
                var brow = bRows.AsSpan(p * n, n);
                int j = 0;
                if (Vector.IsHardwareAccelerated)
                {
                    var vs = new Vector<float>(s);
                    for (; j <= n - Vector<float>.Count; j += Vector<float>.Count)
                        (new Vector<float>(row[j..]) + vs * new Vector<float>(brow[j..])).CopyTo(row[j..]);
                }
                for (; j < n; j++) row[j] += s * brow[j];
            }
        });
    }
}
