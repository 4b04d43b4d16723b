using System.Numerics.Tensors;

namespace GpuAE.Kernels.Gemm;

/// <summary>
/// SGEMM in float64, the definition every GEMM variant (CPU, ILGPU kernels, cuBLAS) is checked
/// against, by the tests and by `gpuae bench kernels`: C = alpha op(A) op(B) + beta C, row-major,
/// op(A) m x k, op(B) k x n. Rows of op(A) and columns of op(B) are gathered first, so each
/// output is one contiguous dot product (2048^3 takes seconds, not minutes).
/// </summary>
public static class GemmReference
{
    /// <summary>alpha op(A) op(B) + beta C; c is not read when beta == 0 (it may hold NaN, or be null).</summary>
    public static double[] Product(bool transA, bool transB, int m, int n, int k, double alpha, float[] a, float[] b, double beta = 0, float[]? c = null)
    {
        var rowsA = new double[(long)m * k];
        var colsB = new double[(long)n * k];
        for (int i = 0; i < m; i++)
        for (int p = 0; p < k; p++)
            rowsA[i * k + p] = transA ? a[p * m + i] : a[i * k + p];
        for (int j = 0; j < n; j++)
        for (int p = 0; p < k; p++)
            colsB[j * k + p] = transB ? b[j * k + p] : b[p * n + j];
        var result = new double[(long)m * n];
        Parallel.For(0, m, i =>
        {
            var row = rowsA.AsSpan(i * k, k);
            for (int j = 0; j < n; j++)
            {
                double sum = TensorPrimitives.Dot<double>(row, colsB.AsSpan(j * k, k));
                result[i * n + j] = alpha * sum + (beta == 0 ? 0 : beta * c![i * n + j]);
            }
        });
        return result;
    }
}
