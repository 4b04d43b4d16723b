using System.Numerics.Tensors;

namespace GpuAE.Kernels.Loss;

/// <summary>
/// The losses of the accelerator on one row: each writes the row's gradient (times scale) and
/// returns the row's loss sum, accumulated in float64.
/// </summary>
internal static class CpuLosses
{
    /// <summary>sum_c (p - t)^2; grad = scale * 2 (p - t).</summary>
    public static float Mse(ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> g, float scale)
    {
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            float d = p[i] - t[i];
            sum += d * d;
            g[i] = scale * 2f * d;
        }
        return (float)sum;
    }

    /// <summary>
    /// Vectorised: sum(max(z,0)) - z.t + sum(log(1 + exp(-|z|))); grad = scale (sigmoid(z) - t).
    /// tmp is scratch of the row's length.
    /// </summary>
    public static float BceWithLogits(ReadOnlySpan<float> z, ReadOnlySpan<float> t, Span<float> g, float scale, Span<float> tmp)
    {
        TensorPrimitives.Max(z, 0f, tmp);
        double sum = TensorPrimitives.Sum<float>(tmp) - TensorPrimitives.Dot<float>(z, t);
        TensorPrimitives.Abs(z, tmp);
        TensorPrimitives.Negate(tmp, tmp);
        TensorPrimitives.Exp(tmp, tmp);
        TensorPrimitives.Add(tmp, 1f, tmp);
        TensorPrimitives.Log(tmp, tmp);
        TensorPrimitives.Sigmoid(z, g);
        TensorPrimitives.Subtract(g, t, g);
        TensorPrimitives.Multiply(g, scale, g);
        return (float)(sum + TensorPrimitives.Sum<float>(tmp));
    }

    /// <summary>-log softmax(z)[label]; grad = scale * (softmax(z) - onehot(label)).</summary>
    public static float SoftmaxCrossEntropy(ReadOnlySpan<float> z, int label, Span<float> g, float scale)
    {
        float max = TensorPrimitives.Max(z);
        double sum = 0;
        for (int c = 0; c < z.Length; c++) sum += Math.Exp(z[c] - max);
        for (int c = 0; c < z.Length; c++)
            g[c] = scale * ((float)(Math.Exp(z[c] - max) / sum) - (c == label ? 1f : 0f));
        return (float)(Math.Log(sum) + max - z[label]);
    }
}
