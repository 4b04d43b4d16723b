using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GpuAE.Kernels.Gemm;

/// <summary>
/// AVX2 + FMA micro-kernel, 6 x 16: 12 ymm accumulators of the 16 registers, two B vectors and
/// one A broadcast live at a time (the classic Haswell BLIS shape).
/// </summary>
internal unsafe struct GemmKernelAvx2 : IGemmKernel
{
    public static int MR => 6;
    public static int NR => 16;
    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(int kc, float* a, float* b, float* c, nint ldc, float beta)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            Vector256<float> ar;
            ar = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(ar, b0, c00); c01 = Fma.MultiplyAdd(ar, b1, c01);
            ar = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(ar, b0, c10); c11 = Fma.MultiplyAdd(ar, b1, c11);
            ar = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(ar, b0, c20); c21 = Fma.MultiplyAdd(ar, b1, c21);
            ar = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(ar, b0, c30); c31 = Fma.MultiplyAdd(ar, b1, c31);
            ar = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(ar, b0, c40); c41 = Fma.MultiplyAdd(ar, b1, c41);
            ar = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(ar, b0, c50); c51 = Fma.MultiplyAdd(ar, b1, c51);
            a += 6;
            b += 16;
        }
        StoreRow(c + 0 * ldc, beta, c00, c01);
        StoreRow(c + 1 * ldc, beta, c10, c11);
        StoreRow(c + 2 * ldc, beta, c20, c21);
        StoreRow(c + 3 * ldc, beta, c30, c31);
        StoreRow(c + 4 * ldc, beta, c40, c41);
        StoreRow(c + 5 * ldc, beta, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, float beta, Vector256<float> x0, Vector256<float> x1)
    {
        if (beta == 0)
        {
            x0.Store(c);
            x1.Store(c + 8);
        }
        else
        {
            var vb = Vector256.Create(beta);
            Fma.MultiplyAdd(vb, Vector256.Load(c), x0).Store(c);
            Fma.MultiplyAdd(vb, Vector256.Load(c + 8), x1).Store(c + 8);
        }
    }
}
