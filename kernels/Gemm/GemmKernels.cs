using ILGPU;

namespace GpuAE.Kernels.Gemm;

/// <summary>
/// SGEMM, C = alpha op(A) op(B) + beta C, row-major, as ILGPU kernels in numbered variants
/// (llm.c style, slowest first):
///   1 naive      one output per work-item, the definition;
///   2 tiled      16x16 tiles of op(A) and op(B) staged in shared memory, one output per item;
///   3 regblock   a BlockM x BlockN block of C per work-group, 4x4 outputs per work-item held in
///                registers, BlockK-deep tiles in shared memory (CLBlast's Xgemm shape), in two
///                tilings (64x64 and 32x32) so small layers still make enough groups;
///   cuBLAS       on CUDA, through GpuAE.Compute's CuBlasGemm (not a kernel here).
/// Transposition is passed as strides: op(A)[i, p] = a[i aRow + p aCol], op(B)[p, j] =
/// b[p bRow + j bCol], so one kernel serves NN, NT, TN and TT. Every load and store is guarded:
/// any m, n, k. beta == 0 overwrites C without reading it. Problems of a batched launch are
/// stacked along the grid's Y dimension (see <see cref="GemmArgs"/>).
/// </summary>
public static class GemmKernels
{
    public const int TiledEdge = 16;

    private static void Store(ArrayView<float> c, int at, float alpha, float sum, float beta) =>
        c[at] = beta == 0.0f ? alpha * sum : alpha * sum + beta * c[at];

    // ---- 1: naive -------------------------------------------------------------------------

    /// <summary>Grid (ceil(n / 16), rowBlocks x problems), groups 16 x 16.</summary>
    public static void Naive(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmArgs g)
    {
        int rowBlock = Grid.IdxY % g.RowBlocks, problem = Grid.IdxY / g.RowBlocks;
        int j = Grid.IdxX * Group.DimX + Group.IdxX, i = rowBlock * Group.DimY + Group.IdxY;
        if (i >= g.M || j >= g.N) return;
        int aStart = problem * g.ABatch, bStart = problem * g.BBatch;
        float sum = 0.0f;
        for (int p = 0; p < g.K; p++) sum = sum + a[aStart + i * g.ARow + p * g.ACol] * b[bStart + p * g.BRow + j * g.BCol];
        Store(c, problem * g.CBatch + i * g.N + j, g.Alpha, sum, g.Beta);
    }

    // ---- 2: shared-memory tiles -------------------------------------------------------------

    /// <summary>Grid (ceil(n / 16), rowBlocks x problems), groups 16 x 16.</summary>
    public static void Tiled(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmArgs g)
    {
        var at = SharedMemory.Allocate<float>(TiledEdge * TiledEdge);
        var bt = SharedMemory.Allocate<float>(TiledEdge * TiledEdge);
        int rowBlock = Grid.IdxY % g.RowBlocks, problem = Grid.IdxY / g.RowBlocks;
        int lx = Group.IdxX, ly = Group.IdxY;
        int j = Grid.IdxX * TiledEdge + lx, i = rowBlock * TiledEdge + ly;
        int aStart = problem * g.ABatch, bStart = problem * g.BBatch;
        float sum = 0.0f;
        for (int t = 0; t < g.K; t += TiledEdge)
        {
            at[ly * TiledEdge + lx] = i < g.M && t + lx < g.K ? a[aStart + i * g.ARow + (t + lx) * g.ACol] : 0.0f;
            bt[ly * TiledEdge + lx] = t + ly < g.K && j < g.N ? b[bStart + (t + ly) * g.BRow + j * g.BCol] : 0.0f;
            Group.Barrier();
            for (int q = 0; q < TiledEdge; q++) sum = sum + at[ly * TiledEdge + q] * bt[q * TiledEdge + lx];
            Group.Barrier();
        }
        if (i < g.M && j < g.N) Store(c, problem * g.CBatch + i * g.N + j, g.Alpha, sum, g.Beta);
    }

    // ---- 3: register blocks -----------------------------------------------------------------

