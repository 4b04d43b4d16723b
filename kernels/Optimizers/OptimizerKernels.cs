using GpuAE.Kernels.Common;
using ILGPU;
using ILGPU.Runtime;

namespace GpuAE.Kernels.Optimizers;

/// <summary>
/// The optimizer steps as ILGPU kernels, one work-item per parameter, with the operations of
/// CpuOptimizers in their order: Sgd (momentum, weight decay), Adam (bias corrections c1, c2
/// computed on the host), Adadelta.
/// </summary>
public static class OptimizerKernels
{
    public static void Sgd(ArrayView<float> w, ArrayView<float> g, ArrayView<float> v, int n, float learningRate, float momentum, float weightDecay)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= n) return;
        float step = momentum * v[i] + g[i] + weightDecay * w[i];
        v[i] = step;
        w[i] = w[i] - learningRate * step;
    }

    public static void Adam(ArrayView<float> w, ArrayView<float> g, ArrayView<float> m, ArrayView<float> v, int n,
        AdamConstants k)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= n) return;
        float gi = g[i];
        float mi = k.Beta1 * m[i] + (1.0f - k.Beta1) * gi;
        float vi = k.Beta2 * v[i] + (1.0f - k.Beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        w[i] = w[i] - k.LearningRate * (mi / k.C1) / (MathF.Sqrt(vi / k.C2) + k.Epsilon);
    }

    public static void Adadelta(ArrayView<float> w, ArrayView<float> g, ArrayView<float> sg, ArrayView<float> su, int n,
        float learningRate, float rho, float epsilon)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= n) return;
        float gi = g[i];
        float sgi = rho * sg[i] + (1.0f - rho) * gi * gi;
        float delta = MathF.Sqrt(su[i] + epsilon) / MathF.Sqrt(sgi + epsilon) * gi;
        sg[i] = sgi;
        su[i] = rho * su[i] + (1.0f - rho) * delta * delta;
        w[i] = w[i] - learningRate * delta;
    }
}

/// <summary>Adam's scalars in one kernel argument.</summary>
public readonly record struct AdamConstants(float LearningRate, float Beta1, float Beta2, float Epsilon, float C1, float C2);

/// <summary>Launches the optimizer kernels.</summary>
public sealed class OptimizerLaunchers(KernelDevice device)
{
    private const int Group = 256;

    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float, float, float>? _sgd;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, AdamConstants>? _adam;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float, float, float>? _adadelta;

    public void Sgd(ArrayView<float> w, ArrayView<float> g, ArrayView<float> v, int n, float learningRate, float momentum, float weightDecay) =>
        (_sgd ??= device.Accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float, float, float>(OptimizerKernels.Sgd))(
            device.Launch(), KernelDevice.Cover(n, Group), w, g, v, n, learningRate, momentum, weightDecay);

    public void Adam(ArrayView<float> w, ArrayView<float> g, ArrayView<float> m, ArrayView<float> v, int n, AdamConstants constants) =>
        (_adam ??= device.Accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, AdamConstants>(OptimizerKernels.Adam))(
            device.Launch(), KernelDevice.Cover(n, Group), w, g, m, v, n, constants);

    public void Adadelta(ArrayView<float> w, ArrayView<float> g, ArrayView<float> sg, ArrayView<float> su, int n, float learningRate, float rho, float epsilon) =>
        (_adadelta ??= device.Accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float, float, float>(OptimizerKernels.Adadelta))(
            device.Launch(), KernelDevice.Cover(n, Group), w, g, sg, su, n, learningRate, rho, epsilon);
}
