using GpuAE.Kernels.Common;
using ILGPU;
using ILGPU.Runtime;

namespace GpuAE.Kernels.Gemm;

/// <summary>One GEMM implementation: `problems` problems of the shape g (see <see cref="GemmArgs"/>).</summary>
public delegate void GemmLaunch(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, in GemmArgs g, int problems);

/// <summary>A named GEMM implementation (`--kernels gemm=NAME`).</summary>
public sealed record GemmVariant(string Name, GemmLaunch Launch);

/// <summary>
/// Launches the GEMM kernels of <see cref="GemmKernels"/> on a device, and lists them as
/// variants (slowest first; the accelerator picks its default, cuBLAS where present).
/// </summary>
public sealed class GemmLaunchers(KernelDevice device)
{
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmArgs>? _naive, _tiled, _block64, _block32;

    /// <summary>The kernel variants, numbered as in GemmKernels.</summary>
    public IReadOnlyList<GemmVariant> Variants =>
    [
        new("naive", Naive),
        new("tiled", Tiled),
        new("regblock-32", RegisterBlocked32),
        new("regblock", RegisterBlocked64),
    ];

    /// <summary>Problem q of a batched launch; one problem has row blocks = ceil(m / blockM) and batch strides 0.</summary>
    public static GemmArgs Args(bool transposeA, bool transposeB, int m, int n, int k, float alpha, float beta) =>
        new(m, n, k, alpha, beta,
            ARow: transposeA ? 1 : k, ACol: transposeA ? m : 1, ABatch: 0,
            BRow: transposeB ? 1 : n, BCol: transposeB ? k : 1, BBatch: 0, CBatch: m * n, RowBlocks: 0);

    public void Naive(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, in GemmArgs g, int problems) =>
        Launch(ref _naive, GemmKernels.Naive, 16, 16, 16, 16, a, b, c, g, problems);

    public void Tiled(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, in GemmArgs g, int problems) =>
        Launch(ref _tiled, GemmKernels.Tiled, GemmKernels.TiledEdge, GemmKernels.TiledEdge, GemmKernels.TiledEdge, GemmKernels.TiledEdge, a, b, c, g, problems);

    public void RegisterBlocked64(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, in GemmArgs g, int problems) =>
        Launch(ref _block64, GemmKernels.RegisterBlocked<Tiling64>, Tiling64.BlockM, Tiling64.BlockN, Tiling64.BlockN / 4, Tiling64.BlockM / 4, a, b, c, g, problems);

    public void RegisterBlocked32(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, in GemmArgs g, int problems) =>
        Launch(ref _block32, GemmKernels.RegisterBlocked<Tiling32>, Tiling32.BlockM, Tiling32.BlockN, Tiling32.BlockN / 4, Tiling32.BlockM / 4, a, b, c, g, problems);

    /// <summary>Blocks of blockM x blockN outputs, one group of groupX x groupY items each; the problems stacked along Y.</summary>
    private void Launch(ref Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmArgs>? kernel,
        Action<ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmArgs> method, int blockM, int blockN, int groupX, int groupY,
        ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, in GemmArgs g, int problems)
    {
        int rowBlocks = (g.M + blockM - 1) / blockM, columnBlocks = (g.N + blockN - 1) / blockN;
        long rows = (long)rowBlocks * problems;
        if (rows > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(problems), $"gemm: {problems} problems of {g.M} rows do not fit one launch");
        kernel ??= device.Accelerator.LoadKernel(method);
        kernel(device.Launch(), new KernelConfig(new Index2D(columnBlocks, (int)rows), new Index2D(groupX, groupY)), a, b, c, g with { RowBlocks = rowBlocks });
    }
}
