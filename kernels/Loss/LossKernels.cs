using GpuAE.Kernels.Common;
using ILGPU;
using ILGPU.Runtime;

namespace GpuAE.Kernels.Loss;

/// <summary>
/// The losses as ILGPU kernels, one work-group of GroupReduce.Size items per row: the gradient
/// element-wise, the row's loss by a deterministic tree sum.
///   Mse, BceWithLogits, SoftmaxCrossEntropy, and AccumulateSum (one group: each item sums a
///   fixed stride with Kahan compensation, then a tree sum; no atomics).
/// </summary>
public static class LossKernels
{
    /// <summary>rowLoss[r] = sum_c (p - t)^2; grad = scale 2 (p - t).</summary>
    public static void Mse(ArrayView<float> p, ArrayView<float> t, ArrayView<float> grad, ArrayView<float> rowLoss, int cols, float scale)
    {
        var scratch = GroupReduce.Scratch();
        int row = Grid.IdxX, lid = Group.IdxX, start = row * cols;
        float sum = 0.0f;
        for (int c = lid; c < cols; c += GroupReduce.Size)
        {
            float d = p[start + c] - t[start + c];
            sum = sum + d * d;
            grad[start + c] = scale * 2.0f * d;
        }
        sum = GroupReduce.Sum(scratch, sum);
        if (lid == 0) rowLoss[row] = sum;
    }

    /// <summary>rowLoss[r] = sum_c max(z,0) - z t + log(1 + exp(-|z|)); grad = scale (sigmoid(z) - t).</summary>
    public static void BceWithLogits(ArrayView<float> z, ArrayView<float> t, ArrayView<float> grad, ArrayView<float> rowLoss, int cols, float scale)
    {
        var scratch = GroupReduce.Scratch();
        int row = Grid.IdxX, lid = Group.IdxX, start = row * cols;
        float sum = 0.0f;
        for (int c = lid; c < cols; c += GroupReduce.Size)
        {
            float zi = z[start + c], ti = t[start + c];
            sum = sum + (MathF.Max(zi, 0.0f) - zi * ti + MathF.Log(1.0f + MathF.Exp(-MathF.Abs(zi))));
            grad[start + c] = scale * (DeviceMath.Sigmoid(zi) - ti);
        }
        sum = GroupReduce.Sum(scratch, sum);
        if (lid == 0) rowLoss[row] = sum;
    }

    /// <summary>rowLoss[r] = -log softmax(z)[label] (NaN for a label outside [0, classes)); grad = scale (softmax(z) - onehot).</summary>
    public static void SoftmaxCrossEntropy(ArrayView<float> z, ArrayView<float> labels, ArrayView<float> grad, ArrayView<float> rowLoss, int classes, float scale)
    {
        var scratch = GroupReduce.Scratch();
        int row = Grid.IdxX, lid = Group.IdxX, start = row * classes;
        float top = float.NegativeInfinity;
        for (int c = lid; c < classes; c += GroupReduce.Size) top = MathF.Max(top, z[start + c]);
        top = GroupReduce.Max(scratch, top);
        float sum = 0.0f;
        for (int c = lid; c < classes; c += GroupReduce.Size) sum = sum + MathF.Exp(z[start + c] - top);
        sum = GroupReduce.Sum(scratch, sum);
        int label = (int)labels[row];
        for (int c = lid; c < classes; c += GroupReduce.Size)
            grad[start + c] = scale * (MathF.Exp(z[start + c] - top) / sum - (c == label ? 1.0f : 0.0f));
        bool valid = label >= 0 && label < classes;
        if (lid == 0) rowLoss[row] = valid ? MathF.Log(sum) + top - z[start + label] : float.NaN;
    }

    /// <summary>total[index] += sum of values[0..n).</summary>
    public static void AccumulateSum(ArrayView<float> values, int n, ArrayView<float> total, int index)
    {
        var scratch = GroupReduce.Scratch();
        int lid = Group.IdxX;
        float sum = 0.0f, compensation = 0.0f;
        for (int i = lid; i < n; i += GroupReduce.Size)
        {
            float y = values[i] - compensation;
            float t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
        }
        sum = GroupReduce.Sum(scratch, sum);
        if (lid == 0) total[index] = total[index] + sum;
    }
}

/// <summary>Launches the loss kernels: one group per row.</summary>
public sealed class LossLaunchers(KernelDevice device)
{
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float>? _mse, _bce, _softmax;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, int, ArrayView<float>, int>? _accumulate;

    private Accelerator Acc => device.Accelerator;

    private static KernelConfig PerRow(int rows) => new(rows, GroupReduce.Size);

    public void Mse(ArrayView<float> p, ArrayView<float> t, ArrayView<float> grad, ArrayView<float> rowLoss, int rows, int cols, float scale) =>
        (_mse ??= Load(LossKernels.Mse))(device.Launch(), PerRow(rows), p, t, grad, rowLoss, cols, scale);

    public void BceWithLogits(ArrayView<float> z, ArrayView<float> t, ArrayView<float> grad, ArrayView<float> rowLoss, int rows, int cols, float scale) =>
        (_bce ??= Load(LossKernels.BceWithLogits))(device.Launch(), PerRow(rows), z, t, grad, rowLoss, cols, scale);

    public void SoftmaxCrossEntropy(ArrayView<float> z, ArrayView<float> labels, ArrayView<float> grad, ArrayView<float> rowLoss, int rows, int classes, float scale) =>
        (_softmax ??= Load(LossKernels.SoftmaxCrossEntropy))(device.Launch(), PerRow(rows), z, labels, grad, rowLoss, classes, scale);

    public void AccumulateSum(ArrayView<float> values, int n, ArrayView<float> total, int index) =>
        (_accumulate ??= Acc.LoadKernel<ArrayView<float>, int, ArrayView<float>, int>(LossKernels.AccumulateSum))(device.Launch(), PerRow(1), values, n, total, index);

    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float> Load(
        Action<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float> kernel) =>
        Acc.LoadKernel(kernel);
}
