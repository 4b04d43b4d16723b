using GpuAE.Compute;
using GpuAE.Compute.Cpu;
using GpuAE.Kernels.Noise;

namespace GpuAE.Tests.Noise;

public sealed class NoiseDeterminismTests
{
    private const int Images = 37, H = 28, W = 28;
    private readonly CpuAccelerator _acc = new();

    public static TheoryData<NoiseKind, float> Kinds => new()
    {
        { NoiseKind.Mask, 0.3f }, { NoiseKind.SaltPepper, 0.2f }, { NoiseKind.Gaussian, 0.5f }, { NoiseKind.Erase, 0f },
    };

    private float[] Parallel(float[] clean, NoiseParameters p, ulong seed, uint epoch, uint first)
    {
        using var c = _acc.Allocate(clean);
        using var o = _acc.Allocate(clean.Length);
        _acc.ApplyNoise(c, o, Images, H, W, p, seed, epoch, first);
        return o.ToArray();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Multithreaded_noise_equals_the_single_threaded_reference(NoiseKind kind, float level)
    {
        var clean = TestData.Images(Images, H, W, 3);
        var p = new NoiseParameters(kind, level);
        var expected = new float[clean.Length];
        for (int i = 0; i < Images; i++)
            NoiseSampler.Corrupt(clean.AsSpan(i * H * W, H * W), expected.AsSpan(i * H * W, H * W), H, W, p, 99, 2, 5u + (uint)i);
        Assert.Equal(expected, Parallel(clean, p, 99, 2, 5));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_same_seed_epoch_and_sample_give_the_same_noise(NoiseKind kind, float level)
    {
        var clean = TestData.Images(Images, H, W, 4);
        var p = new NoiseParameters(kind, level);
        Assert.Equal(Parallel(clean, p, 7, 1, 0), Parallel(clean, p, 7, 1, 0));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_different_seed_or_epoch_gives_different_noise(NoiseKind kind, float level)
    {
        var clean = TestData.Images(Images, H, W, 5);
        var p = new NoiseParameters(kind, level);
        var baseline = Parallel(clean, p, 7, 1, 0);
        Assert.NotEqual(baseline, Parallel(clean, p, 8, 1, 0));
        Assert.NotEqual(baseline, Parallel(clean, p, 7, 2, 0));
    }

    [Fact]
    public void Philox_matches_the_published_known_answer()
    {
        // Random123 kat_vectors: philox4x32_10, counter and key all ones (0xFFFFFFFF).
        var r = Philox4x32.Generate(0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu);
        Assert.Equal((0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu), r);
    }

    [Fact]
    public void Philox_of_zero_counter_and_key_matches_the_published_known_answer()
    {
        var r = Philox4x32.Generate(0, 0, 0, 0, 0, 0);
        Assert.Equal((0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u), r);
    }
}
