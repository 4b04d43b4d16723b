using GpuAE.Compute;
using GpuAE.Compute.Cpu;
using GpuAE.Kernels.Noise;

namespace GpuAE.Tests.Noise;

/// <summary>The realised corruption matches its definition, measured over ~100k pixels.</summary>
public sealed class NoiseStatisticsTests
{
    private const int Images = 128, H = 28, W = 28, N = Images * H * W;
    private readonly CpuAccelerator _acc = new();

    private float[] Corrupt(float[] clean, NoiseParameters p, ulong seed = 42, uint epoch = 3)
    {
        using var c = _acc.Allocate(clean);
        using var o = _acc.Allocate(clean.Length);
        _acc.ApplyNoise(c, o, Images, H, W, p, seed, epoch, 0);
        return o.ToArray();
    }

    private static float[] Constant(float v) => Enumerable.Repeat(v, N).ToArray();

    [Theory]
    [InlineData(0.2f)]
    [InlineData(0.7f)]
    public void Mask_zeroes_the_requested_fraction_of_pixels(float p)
    {
        var noisy = Corrupt(Constant(0.5f), new NoiseParameters(NoiseKind.Mask, p));
        double zeroed = noisy.Count(v => v == 0f) / (double)N;
        Assert.InRange(zeroed, p - 0.01, p + 0.01);
        Assert.All(noisy, v => Assert.True(v == 0f || v == 0.5f));
    }

    [Fact]
    public void Salt_and_pepper_sets_the_fraction_to_zero_or_one_half_each()
    {
        var noisy = Corrupt(Constant(0.5f), new NoiseParameters(NoiseKind.SaltPepper, 0.3f));
        double pepper = noisy.Count(v => v == 0f) / (double)N, salt = noisy.Count(v => v == 1f) / (double)N;
        Assert.InRange(pepper + salt, 0.29, 0.31);
        Assert.InRange(pepper, 0.14, 0.16);
        Assert.InRange(salt, 0.14, 0.16);
    }

    [Fact]
    public void Gaussian_adds_zero_mean_noise_with_the_requested_deviation()
    {
        const float s = 0.1f;
        var noisy = Corrupt(Constant(0.5f), new NoiseParameters(NoiseKind.Gaussian, s));
        double mean = noisy.Average(v => v - 0.5), std = Math.Sqrt(noisy.Average(v => (v - 0.5 - mean) * (v - 0.5 - mean)));
        Assert.InRange(mean, -0.002, 0.002);
        Assert.InRange(std, s * 0.98, s * 1.02);
    }

    [Fact]
    public void Gaussian_output_is_clipped_to_the_unit_interval()
    {
        var noisy = Corrupt(Constant(0.5f), new NoiseParameters(NoiseKind.Gaussian, 1.0f));
        Assert.All(noisy, v => Assert.InRange(v, 0f, 1f));
        Assert.Contains(noisy, v => v == 0f);
        Assert.Contains(noisy, v => v == 1f);
    }

    [Fact]
    public void Erase_blanks_one_rectangle_in_about_half_the_images_with_torchvision_areas()
    {
        const int images = 2000;
        int erased = 0;
        for (uint i = 0; i < images; i++)
        {
            var rect = NoiseSampler.EraseRectangle(H, W, 42, 0, 1, i);
            if (rect.Height == 0) continue;
            erased++;
            double area = rect.Height * rect.Width / (double)(H * W);
            Assert.InRange(area, 0.015, 0.36); // 2..33 % before rounding of h and w
            Assert.InRange(rect.Top + rect.Height, 1, H);
            Assert.InRange(rect.Left + rect.Width, 1, W);
        }
        Assert.InRange(erased / (double)images, 0.46, 0.54);
    }

    [Fact]
    public void None_copies_the_clean_images()
    {
        var clean = TestData.Images(Images, H, W, 1);
        Assert.Equal(clean, Corrupt(clean, NoiseParameters.None));
    }
}
