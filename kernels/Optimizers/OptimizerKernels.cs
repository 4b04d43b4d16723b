using GpuAE.Kernels.Common;
using ILGPU;
using ILGPU.Runtime;

namespace GpuAE.Kernels.Optimizers;

/// <summary>
/// The optimizer steps as ILGPU kernels, one work-item per parameter, with the operations of
/// CpuOptimizers in their order: Sgd (momentum, weight decay), Adam (bias corrections c1, c2
/// computed on the host), Adadelta. The ...Many kernels run the same step over up to 16 tensors
/// in one launch (<see cref="TensorSlots"/>): a network's whole update in one or two launches
/// instead of one per weight and bias tensor.
/// </summary>
public static class OptimizerKernels
{
    public static void SgdMany(TensorSlots slots, float learningRate, float momentum, float weightDecay)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= slots.Total) return;
        var t = slots.Locate(i, out int j);
        float step = momentum * t.A[j] + t.G[j] + weightDecay * t.W[j];
        t.A[j] = step;
        t.W[j] = t.W[j] - learningRate * step;
    }

    public static void AdamMany(TensorSlots slots, AdamConstants k)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= slots.Total) return;
        var t = slots.Locate(i, out int j);
        float gi = t.G[j];
        float mi = k.Beta1 * t.A[j] + (1.0f - k.Beta1) * gi;
        float vi = k.Beta2 * t.B[j] + (1.0f - k.Beta2) * gi * gi;
        t.A[j] = mi;
        t.B[j] = vi;
        t.W[j] = t.W[j] - k.LearningRate * (mi / k.C1) / (MathF.Sqrt(vi / k.C2) + k.Epsilon);
    }

    public static void AdadeltaMany(TensorSlots slots, float learningRate, float rho, float epsilon)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= slots.Total) return;
        var t = slots.Locate(i, out int j);
        float gi = t.G[j];
        float sgi = rho * t.A[j] + (1.0f - rho) * gi * gi;
        float delta = MathF.Sqrt(t.B[j] + epsilon) / MathF.Sqrt(sgi + epsilon) * gi;
        t.A[j] = sgi;
        t.B[j] = rho * t.B[j] + (1.0f - rho) * delta * delta;
        t.W[j] = t.W[j] - learningRate * delta;
    }

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

    private Action<AcceleratorStream, KernelConfig, TensorSlots, float, float, float>? _sgdMany, _adadeltaMany;
    private Action<AcceleratorStream, KernelConfig, TensorSlots, AdamConstants>? _adamMany;

    public void SgdMany(TensorSlots slots, float learningRate, float momentum, float weightDecay) =>
        (_sgdMany ??= device.Accelerator.LoadKernel<TensorSlots, float, float, float>(OptimizerKernels.SgdMany))(
            device.Launch(), KernelDevice.Cover(slots.Total, Group), slots, learningRate, momentum, weightDecay);

    public void AdamMany(TensorSlots slots, AdamConstants constants) =>
        (_adamMany ??= device.Accelerator.LoadKernel<TensorSlots, AdamConstants>(OptimizerKernels.AdamMany))(
            device.Launch(), KernelDevice.Cover(slots.Total, Group), slots, constants);

    public void AdadeltaMany(TensorSlots slots, float learningRate, float rho, float epsilon) =>
        (_adadeltaMany ??= device.Accelerator.LoadKernel<TensorSlots, float, float, float>(OptimizerKernels.AdadeltaMany))(
            device.Launch(), KernelDevice.Cover(slots.Total, Group), slots, learningRate, rho, epsilon);

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
