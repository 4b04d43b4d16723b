namespace GpuAE.Compute.Kernels;

/// <summary>
/// Tuning parameters of the kernels, passed as -D defines when a program is built (CLBlast
/// style) and used by the host to size launches to match. One set per accelerator.
/// </summary>
public sealed record KernelTuning(
    int ElementwiseGroup = 256,
    int ReduceGroup = 256,
    int GemmTile = 16,
    int GemmBlockM = 64,
    int GemmBlockN = 64,
    int GemmBlockK = 16,
    int GemmItemM = 4,
    int GemmItemN = 4)
{
    public static readonly KernelTuning Default = new();

    /// <summary>
    /// For OpenCL CPU devices (PoCL): 8x8 outputs per work-item. Their compilers keep a
    /// work-item's registers in memory across barriers, so more work per barrier pays (about 2x
    /// on PoCL at 1024^3); GPUs keep the default, which yields more work-groups for small layers.
    /// </summary>
    public static readonly KernelTuning CpuDevice = new(GemmBlockM: 64, GemmBlockN: 128, GemmBlockK: 16, GemmItemM: 8, GemmItemN: 8);

    /// <summary>
    /// The default, shrunk for devices whose work-groups hold fewer than 256 items (some mobile
    /// and embedded GPUs): power-of-two groups, 8x8 GEMM tiles, 32x32 register blocks.
    /// </summary>
    public static KernelTuning ForMaxGroupSize(long maxGroupSize)
    {
        if (maxGroupSize <= 0 || maxGroupSize >= 256) return Default;
        int group = 1;
        while (group * 2 <= maxGroupSize) group *= 2;
        return maxGroupSize >= 64
            ? new KernelTuning(group, group, GemmTile: 8, GemmBlockM: 32, GemmBlockN: 32, GemmBlockK: 16, GemmItemM: 4, GemmItemN: 4)
            : new KernelTuning(group, group, GemmTile: 4, GemmBlockM: 16, GemmBlockN: 16, GemmBlockK: 8, GemmItemM: 4, GemmItemN: 4);
    }

    /// <summary>Work-group shape of the register-blocked GEMMs: (columns, rows) of work-items.</summary>
    public int GemmGroupX => GemmBlockN / GemmItemN;
    public int GemmGroupY => GemmBlockM / GemmItemM;

    /// <summary>Compiler defines, e.g. "-DREDUCE_WG=256 -DGEMM_TS=16 ...".</summary>
    public string Defines =>
        $"-DREDUCE_WG={ReduceGroup} -DGEMM_TS={GemmTile} -DGEMM_TM={GemmBlockM} -DGEMM_TN={GemmBlockN} " +
        $"-DGEMM_TK={GemmBlockK} -DGEMM_WM={GemmItemM} -DGEMM_WN={GemmItemN}";

    /// <summary>Rejects shapes the kernels cannot run (the reductions need a power of two, float4 loads need multiples of 4).</summary>
    public void Validate()
    {
        if (ReduceGroup <= 0 || (ReduceGroup & (ReduceGroup - 1)) != 0) throw new ArgumentException($"kernel tuning: ReduceGroup must be a power of two, got {ReduceGroup}");
        if (GemmBlockM % GemmItemM != 0 || GemmBlockN % GemmItemN != 0) throw new ArgumentException($"kernel tuning: GEMM block {GemmBlockM}x{GemmBlockN} is not a multiple of the per-item {GemmItemM}x{GemmItemN}");
        if (GemmBlockM % 4 != 0 || GemmBlockN % 4 != 0 || GemmBlockK % 4 != 0) throw new ArgumentException("kernel tuning: GEMM block sizes must be multiples of 4 (float4 loads)");
    }
}
