using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GpuAE.Kernels.Conv;

/// <summary>
/// The "shifted" conv's AVX-512 register tile: 8 output channels x 48 output positions, 24 zmm
/// accumulators kept over every tap. Unlike a GEMM micro-kernel it reads no packed B panel: tap
/// t's 48 inputs are the padded input planes at x + offsets[t] (three unaligned loads), so no
/// column matrix is written or packed. 8 rows divide the channel counts of the seed models
/// (16, 32, 64) exactly; 3 vectors of columns keep the load/FMA ratio under the two FMA pipes.
/// </summary>
internal static unsafe class ShiftedTileAvx512
{
    public const int Rows = 8, Columns = 48;

    /// <summary>
    /// Output positions are computed in whole vectors: a row's last tile may be 32 or 16 wide
    /// (<see cref="Tile32"/>, <see cref="Tile16"/>). 14 padded-width rows of 16 are 224 positions:
    /// 4 tiles of 48 and one of 32, where rounding up to 48 computed 240.
    /// </summary>
    public const int Lanes = 16;

    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>
    /// c[r, j] = sum over t &lt; taps of a[t Rows + r] x[offsets[t] + j] for r &lt; 8, j &lt; 48
    /// (a: the tile's weights, packed tap-major; c: row stride ldc; overwritten).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(int taps, float* a, float* x, int* offsets, float* c, nint ldc)
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default,
            c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default,
            c40 = default, c41 = default, c42 = default, c50 = default, c51 = default, c52 = default,
            c60 = default, c61 = default, c62 = default, c70 = default, c71 = default, c72 = default;
        for (int t = 0; t < taps; t++)
        {
            float* b = x + offsets[t];
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var b2 = Vector512.Load(b + 32);
            Vector512<float> ar;
            ar = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(ar, b0, c00); c01 = Avx512F.FusedMultiplyAdd(ar, b1, c01); c02 = Avx512F.FusedMultiplyAdd(ar, b2, c02);
            ar = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(ar, b0, c10); c11 = Avx512F.FusedMultiplyAdd(ar, b1, c11); c12 = Avx512F.FusedMultiplyAdd(ar, b2, c12);
            ar = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(ar, b0, c20); c21 = Avx512F.FusedMultiplyAdd(ar, b1, c21); c22 = Avx512F.FusedMultiplyAdd(ar, b2, c22);
            ar = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(ar, b0, c30); c31 = Avx512F.FusedMultiplyAdd(ar, b1, c31); c32 = Avx512F.FusedMultiplyAdd(ar, b2, c32);
            ar = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(ar, b0, c40); c41 = Avx512F.FusedMultiplyAdd(ar, b1, c41); c42 = Avx512F.FusedMultiplyAdd(ar, b2, c42);
            ar = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(ar, b0, c50); c51 = Avx512F.FusedMultiplyAdd(ar, b1, c51); c52 = Avx512F.FusedMultiplyAdd(ar, b2, c52);
            ar = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(ar, b0, c60); c61 = Avx512F.FusedMultiplyAdd(ar, b1, c61); c62 = Avx512F.FusedMultiplyAdd(ar, b2, c62);
            ar = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(ar, b0, c70); c71 = Avx512F.FusedMultiplyAdd(ar, b1, c71); c72 = Avx512F.FusedMultiplyAdd(ar, b2, c72);
            a += Rows;
        }
        Store(c + 0 * ldc, c00, c01, c02);
        Store(c + 1 * ldc, c10, c11, c12);
        Store(c + 2 * ldc, c20, c21, c22);
        Store(c + 3 * ldc, c30, c31, c32);
        Store(c + 4 * ldc, c40, c41, c42);
        Store(c + 5 * ldc, c50, c51, c52);
        Store(c + 6 * ldc, c60, c61, c62);
        Store(c + 7 * ldc, c70, c71, c72);
    }

    /// <summary>As <see cref="Tile"/>, 32 positions wide (a row's last tile; 16 accumulators).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile32(int taps, float* a, float* x, int* offsets, float* c, nint ldc)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default,
            c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        for (int t = 0; t < taps; t++)
        {
            float* b = x + offsets[t];
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            Vector512<float> ar;
            ar = Vector512.Create(a[0]); c00 = Avx512F.FusedMultiplyAdd(ar, b0, c00); c01 = Avx512F.FusedMultiplyAdd(ar, b1, c01);
            ar = Vector512.Create(a[1]); c10 = Avx512F.FusedMultiplyAdd(ar, b0, c10); c11 = Avx512F.FusedMultiplyAdd(ar, b1, c11);
            ar = Vector512.Create(a[2]); c20 = Avx512F.FusedMultiplyAdd(ar, b0, c20); c21 = Avx512F.FusedMultiplyAdd(ar, b1, c21);
            ar = Vector512.Create(a[3]); c30 = Avx512F.FusedMultiplyAdd(ar, b0, c30); c31 = Avx512F.FusedMultiplyAdd(ar, b1, c31);
            ar = Vector512.Create(a[4]); c40 = Avx512F.FusedMultiplyAdd(ar, b0, c40); c41 = Avx512F.FusedMultiplyAdd(ar, b1, c41);
            ar = Vector512.Create(a[5]); c50 = Avx512F.FusedMultiplyAdd(ar, b0, c50); c51 = Avx512F.FusedMultiplyAdd(ar, b1, c51);
            ar = Vector512.Create(a[6]); c60 = Avx512F.FusedMultiplyAdd(ar, b0, c60); c61 = Avx512F.FusedMultiplyAdd(ar, b1, c61);
            ar = Vector512.Create(a[7]); c70 = Avx512F.FusedMultiplyAdd(ar, b0, c70); c71 = Avx512F.FusedMultiplyAdd(ar, b1, c71);
            a += Rows;
        }
        c00.Store(c); c01.Store(c + 16); c10.Store(c + ldc); c11.Store(c + ldc + 16);
        c20.Store(c + 2 * ldc); c21.Store(c + 2 * ldc + 16); c30.Store(c + 3 * ldc); c31.Store(c + 3 * ldc + 16);
        c40.Store(c + 4 * ldc); c41.Store(c + 4 * ldc + 16); c50.Store(c + 5 * ldc); c51.Store(c + 5 * ldc + 16);
        c60.Store(c + 6 * ldc); c61.Store(c + 6 * ldc + 16); c70.Store(c + 7 * ldc); c71.Store(c + 7 * ldc + 16);
    }

    /// <summary>As <see cref="Tile"/>, 16 positions wide (a row's last tile; 8 accumulators).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile16(int taps, float* a, float* x, int* offsets, float* c, nint ldc)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        for (int t = 0; t < taps; t++)
        {
            var b0 = Vector512.Load(x + offsets[t]);
            c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[0]), b0, c0);
            c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[1]), b0, c1);
            c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[2]), b0, c2);
            c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[3]), b0, c3);
            c4 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[4]), b0, c4);
            c5 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[5]), b0, c5);
            c6 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[6]), b0, c6);
            c7 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[7]), b0, c7);
            a += Rows;
        }
        c0.Store(c); c1.Store(c + ldc); c2.Store(c + 2 * ldc); c3.Store(c + 3 * ldc);
        c4.Store(c + 4 * ldc); c5.Store(c + 5 * ldc); c6.Store(c + 6 * ldc); c7.Store(c + 7 * ldc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector512<float> x0, Vector512<float> x1, Vector512<float> x2)
    {
        x0.Store(c);
        x1.Store(c + 16);
        x2.Store(c + 32);
    }
}

