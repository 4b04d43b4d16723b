using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GpuAE.Kernels.Gemm;

/// <summary>
/// Packs blocks of op(A) and op(B) into the sliver layouts the micro-kernels read (see
/// <see cref="IGemmKernel"/>). All four transpose combinations reduce to two moves: a strided
/// copy (the source already runs along the sliver) or a transpose (it runs across), done in
/// 8 x 8 (AVX) and 4 x 4 (SSE) register blocks. Lanes past the matrix edge are zero, so edge tiles
/// can run the full kernel. Every method is compiled fully optimised at first call: they run a
/// few times per GEMM, too rarely for tiered compilation to promote them promptly.
/// </summary>
internal static unsafe class CpuGemmPacking
{
    /// <summary>
    /// Packs rows [i0, i0+mc) and columns [p0, p0+kc) of op(A) (m x k), scaled by alpha, into
    /// ceil(mc/mr) slivers of kc x mr.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(float* a, bool transA, int m, int k, int i0, int mc, int p0, int kc,
        float alpha, int mr, float* dest)
    {
        if (transA)
        {
            CopyPanel(a + (nint)p0 * m + i0, m, kc, mc, dest, mr, alpha);
            return;
        }
        for (int ir = 0; ir < mc; ir += mr)
            TransposeSliver(a + (nint)(i0 + ir) * k + p0, k, Math.Min(mr, mc - ir), kc, dest + (nint)ir * kc, mr, alpha);
    }

    /// <summary>
    /// Packs rows [p0, p0+kc) and columns [j0, j0+nc) of op(B) (k x n) into ceil(nc/nr)
    /// slivers of kc x nr.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(float* b, bool transB, int n, int k, int p0, int kc, int j0, int nc,
        int nr, float* dest)
    {
        if (!transB)
        {
            CopyPanel(b + (nint)p0 * n + j0, n, kc, nc, dest, nr, 1f);
            return;
        }
        for (int jr = 0; jr < nc; jr += nr)
            TransposeSliver(b + (nint)(j0 + jr) * k + p0, k, Math.Min(nr, nc - jr), kc, dest + (nint)jr * kc, nr, 1f);
    }

    /// <summary>
    /// Packs a block whose source rows already run along the slivers: sliver s gets
    /// dest[s*stride*kc + p*stride + c] = scale * src[p*ld + s*stride + c], zero past count.
    /// Row by row, so the source is read sequentially however wide the block is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyPanel(float* src, nint ld, int kc, int count, float* dest, int stride, float scale)
    {
        for (int p = 0; p < kc; p++)
        {
            float* row = src + p * ld;
            for (int s0 = 0; s0 < count; s0 += stride)
            {
                int width = Math.Min(stride, count - s0);
                float* to = dest + (nint)s0 * kc + (nint)p * stride;
                ScaleCopy(row + s0, to, width, scale);
                if (width < stride) new Span<float>(to + width, stride - width).Clear();
            }
        }
    }

    /// <summary>dest[p*stride + r] = scale * src[r*ld + p] for r &lt; width, p &lt; kc; zero for r ≥ width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeSliver(float* src, nint ld, int width, int kc, float* dest, int stride, float scale)
    {
        if (width < stride) new Span<float>(dest, kc * stride).Clear();
        int r = 0;
        if (Avx.IsSupported)
        {
            var vs = Vector256.Create(scale);
            for (; r + 8 <= width; r += 8)
            {
                int p = 0;
                for (; p + 8 <= kc; p += 8)
                    Transpose8x8(src + r * ld + p, ld, dest + (nint)p * stride + r, stride, vs);
                TransposeScalar(src + r * ld, ld, 8, p, kc, dest + r, stride, scale);
            }
        }
        if (Sse.IsSupported)
        {
            var vs = Vector128.Create(scale);
            for (; r + 4 <= width; r += 4)
            {
                int p = 0;
                for (; p + 4 <= kc; p += 4)
                    Transpose4x4(src + r * ld + p, ld, dest + (nint)p * stride + r, stride, vs);
                TransposeScalar(src + r * ld, ld, 4, p, kc, dest + r, stride, scale);
            }
        }
        TransposeScalar(src + r * ld, ld, width - r, 0, kc, dest + r, stride, scale);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeScalar(float* src, nint ld, int rows, int pFrom, int pTo, float* dest, int stride, float scale)
    {
        for (int p = pFrom; p < pTo; p++)
        for (int r = 0; r < rows; r++)
            dest[(nint)p * stride + r] = scale * src[r * ld + p];
    }

    /// <summary>Stores the transpose of the 8 x 8 block at src (row stride ld) at dest (row stride stride).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, nint ld, float* dest, nint stride, Vector256<float> scale)
    {
        var r0 = Avx.LoadVector256(src); var r1 = Avx.LoadVector256(src + ld);
        var r2 = Avx.LoadVector256(src + 2 * ld); var r3 = Avx.LoadVector256(src + 3 * ld);
        var r4 = Avx.LoadVector256(src + 4 * ld); var r5 = Avx.LoadVector256(src + 5 * ld);
        var r6 = Avx.LoadVector256(src + 6 * ld); var r7 = Avx.LoadVector256(src + 7 * ld);
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44); var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44); var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44); var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44); var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dest, scale * Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dest + stride, scale * Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dest + 2 * stride, scale * Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dest + 3 * stride, scale * Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dest + 4 * stride, scale * Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dest + 5 * stride, scale * Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dest + 6 * stride, scale * Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dest + 7 * stride, scale * Avx.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>Stores the transpose of the 4 x 4 block at src (row stride ld) at dest (row stride stride).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(float* src, nint ld, float* dest, nint stride, Vector128<float> scale)
    {
        var r0 = Sse.LoadVector128(src); var r1 = Sse.LoadVector128(src + ld);
        var r2 = Sse.LoadVector128(src + 2 * ld); var r3 = Sse.LoadVector128(src + 3 * ld);
        var t0 = Sse.UnpackLow(r0, r1); var t1 = Sse.UnpackLow(r2, r3);
        var t2 = Sse.UnpackHigh(r0, r1); var t3 = Sse.UnpackHigh(r2, r3);
        Sse.Store(dest, scale * Sse.MoveLowToHigh(t0, t1));
        Sse.Store(dest + stride, scale * Sse.MoveHighToLow(t1, t0));
        Sse.Store(dest + 2 * stride, scale * Sse.MoveLowToHigh(t2, t3));
        Sse.Store(dest + 3 * stride, scale * Sse.MoveHighToLow(t3, t2));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScaleCopy(float* src, float* dest, int count, float scale)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var vs = Vector512.Create(scale);
            for (; i + 16 <= count; i += 16) (vs * Vector512.Load(src + i)).Store(dest + i);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var vs = Vector256.Create(scale);
            for (; i + 8 <= count; i += 8) (vs * Vector256.Load(src + i)).Store(dest + i);
        }
        if (Vector128.IsHardwareAccelerated)
        {
            var vs = Vector128.Create(scale);
            for (; i + 4 <= count; i += 4) (vs * Vector128.Load(src + i)).Store(dest + i);
        }
        for (; i < count; i++) dest[i] = scale * src[i];
    }
}
