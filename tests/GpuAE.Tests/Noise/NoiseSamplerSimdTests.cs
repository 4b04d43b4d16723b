using GpuAE.Compute;
using GpuAE.Kernels.Noise;

namespace GpuAE.Tests.Noise;

/// <summary>The CPU's eight-at-a-time noise gives the scalar sampler's numbers bit for bit (the ones every device gives).</summary>
public sealed class NoiseSamplerSimdTests
{
    public static TheoryData<NoiseKind, float> Kinds => new()
    {
        { NoiseKind.Mask, 0.3f }, { NoiseKind.Mask, 1f }, { NoiseKind.SaltPepper, 0.2f }, { NoiseKind.SaltPepper, 0f },
        { NoiseKind.Gaussian, 0.5f }, { NoiseKind.Gaussian, 3f },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Simd_noise_is_bit_for_bit_the_scalar_samplers_at_every_image_size_and_key(NoiseKind kind, float level)
    {
        Assert.SkipUnless(NoiseSamplerSimd.IsSupported, "this CPU has no AVX2: the scalar sampler runs instead");
        var noise = new NoiseParameters(kind, level);
        var random = new Random(7);
        // sizes below, at and around the 8-pixel vector, and MNIST's; keys with high bits set
        foreach (int pixels in new[] { 1, 7, 8, 13, 35, 784 })
        foreach (var (seed, epoch, sample) in new[] { (1ul, 1u, 0u), (0xDEADBEEF_12345678ul, 7u, 123_456u), (ulong.MaxValue, uint.MaxValue, uint.MaxValue - 3) })
        {
            var clean = Enumerable.Range(0, pixels).Select(_ => (float)random.NextDouble()).ToArray();
            var expected = new float[pixels];
            var actual = new float[pixels];
            for (int p = 0; p < pixels; p++) expected[p] = NoiseSampler.CorruptPixel(clean[p], noise, (uint)p, sample, epoch, (uint)seed, (uint)(seed >> 32));
            NoiseSamplerSimd.Corrupt(clean, actual, pixels, noise, seed, epoch, sample);
            for (int p = 0; p < pixels; p++)
                Assert.True(BitConverter.SingleToInt32Bits(expected[p]) == BitConverter.SingleToInt32Bits(actual[p]),
                    $"{kind}:{level} pixel {p} of {pixels}, seed {seed:x}, epoch {epoch}, sample {sample}: {actual[p]:R}, scalar {expected[p]:R}");
        }
    }
}
