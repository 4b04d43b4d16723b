using System.Numerics;

namespace GpuAE.Kernels.Gemm;

/// <summary>
/// SGEMM on the host: C = alpha op(A) op(B) + beta C, row-major, densely packed (A is m x k, or
/// k x m when transposed; B is k x n, or n x k; C is m x n; beta == 0 overwrites C unread).
/// Variants: "naive", the plain triple loop kept as a readable reference; "rows", row-parallel
/// SIMD axpy; "packed", the cache-blocked register-tiled GEMM (<see cref="CpuGemmPacked"/>)
/// with the best micro-kernel this CPU runs, and "packed-*" naming one kernel explicitly.
/// </summary>
public static class CpuGemm
{
    public const string DefaultVariant = "packed";

    public static readonly string[] Variants = ListVariants();

    private static int _maxThreads = Environment.ProcessorCount;

    /// <summary>Threads one "packed" GEMM may use (default: every core).</summary>
    public static int MaxThreads
    {
        get => _maxThreads;
        set => _maxThreads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "gemm threads must be at least 1");
    }

    private static string[] ListVariants()
    {
        var names = new List<string> { "naive", "rows", "packed" };
        if (GemmKernelAvx512.IsSupported) names.Add("packed-avx512");
        if (GemmKernelAvx2.IsSupported) names.Add("packed-avx2");
        names.Add("packed-portable");
        return [.. names];
    }

    public static void Run(string? variant, bool transA, bool transB, int m, int n, int k,
        float alpha, float[] a, float[] b, float beta, float[] c)
    {
        CheckOperands(transA, transB, m, n, k, a, b, c);
        if (m == 0 || n == 0) return;
        switch (variant ?? DefaultVariant)
        {
            case "naive": Naive(transA, transB, m, n, k, alpha, a, b, beta, c); break;
            case "rows": Rows(transA, transB, m, n, k, alpha, a, b, beta, c); break;
            case "packed": Packed(transA, transB, m, n, k, alpha, a, b, beta, c); break;
            case "packed-avx512": Packed<GemmKernelAvx512>(transA, transB, m, n, k, alpha, a, b, beta, c); break;
            case "packed-avx2": Packed<GemmKernelAvx2>(transA, transB, m, n, k, alpha, a, b, beta, c); break;
            case "packed-portable": Packed<GemmKernelPortable>(transA, transB, m, n, k, alpha, a, b, beta, c); break;
            default: throw new ArgumentException($"unknown CPU gemm variant '{variant}' (have: {string.Join(", ", Variants)})");
        }
    }

    private static void CheckOperands(bool transA, bool transB, int m, int n, int k, float[] a, float[] b, float[] c)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentOutOfRangeException(nameof(m), $"gemm: sizes must not be negative (m={m}, n={n}, k={k})");
        CheckLength("A", a, m, k, transA);
        CheckLength("B", b, k, n, transB);
        CheckLength("C", c, m, n, false);
    }

    private static void CheckLength(string name, float[] x, int rows, int cols, bool transposed)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (x.Length < (long)rows * cols)
            throw new ArgumentException(
                $"gemm: {name} holds {x.Length} floats but needs {(transposed ? $"{cols}x{rows}" : $"{rows}x{cols}")} = {(long)rows * cols}", name);
    }

    /// <summary>3: blocked and packed, best kernel for this CPU.</summary>
    public static void Packed(bool transA, bool transB, int m, int n, int k,
        float alpha, float[] a, float[] b, float beta, float[] c)
    {
        if (GemmKernelAvx512.IsSupported) Packed<GemmKernelAvx512>(transA, transB, m, n, k, alpha, a, b, beta, c);
        else if (GemmKernelAvx2.IsSupported) Packed<GemmKernelAvx2>(transA, transB, m, n, k, alpha, a, b, beta, c);
        else Packed<GemmKernelPortable>(transA, transB, m, n, k, alpha, a, b, beta, c);
    }

    private static void Packed<TK>(bool transA, bool transB, int m, int n, int k,
        float alpha, float[] a, float[] b, float beta, float[] c) where TK : struct, IGemmKernel
    {
        if (!TK.IsSupported)
            throw new ArgumentException($"CPU gemm variant needs instructions this CPU lacks (have: {string.Join(", ", Variants)})");
        if (k == 0) ScaleC(m * n, beta, c);
        else CpuGemmPacked.Run<TK>(transA, transB, m, n, k, alpha, a, b, beta, c, _maxThreads);
    }

    /// <summary>C = beta C when there is nothing to multiply (k == 0); beta == 0 clears.</summary>
    private static void ScaleC(int count, float beta, float[] c)
    {
        var span = c.AsSpan(0, count);
        if (beta == 0) span.Clear();
        else if (beta != 1) System.Numerics.Tensors.TensorPrimitives.Multiply(span, beta, span);
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