    /// <summary>
    /// Grid (ceil(n / BlockN), rowBlocks x problems), groups (BlockN / 4, BlockM / 4). Item (tx, ty)
    /// owns rows ty + r RM and columns tx + s RN of the block (r, s in 0..3; RM = BlockM / 4,
    /// RN = BlockN / 4): strided, so neighbouring items read neighbouring shared-memory words.
    /// </summary>
    public static void RegisterBlocked<TTiling>(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmArgs g)
        where TTiling : struct, IGemmTiling
    {
        var at = SharedMemory.Allocate<float>(TTiling.BlockK * TTiling.BlockM);
        var bt = SharedMemory.Allocate<float>(TTiling.BlockK * TTiling.BlockN);
        int rm = TTiling.BlockM / 4, rn = TTiling.BlockN / 4, threads = rm * rn;
        int tx = Group.IdxX, ty = Group.IdxY, tid = ty * rn + tx;
        int rowBlock = Grid.IdxY % g.RowBlocks, problem = Grid.IdxY / g.RowBlocks;
        int i0 = rowBlock * TTiling.BlockM, j0 = Grid.IdxX * TTiling.BlockN;
        int aStart = problem * g.ABatch, bStart = problem * g.BBatch;
        var acc = default(Accumulator4x4);
        for (int t = 0; t < g.K; t += TTiling.BlockK)
        {
            // Stage op(A) [BlockM x BlockK] as at[p][i] and op(B) [BlockK x BlockN] as bt[p][j];
            // consecutive items walk each matrix's contiguous direction, so loads coalesce.
            for (int l = tid; l < TTiling.BlockM * TTiling.BlockK; l += threads)
            {
                int ii = g.ACol == 1 ? l / TTiling.BlockK : l % TTiling.BlockM;
                int pp = g.ACol == 1 ? l % TTiling.BlockK : l / TTiling.BlockM;
                int i = i0 + ii, p = t + pp;
                at[pp * TTiling.BlockM + ii] = i < g.M && p < g.K ? a[aStart + i * g.ARow + p * g.ACol] : 0.0f;
            }
            for (int l = tid; l < TTiling.BlockK * TTiling.BlockN; l += threads)
            {
                int jj = g.BCol == 1 ? l % TTiling.BlockN : l / TTiling.BlockK;
                int pp = g.BCol == 1 ? l / TTiling.BlockN : l % TTiling.BlockK;
                int p = t + pp, j = j0 + jj;
                bt[pp * TTiling.BlockN + jj] = p < g.K && j < g.N ? b[bStart + p * g.BRow + j * g.BCol] : 0.0f;
            }
            Group.Barrier();
            for (int q = 0; q < TTiling.BlockK; q++)
            {
                int ar = q * TTiling.BlockM + ty, br = q * TTiling.BlockN + tx;
                acc.Add(at[ar], at[ar + rm], at[ar + 2 * rm], at[ar + 3 * rm], bt[br], bt[br + rn], bt[br + 2 * rn], bt[br + 3 * rn]);
            }
            Group.Barrier();
        }
        int cStart = problem * g.CBatch;
        for (int r = 0; r < 4; r++)
        for (int s = 0; s < 4; s++)
        {
            int i = i0 + ty + r * rm, j = j0 + tx + s * rn;
            if (i < g.M && j < g.N) Store(c, cStart + i * g.N + j, g.Alpha, acc.Get(r, s), g.Beta);
        }
    }
}

/// <summary>
/// The shape of one (batched) GEMM launch: C_q = alpha op(A_q) op(B_q) + beta C_q for each
/// problem q, with op(A_q)[i, p] = a[q ABatch + i ARow + p ACol], op(B_q)[p, j] =
/// b[q BBatch + p BRow + j BCol], C_q dense [M, N] at c + q CBatch. RowBlocks = row blocks per problem.
/// </summary>
public readonly record struct GemmArgs(int M, int N, int K, float Alpha, float Beta,
    int ARow, int ACol, int ABatch, int BRow, int BCol, int BBatch, int CBatch, int RowBlocks);

/// <summary>A register-blocked GEMM's tile sizes, as compile-time constants (shared-memory sizes must be).</summary>
public interface IGemmTiling
{
    static abstract int BlockM { get; }
    static abstract int BlockN { get; }
    static abstract int BlockK { get; }
}

/// <summary>64 x 64 blocks, 16 deep, 256 items: the GPU default.</summary>
public struct Tiling64 : IGemmTiling
{
    public static int BlockM => 64;
    public static int BlockN => 64;
    public static int BlockK => 16;
}

/// <summary>32 x 32 blocks, 16 deep, 64 items: four times the groups for small outputs.</summary>
public struct Tiling32 : IGemmTiling
{
    public static int BlockM => 32;
    public static int BlockN => 32;
    public static int BlockK => 16;
}

/// <summary>A work-item's 4 x 4 outputs as sixteen fields, so they live in registers on every backend.</summary>
public struct Accumulator4x4
{
    private float _00, _01, _02, _03, _10, _11, _12, _13, _20, _21, _22, _23, _30, _31, _32, _33;

    public void Add(float a0, float a1, float a2, float a3, float b0, float b1, float b2, float b3)
    {
        _00 += a0 * b0; _01 += a0 * b1; _02 += a0 * b2; _03 += a0 * b3;
        _10 += a1 * b0; _11 += a1 * b1; _12 += a1 * b2; _13 += a1 * b3;
        _20 += a2 * b0; _21 += a2 * b1; _22 += a2 * b2; _23 += a2 * b3;
        _30 += a3 * b0; _31 += a3 * b1; _32 += a3 * b2; _33 += a3 * b3;
    }

    public readonly float Get(int r, int s) => r switch
    {
        0 => s == 0 ? _00 : s == 1 ? _01 : s == 2 ? _02 : _03,
        1 => s == 0 ? _10 : s == 1 ? _11 : s == 2 ? _12 : _13,
        2 => s == 0 ? _20 : s == 1 ? _21 : s == 2 ? _22 : _23,
        _ => s == 0 ? _30 : s == 1 ? _31 : s == 2 ? _32 : _33,
    };
}
