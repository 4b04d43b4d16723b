using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GpuAE.Kernels.Gemm;

/// <summary>
/// Per-thread pack buffers for the blocked GEMM, kept for the thread's life and grown only when
/// a larger block is needed, so steady-state GEMMs allocate nothing. Pinned (so raw pointers
/// stay valid) and 64-byte aligned (so packed vector loads never split a cache line).
/// </summary>
internal sealed unsafe class CpuGemmScratch
{
    [ThreadStatic] private static CpuGemmScratch? t_current;

    private float[] _a = [];
    private float[] _b = [];

    public static CpuGemmScratch ForThisThread => t_current ??= new CpuGemmScratch();

    /// <summary>Buffer for packed op(A) blocks, at least floats long.</summary>
    public float* A(int floats) => Ensure(ref _a, floats);

    /// <summary>Buffer for packed op(B) panels, at least floats long.</summary>
    public float* B(int floats) => Ensure(ref _b, floats);

    private static float* Ensure(ref float[] buffer, int floats)
    {
        const int AlignFloats = 16;
        if (buffer.Length < floats + AlignFloats)
            buffer = GC.AllocateUninitializedArray<float>(floats + AlignFloats, pinned: true);
        nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (float*)((start + 63) & ~(nint)63);
    }
}
