using System.Numerics;
using System.Runtime.CompilerServices;

namespace GpuAE.Kernels.Gemm;

/// <summary>
/// Portable micro-kernel, 4 x (2 Vector&lt;float&gt;): for machines without AVX2 (SSE-only x64,
/// ARM64 NEON). MultiplyAddEstimate becomes a fused multiply-add where the hardware has one.
/// </summary>
internal unsafe struct GemmKernelPortable : IGemmKernel
{
    private static int W => Vector<float>.Count;
    public static int MR => 4;
    public static int NR => 2 * Vector<float>.Count;
    public static bool IsSupported => true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(int kc, float* a, float* b, float* c, nint ldc, float beta)
    {
        Vector<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector<float> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector.Load(b);
            var b1 = Vector.Load(b + W);
            c00 = Vector.MultiplyAddEstimate(new Vector<float>(a[0]), b0, c00);
            c01 = Vector.MultiplyAddEstimate(new Vector<float>(a[0]), b1, c01);
            c10 = Vector.MultiplyAddEstimate(new Vector<float>(a[1]), b0, c10);
            c11 = Vector.MultiplyAddEstimate(new Vector<float>(a[1]), b1, c11);
            c20 = Vector.MultiplyAddEstimate(new Vector<float>(a[2]), b0, c20);
            c21 = Vector.MultiplyAddEstimate(new Vector<float>(a[2]), b1, c21);
            c30 = Vector.MultiplyAddEstimate(new Vector<float>(a[3]), b0, c30);
            c31 = Vector.MultiplyAddEstimate(new Vector<float>(a[3]), b1, c31);
            a += 4;
            b += 2 * W;
        }
        StoreRow(c, beta, c00, c01);
        StoreRow(c + ldc, beta, c10, c11);
        StoreRow(c + 2 * ldc, beta, c20, c21);
        StoreRow(c + 3 * ldc, beta, c30, c31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, float beta, Vector<float> x0, Vector<float> x1)
    {
        if (beta != 0)
        {
            x0 += beta * Vector.Load(c);
            x1 += beta * Vector.Load(c + W);
        }
        x0.Store(c);
        x1.Store(c + W);
    }
}
