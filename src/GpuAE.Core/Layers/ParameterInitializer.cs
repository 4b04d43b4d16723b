using GpuAE.Compute;

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
