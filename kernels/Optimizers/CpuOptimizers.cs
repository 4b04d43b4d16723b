using System.Numerics;
using System.Numerics.Tensors;

namespace GpuAE.Kernels.Optimizers;

/// <summary>
/// The optimizer steps of the accelerator's SgdUpdate, AdamUpdate and AdadeltaUpdate over one
/// chunk of parameters (the CPU accelerator splits a tensor into one chunk per core). Each does
/// the kernels' operations in their order.
/// </summary>
internal static class CpuOptimizers
{
    /// <summary>v = momentum v + g + wd w; w -= lr v (vectorised; v is kept even without momentum, as on the GPU).</summary>
    public static void Sgd(Span<float> w, ReadOnlySpan<float> g, Span<float> v, float learningRate, float momentum, float weightDecay)
    {
        if (momentum == 0f) g.CopyTo(v); else TensorPrimitives.MultiplyAdd(v, momentum, g, v);
        if (weightDecay != 0f) TensorPrimitives.MultiplyAdd(w, weightDecay, v, v);
        TensorPrimitives.MultiplyAdd(v, -learningRate, w, w);
    }

    /// <summary>Adam with the bias corrections c1 = 1 - beta1^t and c2 = 1 - beta2^t computed by the caller.</summary>
    public static void Adam(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v,
        float learningRate, float beta1, float beta2, float epsilon, float c1, float c2)
    {
        for (int i = 0; i < w.Length; i++)
        {
            float gi = g[i];
            float mi = beta1 * m[i] + (1f - beta1) * gi;
            float vi = beta2 * v[i] + (1f - beta2) * gi * gi;
            m[i] = mi; v[i] = vi;
            w[i] -= learningRate * (mi / c1) / (MathF.Sqrt(vi / c2) + epsilon);
        }
    }

    /// <summary>Adadelta in Vector&lt;float&gt; lanes with a scalar tail.</summary>
    public static void Adadelta(Span<float> w, ReadOnlySpan<float> g, Span<float> sg, Span<float> su, float learningRate, float rho, float epsilon)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vRho = new Vector<float>(rho); var vKeep = new Vector<float>(1f - rho);
            var vEps = new Vector<float>(epsilon); var vLr = new Vector<float>(learningRate);
            for (int width = Vector<float>.Count; i <= w.Length - width; i += width)
            {
                var gi = new Vector<float>(g[i..]);
                var sgi = vRho * new Vector<float>(sg[i..]) + vKeep * gi * gi;
                var sui = new Vector<float>(su[i..]);
                var delta = Vector.SquareRoot(sui + vEps) / Vector.SquareRoot(sgi + vEps) * gi;
                sgi.CopyTo(sg[i..]);
                (vRho * sui + vKeep * delta * delta).CopyTo(su[i..]);
                (new Vector<float>(w[i..]) - vLr * delta).CopyTo(w[i..]);
            }
        }
        for (; i < w.Length; i++)
        {
            float gi = g[i];
            float sgi = rho * sg[i] + (1f - rho) * gi * gi;
            float delta = MathF.Sqrt(su[i] + epsilon) / MathF.Sqrt(sgi + epsilon) * gi;
            sg[i] = sgi;
            su[i] = rho * su[i] + (1f - rho) * delta * delta;
            w[i] -= learningRate * delta;
        }
    }
}
