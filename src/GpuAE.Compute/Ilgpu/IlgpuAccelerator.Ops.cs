using GpuAE.Compute.Tuning;
using GpuAE.Kernels.Gemm;
using GpuAE.Kernels.Optimizers;

namespace GpuAE.Compute.Ilgpu;

/// <summary>The dense ops: each a launch of a kernel family's launcher (arguments were checked by the base class).</summary>
public sealed partial class IlgpuAccelerator
{
    protected override void FillCore(DeviceBuffer x, int n, float value) => _elementwise.Fill(V(x), n, value);

    protected override void CopyCore(DeviceBuffer source, int sourceOffset, DeviceBuffer destination, int destinationOffset, int n) =>
        _elementwise.Copy(V(source, sourceOffset, n), V(destination, destinationOffset, n));

    protected override void GatherRowsCore(DeviceBuffer source, int sourceRows, int cols, DeviceBuffer order, int start, int rows, DeviceBuffer destination) =>
        _gather.GatherRows(V(source), sourceRows, cols, V(order), start, rows, V(destination));

    protected override void GemmCore(bool transposeA, bool transposeB, int m, int n, int k, float alpha, DeviceBuffer a, DeviceBuffer b, float beta, DeviceBuffer c)
    {
        var variant = Kernels.For(ShapeKey.Gemm(transposeA, transposeB, m, n, k)) is string name ? Named(_gemmByName, name, "gemm") : DefaultGemm(m, n);
        variant.Launch(V(a), V(b), V(c), GemmLaunchers.Args(transposeA, transposeB, m, n, k, alpha, beta), 1);
    }

    protected override void AddRowVectorCore(DeviceBuffer y, DeviceBuffer bias, int rows, int cols) => _elementwise.AddRowVector(V(y), V(bias), rows, cols);

    protected override void SumRowsCore(DeviceBuffer x, DeviceBuffer sums, int rows, int cols, float beta) => _elementwise.SumRows(V(x), V(sums), rows, cols, beta);

    protected override void AxpyCore(DeviceBuffer x, DeviceBuffer y, int n, float alpha) => _elementwise.Axpy(V(x), V(y), n, alpha);

    protected override void ActivationForwardCore(ActivationKind kind, float alpha, DeviceBuffer x, DeviceBuffer y, int n) =>
        _elementwise.ActivationForward(kind, alpha, V(x), V(y), n);

    protected override void ActivationBackwardCore(ActivationKind kind, float alpha, DeviceBuffer y, DeviceBuffer dy, DeviceBuffer dx, int n) =>
        _elementwise.ActivationBackward(kind, alpha, V(y), V(dy), V(dx), n);

    protected override void MseLossCore(DeviceBuffer prediction, DeviceBuffer target, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int cols, float scale) =>
        _loss.Mse(V(prediction), V(target), V(gradient), V(rowLoss), rows, cols, scale);

    protected override void BceWithLogitsLossCore(DeviceBuffer logits, DeviceBuffer target, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int cols, float scale) =>
        _loss.BceWithLogits(V(logits), V(target), V(gradient), V(rowLoss), rows, cols, scale);

    protected override void SoftmaxCrossEntropyLossCore(DeviceBuffer logits, DeviceBuffer labels, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int classes, float scale) =>
        _loss.SoftmaxCrossEntropy(V(logits), V(labels), V(gradient), V(rowLoss), rows, classes, scale);

    protected override void AccumulateSumCore(DeviceBuffer values, int n, DeviceBuffer total, int index) => _loss.AccumulateSum(V(values), n, V(total), index);

    protected override void SgdUpdateCore(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer velocity, int n, float learningRate, float momentum, float weightDecay) =>
        _optimizers.Sgd(V(weights), V(gradient), V(velocity), n, learningRate, momentum, weightDecay);

    protected override void AdamUpdateCore(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer m, DeviceBuffer v, int n,
        float learningRate, float beta1, float beta2, float epsilon, float c1, float c2) =>
        _optimizers.Adam(V(weights), V(gradient), V(m), V(v), n, new AdamConstants(learningRate, beta1, beta2, epsilon, c1, c2));

    // One launch per 16 tensors (TensorSlots), with the per-tensor kernels' arithmetic.
    protected override void SgdUpdateManyCore(ReadOnlySpan<OptimizerTensor> tensors, float learningRate, float momentum, float weightDecay)
    {
        for (int at = 0; at < tensors.Length; at += TensorSlots.Capacity)
            if (Slots(tensors, at) is { Count: > 0 } slots) _optimizers.SgdMany(slots, learningRate, momentum, weightDecay);
    }

    protected override void AdamUpdateManyCore(ReadOnlySpan<OptimizerTensor> tensors, float learningRate, float beta1, float beta2, float epsilon, float c1, float c2)
    {
        var constants = new AdamConstants(learningRate, beta1, beta2, epsilon, c1, c2);
        for (int at = 0; at < tensors.Length; at += TensorSlots.Capacity)
            if (Slots(tensors, at) is { Count: > 0 } slots) _optimizers.AdamMany(slots, constants);
    }

    protected override void AdadeltaUpdateManyCore(ReadOnlySpan<OptimizerTensor> tensors, float learningRate, float rho, float epsilon)
    {
        for (int at = 0; at < tensors.Length; at += TensorSlots.Capacity)
            if (Slots(tensors, at) is { Count: > 0 } slots) _optimizers.AdadeltaMany(slots, learningRate, rho, epsilon);
    }

    /// <summary>Up to 16 non-empty tensors from `at` on, with their ends in the launch's concatenated range.</summary>
    private static TensorSlots Slots(ReadOnlySpan<OptimizerTensor> tensors, int at)
    {
        var slots = new TensorSlots();
        int end = 0;
        for (int i = at; i < Math.Min(tensors.Length, at + TensorSlots.Capacity); i++)
        {
            var t = tensors[i];
            if (t.Length == 0) continue;
            end = checked(end + t.Length);
            slots.Set(slots.Count++, new TensorSlot { W = V(t.Weights), G = V(t.Gradient), A = V(t.State1), B = t.State2 is null ? V(t.State1) : V(t.State2), End = end });
        }
        return slots;
    }

    protected override void AdadeltaUpdateCore(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer squaredGradientAverage, DeviceBuffer squaredUpdateAverage,
        int n, float learningRate, float rho, float epsilon) =>
        _optimizers.Adadelta(V(weights), V(gradient), V(squaredGradientAverage), V(squaredUpdateAverage), n, learningRate, rho, epsilon);

    protected override void ApplyNoiseCore(DeviceBuffer clean, DeviceBuffer noisy, int images, int height, int width, NoiseParameters noise, ulong seed, uint epoch, uint firstSample) =>
        _noise.Apply(V(clean), V(noisy), images, height, width, noise, seed, epoch, firstSample);

    protected override void ImageQualityCore(DeviceBuffer reference, DeviceBuffer test, int images, int height, int width, DeviceBuffer mse, DeviceBuffer ssim) =>
        _quality.Compute(V(reference), V(test), images, height, width, V(mse), V(ssim));
}
