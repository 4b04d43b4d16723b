using System.Numerics;

namespace GpuAE.Compute.Cpu;

/// <summary>
/// The Adadelta step of <see cref="Accelerator.AdadeltaUpdate"/> over one chunk, in
/// Vector&lt;float&gt; lanes with a scalar tail; the operations are the kernel's, in its order.
/// </summary>
internal static class CpuAdadelta
{
    public static void Update(Span<float> w, ReadOnlySpan<float> g, Span<float> sg, Span<float> su, float learningRate, float rho, float epsilon)
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
