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

    public override void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        DeviceBuffer a, DeviceBuffer b, float beta, DeviceBuffer c)
    {
        NonNegative(m, nameof(Gemm), "m"); NonNegative(n, nameof(Gemm), "n"); NonNegative(k, nameof(Gemm), "k");
        Need(a, (long)m * k, nameof(Gemm), "a"); Need(b, (long)k * n, nameof(Gemm), "b"); Need(c, (long)m * n, nameof(Gemm), "c");
        if (m == 0 || n == 0) return;
        // op(A)[i, p] = a[i * aRow + p * aCol]; op(B)[p, j] = b[p * bRow + j * bCol].
        int aRow = transposeA ? 1 : k, aCol = transposeA ? m : 1;
        int bRow = transposeB ? 1 : n, bCol = transposeB ? k : 1;
        Begin(nameof(Gemm), "m={0} n={1} k={2}", m, n, k);
        ReadOnlySpan<KernelArg> args = [m, n, k, alpha, a, aRow, aCol, b, bRow, bCol, beta, c];
        switch (Kernels["gemm"] ?? GemmVariants[0])
        {
            case "naive":
                Launch(Kernel(_gemmNaive), RoundUp(n, 16), RoundUp(m, 16), 16, 16, args);
                break;
            case "tiled":
                int tile = Tuning.GemmTile;
                Launch(Kernel(_gemmTiled), RoundUp(n, tile), RoundUp(m, tile), tile, tile, args);
                break;
            case "regblock":
                LaunchBlocked(_gemmRegblock, m, n, args);
                break;
            case "regblock-vec":
                LaunchBlocked(_gemmRegblockVec, m, n, args);
                break;
            default:
                throw new ArgumentException($"--kernels: unknown gemm variant '{Kernels["gemm"]}' for {Type} (have: {string.Join(", ", GemmVariants)})");
        }
    }

    private void LaunchBlocked(KernelSlot slot, int m, int n, ReadOnlySpan<KernelArg> args)
    {
        int blocksX = RoundUp(n, Tuning.GemmBlockN) / Tuning.GemmBlockN, blocksY = RoundUp(m, Tuning.GemmBlockM) / Tuning.GemmBlockM;
        Launch(Kernel(slot), blocksX * Tuning.GemmGroupX, blocksY * Tuning.GemmGroupY, Tuning.GemmGroupX, Tuning.GemmGroupY, args);
    }
}
