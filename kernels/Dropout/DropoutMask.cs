using GpuAE.Kernels.Noise;

namespace GpuAE.Kernels.Dropout;

/// <summary>
/// The reference dropout mask: element i is dropped when the uniform drawn from Philox with
/// key = seed and counter (i / 4, step, 0, 6), lane i % 4, is below the rate; kept elements are
/// scaled by 1 / (1 - rate) (inverted dropout, so inference is the identity).
/// </summary>
public static class DropoutMask
{
    public static float Scale(float rate) => rate >= 1f ? 0f : 1f / (1f - rate);

    /// <summary>Writes mask[i - start] for elements start .. start + mask.Length.</summary>
    public static void Fill(Span<float> mask, int start, float rate, ulong seed, uint step)
    {
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        float keep = Scale(rate);
        int i = start, end = start + mask.Length;
        while (i < end)
        {
            var (r0, r1, r2, r3) = Philox4x32.Generate((uint)(i >> 2), step, 0u, 6u, k0, k1);
            for (int lane = i & 3; lane < 4 && i < end; lane++, i++)
            {
                uint bits = lane switch { 0 => r0, 1 => r1, 2 => r2, _ => r3 };
                mask[i - start] = Philox4x32.ToUniform(bits) < rate ? 0f : keep;
            }
        }
    }
}
