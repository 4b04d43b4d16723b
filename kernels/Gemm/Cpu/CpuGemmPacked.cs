using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace GpuAE.Kernels.Gemm;

/// <summary>
/// Cache-blocked, packed SGEMM in the BLIS/GotoBLAS style. Loops, outer to inner:
/// jc over NC columns of C; pc over KC of the shared dimension, packing a KC x NC panel of op(B)
/// (stays in L3 / L2); ic over MC rows, packing an MC x KC block of op(A) (stays in L2);
/// jr over NR, whose KC x NR sliver of B stays in L1/L2 while ir walks MR rows of A through the
/// register-tile micro-kernel. Packing absorbs the transposes and alpha, so NN/NT/TN/TT share
/// one kernel. Threads split C into disjoint chunks of rows or columns (whichever dimension has
/// more tiles), each blocking its chunk with its own pack buffers: no barriers, no sharing.
/// </summary>
internal static unsafe class CpuGemmPacked
{
    /// <summary>
    /// Shared-dimension block. Each K block costs one read-modify-write pass over C, so it is as
    /// large as the caches allow: the KC x 32 B sliver (48 KiB) sits in L1/L2 and the 12 x KC A
    /// sliver streams from L2, which on AVX-512 parts feeds far faster than the kernel consumes.
    /// Measured (2 x Zen 5, 48 KiB L1d, 1 MiB L2): 384, 320 and 256 within noise, 512 no better.
    /// </summary>
    public static readonly int KC = Tune(0, 384);

    /// <summary>Row block: an MC x KC block of A (384 KiB) stays in the 1 MiB L2 while it is reused for every B sliver.</summary>
    public static readonly int MC = Tune(1, 256);

    /// <summary>Column block: bounds the packed B panel (KC x NC, 4 MiB) to what the L3 holds comfortably.</summary>
    public static readonly int NC = Tune(2, 4096);

    /// <summary>Below this many multiply-adds one thread does the whole GEMM: the hand-off would cost more than it saves.</summary>
    public const long ParallelWork = 96 * 96 * 96;

    /// <summary>Blocking override for tuning experiments: GPUAE_GEMM_BLOCKING=KC,MC,NC (any prefix).</summary>
    private static int Tune(int index, int fallback)
    {
        var parts = Environment.GetEnvironmentVariable("GPUAE_GEMM_BLOCKING")?.Split(',');
        return parts != null && index < parts.Length && int.TryParse(parts[index], out int v) && v > 0 ? v : fallback;
    }

    /// <summary>C = alpha op(A) op(B) + beta C with kernel TK on up to maxThreads threads (k ≥ 1, m, n ≥ 1).</summary>
    public static void Run<TK>(bool transA, bool transB, int m, int n, int k, float alpha,
        float[] a, float[] b, float beta, float[] c, int maxThreads) where TK : struct, IGemmKernel
    {
        var args = new GemmArgs(transA, transB, m, n, k, alpha, a, b, beta, c);
        bool splitN = (n + TK.NR - 1) / TK.NR >= (m + TK.MR - 1) / TK.MR;
        int tiles = splitN ? (n + TK.NR - 1) / TK.NR : (m + TK.MR - 1) / TK.MR;
        int threads = (long)m * n * k < ParallelWork ? 1 : Math.Min(maxThreads, tiles);
        if (threads > 1 && TryRunOnTeam<TK>(args, splitN, tiles, threads)) return;
        Block<TK>(args, 0, m, 0, n);
    }

    /// <summary>Shares the GEMM with the thread team; false (nothing done) when the team is busy.</summary>
    private static bool TryRunOnTeam<TK>(in GemmArgs args, bool splitN, int tiles, int threads) where TK : struct, IGemmKernel
    {
        var team = CpuGemmTeam.Instance;
        threads = Math.Min(threads, team.Size);
        if (threads < 2 || !team.TryEnter()) return false;
        var job = TeamJob<TK>.Instance; // one per kernel, only touched while holding the team
        try
        {
            // One chunk per thread: every chunk repacks the operand the chunks share, and more
            // chunks measured slower. A helper that starts late still loses its chunk to the caller.
            job.Set(args, splitN, Math.Min(tiles, threads));
            team.Run(job, threads);
        }
        finally
        {
            job.Set(default, false, 0); // do not keep the caller's arrays alive
            team.Exit();
        }
        return true;
    }

