namespace GpuAE.Kernels.Gemm;

/// <summary>
/// A GEMM micro-kernel: multiplies one packed MR x kc sliver of op(A) by one packed kc x NR
/// sliver of op(B) in registers and writes the MR x NR tile to C. Packed layouts: A sliver is
/// kc groups of MR consecutive values (column p of the sliver, alpha already folded in); B
/// sliver is kc rows of NR consecutive values. Implemented by structs so the blocked driver is
/// specialised per kernel and the tile sizes are JIT-time constants.
/// </summary>
internal unsafe interface IGemmKernel
{
    /// <summary>Rows of the register tile.</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the register tile.</summary>
    static abstract int NR { get; }

    /// <summary>Whether this machine can run the kernel.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>C[0..MR, 0..NR] = A·B + beta C (beta == 0: C is not read), row stride ldc.</summary>
    static abstract void Tile(int kc, float* a, float* b, float* c, nint ldc, float beta);
}
