using GpuAE.Compute;
using GpuAE.Kernels.Noise;

namespace GpuAE.Layers;

/// <summary>
/// Seeded weight initialisation (Glorot/Xavier uniform for sigmoid and tanh layers, He normal
/// for ReLU family), drawn on the host from the Philox stream (counter (i, tensor, 0, 3)) so a
/// seed gives the same initial model on every device.
/// </summary>
public sealed class ParameterInitializer(ulong seed)
{
    private uint _tensor;

    public float[] GlorotUniform(int count, int fanIn, int fanOut)
    {
        float limit = MathF.Sqrt(6f / (fanIn + fanOut));
        return Draw(count, (u, _) => (2f * u - 1f) * limit);
    }

    public float[] HeNormal(int count, int fanIn)
    {
        float std = MathF.Sqrt(2f / fanIn);
        return Draw(count, (_, z) => std * z);
    }

    /// <summary>A 64-bit key for a layer's own random stream (dropout masks), drawn like a tensor.</summary>
    public ulong NextKey()
    {
        var (r0, r1, _, _) = Philox4x32.Generate(0u, _tensor++, 0u, 3u, (uint)seed, (uint)(seed >> 32));
        return r0 | (ulong)r1 << 32;
    }

    private float[] Draw(int count, Func<float, float, float> transform)
    {
        uint tensor = _tensor++;
        var values = new float[count];
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        for (int i = 0; i < count; i++)
        {
            var (r0, _, r2, r3) = Philox4x32.Generate((uint)i, tensor, 0u, 3u, k0, k1);
            values[i] = transform(Philox4x32.ToUniform(r0), NoiseSampler.StandardNormal(r2, r3));
        }
        return values;
    }
}
