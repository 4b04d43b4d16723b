using GpuAE.Imaging;

namespace GpuAE.Tests.Denoising;

public sealed class ResamplerTests
{
    [Theory]
    [InlineData(64, 48)]
    [InlineData(10, 13)]
    [InlineData(100, 7)]
    public void Resizing_to_28x28_and_back_keeps_a_constant_image_constant(int width, int height)
    {
        var image = new GrayImage(width, height, Enumerable.Repeat(0.37f, width * height).ToArray());
        var small = Resampler.Resize(image, 28, 28);
        var back = Resampler.Resize(small, width, height);
        Assert.All(small.Pixels, v => Assert.Equal(0.37f, v, 1e-6f));
        Assert.All(back.Pixels, v => Assert.Equal(0.37f, v, 1e-6f));
        Assert.Equal((width, height), (back.Width, back.Height));
    }

    [Fact]
    public void Halving_averages_each_2x2_block()
    {
        var image = new GrayImage(4, 2, [0f, 1f, 0.2f, 0.4f, 1f, 0f, 0.6f, 0.8f]);
        Assert.Equal([0.5f, 0.5f], Resampler.Resize(image, 2, 1).Pixels);
    }

    [Fact]
    public void Shrinking_keeps_the_mean_level()
    {
        var pixels = TestData.Images(1, 90, 60, seed: 4);
        var small = Resampler.Resize(new GrayImage(60, 90, pixels), 28, 28);
        Assert.Equal(pixels.Average(), small.Pixels.Average(), 3);
    }

    [Fact]
    public void The_same_size_is_an_exact_copy()
    {
        var image = new GrayImage(28, 28, TestData.Images(1, 28, 28, seed: 2));
        Assert.Equal(image.Pixels, Resampler.Resize(image, 28, 28).Pixels);
    }

    [Fact]
    public void Enlarging_interpolates_between_neighbours()
    {
        var wide = Resampler.Resize(new GrayImage(2, 1, [0f, 1f]), 4, 1).Pixels;
        Assert.Equal([0f, 0.25f, 0.75f, 1f], wide);
    }
}
