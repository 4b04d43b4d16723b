using GpuAE.Kernels.Common;
using ILGPU;
using ILGPU.Runtime;

namespace GpuAE.Kernels.Elementwise;

/// <summary>
/// Element-wise ops as ILGPU kernels, one work-item per element (a group per 16 columns for SumRows):
///   Fill, AddRowVector, SumRows (16 row lanes per column, added in a fixed order), Axpy,
///   ActivationForward, ActivationBackward.
/// Copy needs no kernel (a device memcpy). Semantics: GpuAE.Compute's Accelerator.Ops.cs.
/// </summary>
public static class ElementwiseKernels
{
    public static void Fill(ArrayView<float> x, int n, float value)
    {
        int i = Grid.GlobalIndex.X;
        if (i < n) x[i] = value;
    }

    /// <summary>y[r, c] += bias[c] over a [rows, cols] matrix of `total` elements.</summary>
    public static void AddRowVector(ArrayView<float> y, ArrayView<float> bias, int total, int cols)
    {
        int i = Grid.GlobalIndex.X;
        if (i < total) y[i] = y[i] + bias[i % cols];
    }

    /// <summary>sums[c] = beta sums[c] + sum_r x[r, c].</summary>
    /// <summary>Columns and row lanes of one SumRows group (SumRowsColumns x SumRowsLanes items).</summary>
    public const int SumRowsColumns = 16, SumRowsLanes = 16;

    /// <summary>
    /// sums[c] = beta sums[c] + sum over rows of x[r, c]. A group takes 16 columns; its 16 lanes
    /// add every 16th row, then lane 0 adds the lane sums in order: deterministic, and 16 times
    /// shorter than one item per column walking every row (a bias gradient at batch 1024 took
    /// that long chain on a few SMs).
    /// </summary>
    public static void SumRows(ArrayView<float> x, ArrayView<float> sums, int rows, int cols, float beta)
    {
        var scratch = SharedMemory.Allocate<float>(SumRowsColumns * SumRowsLanes);
        int lid = Group.IdxX, c = Grid.IdxX * SumRowsColumns + lid % SumRowsColumns, lane = lid / SumRowsColumns;
        float s = 0.0f;
        if (c < cols)
            for (int r = lane; r < rows; r += SumRowsLanes) s = s + x[r * cols + c];
        scratch[lid] = s;
        Group.Barrier();
        if (lane == 0 && c < cols)
        {
            float total = beta == 0.0f ? 0.0f : (beta == 1.0f ? sums[c] : beta * sums[c]);
            for (int l = 0; l < SumRowsLanes; l++) total = total + scratch[l * SumRowsColumns + lid];
            sums[c] = total;
        }
    }

    public static void Axpy(ArrayView<float> x, ArrayView<float> y, int n, float alpha)
    {
        int i = Grid.GlobalIndex.X;
        if (i < n) y[i] = y[i] + alpha * x[i];
    }

    /// <summary>y = f(x); kind is an ActivationKind number.</summary>
    public static void ActivationForward(int kind, float alpha, ArrayView<float> x, ArrayView<float> y, int n)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= n) return;
        y[i] = Activate(kind, alpha, x[i]);
    }

    /// <summary>f(v) for an ActivationKind number (also the conv bias epilogue's activation).</summary>
    public static float Activate(int kind, float alpha, float v)
    {
        if (kind == (int)ActivationKind.Sigmoid) return DeviceMath.Sigmoid(v);
        if (kind == (int)ActivationKind.Relu) return v > 0.0f ? v : 0.0f;
        if (kind == (int)ActivationKind.LeakyRelu) return v > 0.0f ? v : alpha * v;
        if (kind == (int)ActivationKind.Tanh) return DeviceMath.Tanh(v);
        return v;
    }

    /// <summary>dx = dy f'(x), f' written in terms of the forward output y.</summary>
    public static void ActivationBackward(int kind, float alpha, ArrayView<float> y, ArrayView<float> dy, ArrayView<float> dx, int n)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= n) return;
        dx[i] = Derivative(kind, alpha, y[i], dy[i]);
    }

    /// <summary>g f'(x) from the output y = f(x), for an ActivationKind number (also a pool's activation gate).</summary>
    public static float Derivative(int kind, float alpha, float y, float g)
    {
        if (kind == (int)ActivationKind.Sigmoid) return g * y * (1.0f - y);
        if (kind == (int)ActivationKind.Relu) return y > 0.0f ? g : 0.0f;
        if (kind == (int)ActivationKind.LeakyRelu) return y > 0.0f ? g : alpha * g;
        if (kind == (int)ActivationKind.Tanh) return g * (1.0f - y * y);
        return g;
    }
}

/// <summary>Launches the element-wise kernels on a device (each loaded on first use).</summary>
public sealed class ElementwiseLaunchers(KernelDevice device)
{
    private const int Group = 256;

    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, int, float>? _fill;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, int, int>? _addRowVector;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, int, int, float>? _sumRows;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, int, float>? _axpy;
    private Action<AcceleratorStream, KernelConfig, int, float, ArrayView<float>, ArrayView<float>, int>? _activationForward;
    private Action<AcceleratorStream, KernelConfig, int, float, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>? _activationBackward;

    private Accelerator Acc => device.Accelerator;

    public void Fill(ArrayView<float> x, int n, float value) =>
        (_fill ??= Acc.LoadKernel<ArrayView<float>, int, float>(ElementwiseKernels.Fill))(device.Launch(), KernelDevice.Cover(n, Group), x, n, value);

    public void Copy(ArrayView<float> source, ArrayView<float> destination) => source.CopyTo(device.Stream, destination);

    public void AddRowVector(ArrayView<float> y, ArrayView<float> bias, int rows, int cols) =>
        (_addRowVector ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, int, int>(ElementwiseKernels.AddRowVector))(
            device.Launch(), KernelDevice.Cover((long)rows * cols, Group), y, bias, rows * cols, cols);

    public void SumRows(ArrayView<float> x, ArrayView<float> sums, int rows, int cols, float beta) =>
        (_sumRows ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, int, int, float>(ElementwiseKernels.SumRows))(
            device.Launch(), new KernelConfig((cols + ElementwiseKernels.SumRowsColumns - 1) / ElementwiseKernels.SumRowsColumns, ElementwiseKernels.SumRowsColumns * ElementwiseKernels.SumRowsLanes), x, sums, rows, cols, beta);

    public void Axpy(ArrayView<float> x, ArrayView<float> y, int n, float alpha) =>
        (_axpy ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, int, float>(ElementwiseKernels.Axpy))(
            device.Launch(), KernelDevice.Cover(n, Group), x, y, n, alpha);

    public void ActivationForward(ActivationKind kind, float alpha, ArrayView<float> x, ArrayView<float> y, int n) =>
        (_activationForward ??= Acc.LoadKernel<int, float, ArrayView<float>, ArrayView<float>, int>(ElementwiseKernels.ActivationForward))(
            device.Launch(), KernelDevice.Cover(n, Group), (int)kind, alpha, x, y, n);

    public void ActivationBackward(ActivationKind kind, float alpha, ArrayView<float> y, ArrayView<float> dy, ArrayView<float> dx, int n) =>
        (_activationBackward ??= Acc.LoadKernel<int, float, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(ElementwiseKernels.ActivationBackward))(
            device.Launch(), KernelDevice.Cover(n, Group), (int)kind, alpha, y, dy, dx, n);
}