    /// <summary>Computes rows [i0, i1) x columns [j0, j1) of C on the calling thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block<TK>(in GemmArgs g, int i0, int i1, int j0, int j1) where TK : struct, IGemmKernel
    {
        if (i1 <= i0 || j1 <= j0) return;
        int mr = TK.MR, nr = TK.NR;
        int kc0 = EvenBlock(g.K, KC, 1);
        int mc0 = EvenBlock(i1 - i0, MC, mr);
        int nc0 = EvenBlock(j1 - j0, NC, nr);
        var scratch = CpuGemmScratch.ForThisThread;
        float* ap = scratch.A(RoundUp(mc0, mr) * kc0);
        float* bp = scratch.B(RoundUp(nc0, nr) * kc0);
        fixed (float* a = g.A, b = g.B, c = g.C)
        {
            for (int jc = j0; jc < j1; jc += nc0)
            {
                int nc = Math.Min(nc0, j1 - jc);
                for (int pc = 0; pc < g.K; pc += kc0)
                {
                    int kc = Math.Min(kc0, g.K - pc);
                    CpuGemmPacking.PackB(b, g.TransB, g.N, g.K, pc, kc, jc, nc, nr, bp);
                    float beta = pc == 0 ? g.Beta : 1f;
                    for (int ic = i0; ic < i1; ic += mc0)
                    {
                        int mc = Math.Min(mc0, i1 - ic);
                        CpuGemmPacking.PackA(a, g.TransA, g.M, g.K, ic, mc, pc, kc, g.Alpha, mr, ap);
                        Macro<TK>(mc, nc, kc, ap, bp, c + (nint)ic * g.N + jc, g.N, beta);
                    }
                }
            }
        }
    }

    /// <summary>Runs the micro-kernel over one packed MC x KC block of A and KC x NC panel of B.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Macro<TK>(int mc, int nc, int kc, float* ap, float* bp, float* c, nint ldc, float beta)
        where TK : struct, IGemmKernel
    {
        int mr = TK.MR, nr = TK.NR;
        float* edge = stackalloc float[mr * nr];
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            float* b = bp + (nint)jr * kc;
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                float* a = ap + (nint)ir * kc;
                float* tile = c + ir * ldc + jr;
                if (rows == mr && cols == nr) TK.Tile(kc, a, b, tile, ldc, beta);
                else
                {
                    // Edge tile: full kernel into a scratch tile, then copy the part inside C.
                    TK.Tile(kc, a, b, edge, nr, 0f);
                    MergeEdge(edge, nr, tile, ldc, rows, cols, beta);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MergeEdge(float* edge, int nr, float* c, nint ldc, int rows, int cols, float beta)
    {
        for (int r = 0; r < rows; r++)
        {
            var from = new ReadOnlySpan<float>(edge + r * nr, cols);
            var to = new Span<float>(c + r * ldc, cols);
            if (beta == 0) from.CopyTo(to);
            else TensorPrimitives.MultiplyAdd(to, beta, from, to); // C = beta C + tile
        }
    }

    /// <summary>Splits total into equal blocks of at most max (rounded up to a multiple of unit) so no block is a sliver.</summary>
    private static int EvenBlock(int total, int max, int unit)
    {
        int blocks = (total + max - 1) / max;
        return RoundUp((total + blocks - 1) / blocks, unit);
    }

    private static int RoundUp(int x, int unit) => (x + unit - 1) / unit * unit;

    /// <summary>The operands of one GEMM call, as handed to every thread.</summary>
    internal readonly record struct GemmArgs(bool TransA, bool TransB, int M, int N, int K, float Alpha,
        float[] A, float[] B, float Beta, float[] C);

    /// <summary>The team's view of one GEMM: C cut into chunks of whole row or column tiles, taken in turn by whichever thread is free.</summary>
    private sealed class TeamJob<TK> : IGemmTeamJob where TK : struct, IGemmKernel
    {
        public static readonly TeamJob<TK> Instance = new();
        private GemmArgs _args;
        private bool _splitN;
        private int _chunks;
        private int _next;

        public void Set(GemmArgs args, bool splitN, int chunks) => (_args, _splitN, _chunks, _next) = (args, splitN, chunks, 0);

        public void Work()
        {
            int chunk;
            while ((chunk = Interlocked.Increment(ref _next) - 1) < _chunks)
            {
                var g = _args;
                if (_splitN)
                {
                    var (j0, j1) = Slab(g.N, TK.NR, chunk, _chunks);
                    Block<TK>(g, 0, g.M, j0, j1);
                }
                else
                {
                    var (i0, i1) = Slab(g.M, TK.MR, chunk, _chunks);
                    Block<TK>(g, i0, i1, 0, g.N);
                }
            }
        }

        /// <summary>Chunk p of parts of [0, length), cut on tile boundaries.</summary>
        private static (int, int) Slab(int length, int tile, int part, int parts)
        {
            int tiles = (length + tile - 1) / tile;
            int from = tiles * part / parts * tile, to = tiles * (part + 1) / parts * tile;
            return (Math.Min(from, length), Math.Min(to, length));
        }
    }
}
