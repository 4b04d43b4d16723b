namespace GpuAE.Compute.Kernels;

public abstract partial class KernelAccelerator
{
    /// <summary>GEMM variants of kernels/gemm.cl, default (fastest verified) first.</summary>
    public static readonly IReadOnlyList<string> GemmVariants = ["regblock-vec", "regblock", "tiled", "naive"];

    private readonly KernelSlot _gemmNaive = new("gemm.cl", "gemm_naive");
    private readonly KernelSlot _gemmTiled = new("gemm.cl", "gemm_tiled");
    private readonly KernelSlot _gemmRegblock = new("gemm.cl", "gemm_regblock");
    private readonly KernelSlot _gemmRegblockVec = new("gemm.cl", "gemm_regblock_vec");

    public override IReadOnlyList<string> KernelVariants(string op) =>
        string.Equals(op, "gemm", StringComparison.OrdinalIgnoreCase) ? GemmVariants
        : string.Equals(op, "conv", StringComparison.OrdinalIgnoreCase) ? ConvVariants : [];

    protected override void GemmCore(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        DeviceBuffer a, DeviceBuffer b, float beta, DeviceBuffer c)
    {
        NonNegative(m, nameof(Gemm), "m"); NonNegative(n, nameof(Gemm), "n"); NonNegative(k, nameof(Gemm), "k");
        Need(a, (long)m * k, nameof(Gemm), "a"); Need(b, (long)k * n, nameof(Gemm), "b"); Need(c, (long)m * n, nameof(Gemm), "c");
        if (m == 0 || n == 0) return;
        // op(A)[i, p] = a[i * aRow + p * aCol]; op(B)[p, j] = b[p * bRow + j * bCol].
        int aRow = transposeA ? 1 : k, aCol = transposeA ? m : 1;
        int bRow = transposeB ? 1 : n, bCol = transposeB ? k : 1;
        Begin(nameof(Gemm), "m={0} n={1} k={2}", m, n, k);
        GemmStrided(1, m, n, k, alpha, a, aRow, aCol, 0, b, bRow, bCol, 0, beta, c);
    }

    /// <summary>
    /// `problems` GEMMs in one launch: C_q = alpha op(A_q) op(B_q) + beta C_q for q in [0, problems),
    /// op(A_q)[i, p] = a[q aBatch + i aRow + p aCol], op(B_q)[p, j] = b[q bBatch + p bRow + j bCol],
    /// C_q dense [m, n] at c + q m n. The caller has checked the buffers. variant overrides the
    /// selected GEMM variant (conv picks one per shape).
    /// </summary>
    private void GemmStrided(int problems, int m, int n, int k, float alpha, DeviceBuffer a, int aRow, int aCol, int aBatch,
        DeviceBuffer b, int bRow, int bCol, int bBatch, float beta, DeviceBuffer c, string? variant = null)
    {
        int cBatch = m * n;
        switch (variant ?? Kernels["gemm"] ?? GemmVariants[0])
        {
            case "naive":
                LaunchGemm(_gemmNaive, problems, m, n, 16, 16, 16, 16, a, aRow, aCol, aBatch, b, bRow, bCol, bBatch, alpha, beta, c, cBatch, k);
                break;
            case "tiled":
                int tile = Tuning.GemmTile;
                LaunchGemm(_gemmTiled, problems, m, n, tile, tile, tile, tile, a, aRow, aCol, aBatch, b, bRow, bCol, bBatch, alpha, beta, c, cBatch, k);
                break;
            case "regblock":
                LaunchGemm(_gemmRegblock, problems, m, n, Tuning.GemmBlockM, Tuning.GemmBlockN, Tuning.GemmGroupX, Tuning.GemmGroupY,
                    a, aRow, aCol, aBatch, b, bRow, bCol, bBatch, alpha, beta, c, cBatch, k);
                break;
            case "regblock-vec":
                LaunchGemm(_gemmRegblockVec, problems, m, n, Tuning.GemmBlockM, Tuning.GemmBlockN, Tuning.GemmGroupX, Tuning.GemmGroupY,
                    a, aRow, aCol, aBatch, b, bRow, bCol, bBatch, alpha, beta, c, cBatch, k);
                break;
            default:
                throw new ArgumentException($"--kernels: unknown gemm variant '{Kernels["gemm"]}' for {Type} (have: {string.Join(", ", GemmVariants)})");
        }
    }

    /// <summary>Blocks of blockM x blockN outputs, one work-group of groupX x groupY items each; the problems stacked along dimension 1.</summary>
    private void LaunchGemm(KernelSlot slot, int problems, int m, int n, int blockM, int blockN, int groupX, int groupY,
        DeviceBuffer a, int aRow, int aCol, int aBatch, DeviceBuffer b, int bRow, int bCol, int bBatch, float alpha, float beta, DeviceBuffer c, int cBatch, int k)
    {
        int blocksX = RoundUp(n, blockN) / blockN, rowBlocks = RoundUp(m, blockM) / blockM;
        long rows = (long)rowBlocks * problems * groupY;
        if (rows > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(problems), $"{CurrentOperation}: {problems} problems do not fit one launch");
        Launch(Kernel(slot), blocksX * groupX, (int)rows, groupX, groupY,
            [m, n, k, alpha, a, aRow, aCol, b, bRow, bCol, beta, c, rowBlocks, aBatch, bBatch, cBatch]);
    }
}
