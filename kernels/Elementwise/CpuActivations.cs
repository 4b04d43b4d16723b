using System.Numerics;
using System.Numerics.Tensors;

namespace GpuAE.Kernels.Elementwise;

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
            case ActivationKind.LeakyRelu: LeakyReluForward(alpha, x, y); break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static void LeakyReluForward(float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        int i = 0, w = Vector<float>.Count;
        var leak = new Vector<float>(alpha);
        for (; i <= x.Length - w; i += w)
        {
            var v = new Vector<float>(x[i..]);
            Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<float>.Zero), v, leak * v).CopyTo(y[i..]);
        }
        for (; i < x.Length; i++) y[i] = x[i] > 0 ? x[i] : alpha * x[i];
    }

    /// <summary>
    /// dx = dy * f'(from y). Vectorised with branch-free selects: ReLU's "y > 0" is a coin flip
    /// per element, and as a branch it mispredicted often enough to make backward 6x slower
    /// than forward on conv-keras' first layer.
    /// </summary>
    public static void Backward(ActivationKind kind, float alpha, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        if (kind == ActivationKind.Identity) { dy.CopyTo(dx); return; }
        if (y.Length > dy.Length || y.Length > dx.Length) throw new ArgumentException("activation backward: spans of different lengths");
        int i = 0, w = Vector<float>.Count;
        var one = Vector<float>.One;
        var leak = new Vector<float>(alpha);
        for (; i <= y.Length - w; i += w)
        {
            var yv = new Vector<float>(y[i..]);
            var g = new Vector<float>(dy[i..]);
            var positive = Vector.GreaterThan(yv, Vector<float>.Zero);
            var r = kind switch
            {
                ActivationKind.Sigmoid => g * yv * (one - yv),
                ActivationKind.Tanh => g * (one - yv * yv),
                ActivationKind.Relu => Vector.ConditionalSelect(positive, g, Vector<float>.Zero),
                ActivationKind.LeakyRelu => Vector.ConditionalSelect(positive, g, leak * g),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
            };
            r.CopyTo(dx[i..]);
        }
        for (; i < y.Length; i++) dx[i] = BackwardScalar(kind, alpha, y[i], dy[i]);
    }

    private static float BackwardScalar(ActivationKind kind, float alpha, float y, float dy) => kind switch
    {
        ActivationKind.Sigmoid => dy * y * (1f - y),
        ActivationKind.Tanh => dy * (1f - y * y),
        ActivationKind.Relu => y > 0 ? dy : 0f,
        ActivationKind.LeakyRelu => y > 0 ? dy : alpha * dy,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
