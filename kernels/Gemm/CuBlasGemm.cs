using GpuAE.Kernels.Common;
using ILGPU;
using ILGPU.Runtime.Cuda;

namespace GpuAE.Kernels.Gemm;

/// <summary>
/// GEMM through NVIDIA's cuBLAS (ILGPU.Algorithms' CuBlas wrapper), queued on the device's
/// stream: on an H200 it ran 50.7 TFLOP/s where the best kernel of GemmKernels reached 13.5.
/// cuBLAS is column-major; a row-major C [m, n] is the column-major C^T, so it computes
/// C^T = op(B)^T op(A)^T with the operands' strides read as leading dimensions.
/// </summary>
public sealed class CuBlasGemm : IDisposable
{
    private readonly KernelDevice _device;
    private readonly CuBlas _blas;

    private CuBlasGemm(KernelDevice device, CuBlas blas)
    {
        _device = device;
        _blas = blas;
    }

    /// <summary>cuBLAS's version number (e.g. 130100), for `gpuae devices`.</summary>
    public int Version => _blas.Version;

    /// <summary>Opens cuBLAS on a CUDA device, or returns null and says why (library missing, wrong version).</summary>
    public static CuBlasGemm? TryOpen(KernelDevice device, out string? why)
    {
        why = null;
        if (device.Accelerator is not CudaAccelerator cuda) { why = "not a CUDA device"; return null; }
        try
        {
            return new CuBlasGemm(device, new CuBlas(cuda));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or CuBlasException or TypeInitializationException or NotSupportedException)
        {
            why = $"cuBLAS not available ({e.GetType().Name}: {e.Message.Split('\n')[0]})";
            return null;
        }
    }

    /// <summary>The variant entry for the device's GEMM table.</summary>
    public GemmVariant Variant => new(Name, Launch);

    public const string Name = "cublas";

    public void Launch(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, in GemmArgs g, int problems)
    {
        _blas.Stream = (CudaStream)_device.Stream;
        // op(A)^T as cuBLAS sees it: [k x m] stored directly when A's columns are contiguous.
        bool aDirect = g.ACol == 1;
        var opA = aDirect ? CuBlasOperation.NonTranspose : CuBlasOperation.Transpose;
        int lda = aDirect ? (g.M == 1 ? Math.Max(g.K, 1) : g.ARow) : (g.K == 1 ? Math.Max(g.M, 1) : g.ACol);
        bool bDirect = g.BCol == 1;
        var opB = bDirect ? CuBlasOperation.NonTranspose : CuBlasOperation.Transpose;
        int ldb = bDirect ? (g.K == 1 ? Math.Max(g.N, 1) : g.BRow) : (g.N == 1 ? Math.Max(g.K, 1) : g.BCol);
        // cuBLAS refuses a leading dimension below 1 even when k = 0 reads nothing (C = beta C).
        lda = Math.Max(lda, 1);
        ldb = Math.Max(ldb, 1);
        for (int q = 0; q < problems; q++)
        {
            _device.Launch();
            _blas.Gemm(opB, opA, g.N, g.M, g.K, g.Alpha,
                b.SubView(q * (long)g.BBatch), ldb, a.SubView(q * (long)g.ABatch), lda, g.Beta, c.SubView(q * (long)g.CBatch), g.N);
        }
    }

    public void Dispose() => _blas.Dispose();
}
