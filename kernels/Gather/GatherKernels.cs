using GpuAE.Kernels.Common;
using ILGPU;
using ILGPU.Runtime;

namespace GpuAE.Kernels.Gather;

/// <summary>
/// GatherRows as an ILGPU kernel: one work-item per element written. Row r of the output is row
/// order[start + r] of the source, the index held as a float (exact up to 2^24); an index that
/// is not a whole number inside the source writes a row of NaN, the same on every device
/// (GatherReference). Semantics: GpuAE.Compute's Accelerator.Ops.cs.
/// </summary>
public static class GatherKernels
{
    public static void GatherRows(ArrayView<float> source, ArrayView<float> order, ArrayView<float> destination, GatherLaunch a)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= a.Rows * a.Cols) return;
        int r = i / a.Cols, c = i - r * a.Cols;
        float index = order[a.Start + r];
        int row = (int)index;
        destination[i] = GatherReference.IsRow(index, a.SourceRows) ? source[row * a.Cols + c] : float.NaN;
    }
}

/// <summary>The scalars of one GatherRows launch.</summary>
public readonly record struct GatherLaunch(int SourceRows, int Cols, int Start, int Rows);

/// <summary>Launches the gather kernel (loaded on first use).</summary>
public sealed class GatherLaunchers(KernelDevice device)
{
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, GatherLaunch>? _gatherRows;

    public void GatherRows(ArrayView<float> source, int sourceRows, int cols, ArrayView<float> order, int start, int rows, ArrayView<float> destination) =>
        (_gatherRows ??= device.Accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, GatherLaunch>(GatherKernels.GatherRows))(
            device.Launch(), KernelDevice.Cover((long)rows * cols, 256), source, order, destination, new GatherLaunch(sourceRows, cols, start, rows));
}
