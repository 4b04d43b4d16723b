using System.Numerics.Tensors;

namespace GpuAE.Compute.Cpu;

/// <summary>Element-wise activations and their derivatives (from the output y) on spans.</summary>
public static class CpuActivations
{
    public static void Forward(ActivationKind kind, float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        switch (kind)
        {
            case ActivationKind.Identity: x.CopyTo(y); break;
            case ActivationKind.Sigmoid: TensorPrimitives.Sigmoid(x, y); break;
            case ActivationKind.Tanh: TensorPrimitives.Tanh(x, y); break;
            case ActivationKind.Relu: TensorPrimitives.Max(x, 0f, y); break;
            case ActivationKind.LeakyRelu:
                for (int i = 0; i < x.Length; i++) y[i] = x[i] > 0 ? x[i] : alpha * x[i];
                break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    public static void Backward(ActivationKind kind, float alpha, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        switch (kind)
        {
            case ActivationKind.Identity: dy.CopyTo(dx); break;
            case ActivationKind.Sigmoid:
                for (int i = 0; i < y.Length; i++) dx[i] = dy[i] * y[i] * (1f - y[i]);
                break;
            case ActivationKind.Tanh:
                for (int i = 0; i < y.Length; i++) dx[i] = dy[i] * (1f - y[i] * y[i]);
                break;
            case ActivationKind.Relu:
                for (int i = 0; i < y.Length; i++) dx[i] = y[i] > 0 ? dy[i] : 0f;
                break;
            case ActivationKind.LeakyRelu:
                for (int i = 0; i < y.Length; i++) dx[i] = y[i] > 0 ? dy[i] : alpha * dy[i];
                break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
