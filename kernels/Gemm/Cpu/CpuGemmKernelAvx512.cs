using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GpuAE.Kernels.Gemm;

/// <summary>
/// AVX-512 micro-kernel, 12 x 32: 24 zmm accumulators (of 32 registers), two B vectors and one
/// broadcast of A per row, 24 FMAs per k step, enough independent chains to cover the FMA
/// latency on two 512-bit pipes. Written out flat, one statement pair per row, on purpose
/// so the JIT keeps every accumulator in a register.
/// </summary>
internal unsafe struct GemmKernelAvx512 : IGemmKernel
{
    public static int MR => 12;
    public static int NR => 32;
    public static bool IsSupported => Avx512F.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(int kc, float* a, float* b, float* c, nint ldc, float beta)
    {
        Sse.Prefetch0(c + 0 * ldc); Sse.Prefetch0(c + 0 * ldc + 16);
        Sse.Prefetch0(c + 1 * ldc); Sse.Prefetch0(c + 1 * ldc + 16);
        Sse.Prefetch0(c + 2 * ldc); Sse.Prefetch0(c + 2 * ldc + 16);
        Sse.Prefetch0(c + 3 * ldc); Sse.Prefetch0(c + 3 * ldc + 16);
        Sse.Prefetch0(c + 4 * ldc); Sse.Prefetch0(c + 4 * ldc + 16);
        Sse.Prefetch0(c + 5 * ldc); Sse.Prefetch0(c + 5 * ldc + 16);
        Sse.Prefetch0(c + 6 * ldc); Sse.Prefetch0(c + 6 * ldc + 16);
        Sse.Prefetch0(c + 7 * ldc); Sse.Prefetch0(c + 7 * ldc + 16);
        Sse.Prefetch0(c + 8 * ldc); Sse.Prefetch0(c + 8 * ldc + 16);
        Sse.Prefetch0(c + 9 * ldc); Sse.Prefetch0(c + 9 * ldc + 16);
        Sse.Prefetch0(c + 10 * ldc); Sse.Prefetch0(c + 10 * ldc + 16);
        Sse.Prefetch0(c + 11 * ldc); Sse.Prefetch0(c + 11 * ldc + 16);
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default, c90 = default, c91 = default, c100 = default, c101 = default, c110 = default, c111 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            Vector512<float> ar;
            ar = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(ar, b0, c00); c01 = Avx512F.FusedMultiplyAdd(ar, b1, c01);
            ar = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(ar, b0, c10); c11 = Avx512F.FusedMultiplyAdd(ar, b1, c11);
            ar = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(ar, b0, c20); c21 = Avx512F.FusedMultiplyAdd(ar, b1, c21);
            ar = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(ar, b0, c30); c31 = Avx512F.FusedMultiplyAdd(ar, b1, c31);
            ar = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(ar, b0, c40); c41 = Avx512F.FusedMultiplyAdd(ar, b1, c41);
            ar = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(ar, b0, c50); c51 = Avx512F.FusedMultiplyAdd(ar, b1, c51);
            ar = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(ar, b0, c60); c61 = Avx512F.FusedMultiplyAdd(ar, b1, c61);
            ar = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(ar, b0, c70); c71 = Avx512F.FusedMultiplyAdd(ar, b1, c71);
            ar = Vector512.Create(a[8]);
            c80 = Avx512F.FusedMultiplyAdd(ar, b0, c80); c81 = Avx512F.FusedMultiplyAdd(ar, b1, c81);
            ar = Vector512.Create(a[9]);
            c90 = Avx512F.FusedMultiplyAdd(ar, b0, c90); c91 = Avx512F.FusedMultiplyAdd(ar, b1, c91);
            ar = Vector512.Create(a[10]);
            c100 = Avx512F.FusedMultiplyAdd(ar, b0, c100); c101 = Avx512F.FusedMultiplyAdd(ar, b1, c101);
            ar = Vector512.Create(a[11]);
            c110 = Avx512F.FusedMultiplyAdd(ar, b0, c110); c111 = Avx512F.FusedMultiplyAdd(ar, b1, c111);
            a += 12;
            b += 32;
        }
        StoreRow(c + 0 * ldc, beta, c00, c01);
        StoreRow(c + 1 * ldc, beta, c10, c11);
        StoreRow(c + 2 * ldc, beta, c20, c21);
        StoreRow(c + 3 * ldc, beta, c30, c31);
        StoreRow(c + 4 * ldc, beta, c40, c41);
        StoreRow(c + 5 * ldc, beta, c50, c51);
        StoreRow(c + 6 * ldc, beta, c60, c61);
        StoreRow(c + 7 * ldc, beta, c70, c71);
        StoreRow(c + 8 * ldc, beta, c80, c81);
        StoreRow(c + 9 * ldc, beta, c90, c91);
        StoreRow(c + 10 * ldc, beta, c100, c101);
        StoreRow(c + 11 * ldc, beta, c110, c111);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, float beta, Vector512<float> x0, Vector512<float> x1)
    {
        if (beta == 0)
        {
            x0.Store(c);
            x1.Store(c + 16);
        }
        else
        {
            var vb = Vector512.Create(beta);
            Avx512F.FusedMultiplyAdd(vb, Vector512.Load(c), x0).Store(c);
            Avx512F.FusedMultiplyAdd(vb, Vector512.Load(c + 16), x1).Store(c + 16);
        }
    }
}