/// <summary>
/// The shifted weight-gradient tile for 3x3 kernels: the 9 taps of one input channel x 32
/// output channels, 18 zmm accumulators. Position q adds x[offsets[t] + q] (one broadcast per
/// tap, each tap's own pointer: at stride 1 they lie in one padded plane, at stride 2 in four
/// phase planes) times dyT[q, 0..32) (the output gradient, transposed, zero at the padded-width
/// rows' extra columns).
/// </summary>
internal static unsafe class ShiftedWeightTileAvx512
{
    public const int Taps = 9, Columns = 32;

    /// <summary>dwT[t, j] += sum over q &lt; positions of x[offsets[t] + q] dyT[q ldy + j] (dwT: row stride lddw).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(int positions, float* x, int* offsets, float* dyT, nint ldy, float* dwT, nint lddw)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
            c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default,
            c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default;
        float* p0 = x + offsets[0], p1 = x + offsets[1], p2 = x + offsets[2], p3 = x + offsets[3], p4 = x + offsets[4],
            p5 = x + offsets[5], p6 = x + offsets[6], p7 = x + offsets[7], p8 = x + offsets[8];
        for (int q = 0; q < positions; q++)
        {
            var b0 = Vector512.Load(dyT);
            var b1 = Vector512.Load(dyT + 16);
            Vector512<float> ar;
            ar = Vector512.Create(p0[q]); c00 = Avx512F.FusedMultiplyAdd(ar, b0, c00); c01 = Avx512F.FusedMultiplyAdd(ar, b1, c01);
            ar = Vector512.Create(p1[q]); c10 = Avx512F.FusedMultiplyAdd(ar, b0, c10); c11 = Avx512F.FusedMultiplyAdd(ar, b1, c11);
            ar = Vector512.Create(p2[q]); c20 = Avx512F.FusedMultiplyAdd(ar, b0, c20); c21 = Avx512F.FusedMultiplyAdd(ar, b1, c21);
            ar = Vector512.Create(p3[q]); c30 = Avx512F.FusedMultiplyAdd(ar, b0, c30); c31 = Avx512F.FusedMultiplyAdd(ar, b1, c31);
            ar = Vector512.Create(p4[q]); c40 = Avx512F.FusedMultiplyAdd(ar, b0, c40); c41 = Avx512F.FusedMultiplyAdd(ar, b1, c41);
            ar = Vector512.Create(p5[q]); c50 = Avx512F.FusedMultiplyAdd(ar, b0, c50); c51 = Avx512F.FusedMultiplyAdd(ar, b1, c51);
            ar = Vector512.Create(p6[q]); c60 = Avx512F.FusedMultiplyAdd(ar, b0, c60); c61 = Avx512F.FusedMultiplyAdd(ar, b1, c61);
            ar = Vector512.Create(p7[q]); c70 = Avx512F.FusedMultiplyAdd(ar, b0, c70); c71 = Avx512F.FusedMultiplyAdd(ar, b1, c71);
            ar = Vector512.Create(p8[q]); c80 = Avx512F.FusedMultiplyAdd(ar, b0, c80); c81 = Avx512F.FusedMultiplyAdd(ar, b1, c81);
            dyT += ldy;
        }
        Add(dwT + 0 * lddw, c00, c01);
        Add(dwT + 1 * lddw, c10, c11);
        Add(dwT + 2 * lddw, c20, c21);
        Add(dwT + 3 * lddw, c30, c31);
        Add(dwT + 4 * lddw, c40, c41);
        Add(dwT + 5 * lddw, c50, c51);
        Add(dwT + 6 * lddw, c60, c61);
        Add(dwT + 7 * lddw, c70, c71);
        Add(dwT + 8 * lddw, c80, c81);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(float* c, Vector512<float> x0, Vector512<float> x1)
    {
        (Vector512.Load(c) + x0).Store(c);
        (Vector512.Load(c + 16) + x1).Store(c + 16);
    }
}
