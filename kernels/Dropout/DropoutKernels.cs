using GpuAE.Kernels.Common;
using GpuAE.Kernels.Noise;
using ILGPU;
using ILGPU.Runtime;

namespace GpuAE.Kernels.Dropout;

/// <summary>
/// Inverted dropout as ILGPU kernels. Forward: one work-item per four elements (one Philox
/// block), element i dropped when ToUniform(Philox(i / 4, step, 0, 6; seed)[i % 4]) &lt; rate,
/// else scaled by keep = 1 / (1 - rate): the mask of <see cref="DropoutMask"/>, bit for bit.
/// Backward: dx = dy * mask.
/// </summary>
public static class DropoutKernels
{
    public static void Forward(ArrayView<float> x, ArrayView<float> y, ArrayView<float> mask, int n, float rate, float keep, uint key0, uint key1, uint step)
    {
        int block = Grid.GlobalIndex.X;
        if (block >= (n + 3) / 4) return;
        var (r0, r1, r2, r3) = Philox4x32.Generate((uint)block, step, 0u, 6u, key0, key1);
        for (int lane = 0; lane < 4; lane++)
        {
            int i = 4 * block + lane;
            if (i >= n) return;
            uint bits = lane == 0 ? r0 : (lane == 1 ? r1 : (lane == 2 ? r2 : r3));
            float kept = Philox4x32.ToUniform(bits) < rate ? 0.0f : keep;
            mask[i] = kept;
            y[i] = x[i] * kept;
        }
    }

    public static void Backward(ArrayView<float> dy, ArrayView<float> mask, ArrayView<float> dx, int n)
    {
        int i = Grid.GlobalIndex.X;
        if (i < n) dx[i] = dy[i] * mask[i];
    }
}

/// <summary>Launches the dropout kernels.</summary>
public sealed class DropoutLaunchers(KernelDevice device)
{
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float, float, uint, uint, uint>? _forward;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>? _backward;

    public void Forward(ArrayView<float> x, ArrayView<float> y, ArrayView<float> mask, int n, float rate, ulong seed, uint step) =>
        (_forward ??= device.Accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float, float, uint, uint, uint>(DropoutKernels.Forward))(
            device.Launch(), KernelDevice.Cover((n + 3L) / 4, 256), x, y, mask, n, rate, DropoutMask.Scale(rate), (uint)seed, (uint)(seed >> 32), step);

    public void Backward(ArrayView<float> dy, ArrayView<float> mask, ArrayView<float> dx, int n) =>
        (_backward ??= device.Accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(DropoutKernels.Backward))(
            device.Launch(), KernelDevice.Cover(n, 256), dy, mask, dx, n);
}
