using GpuAE.Data;
using GpuAE.Reproduce;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Reproduce;

/// <summary>The CS 307 report's data: [-1, 1] images, unclipped Gaussian noise, erasing to 0.</summary>
public sealed class Cs307ImagesTests(ITestOutputHelper output)
{
    private static Dataset Grey(int n) =>
        new("synthetic", "test", Enumerable.Range(0, n * 784).Select(i => (i % 784) / 783f).ToArray(), new byte[n], KnownDatasets.DigitClassNames);

    [Fact]
    public void Clean_images_are_normalised_to_minus_one_to_one()
    {
        var prepared = Cs307Images.Prepare(Grey(2), "none", 1);
        Assert.Equal(-1f, prepared.Images[0]);
        Assert.Equal(1f, prepared.Images[783], 5);
        Assert.Equal(0.5f, Cs307Images.ToDisplay(prepared.Images[392]), 2);
    }

    [Fact]
    public void Gaussian_noise_is_added_unclipped_with_the_given_variance()
    {
        var clean = Cs307Images.Prepare(Grey(50), "none", 1);
        var noisy = Cs307Images.Prepare(Grey(50), "gaussian:0.5", 1);
        var diff = clean.Images.Zip(noisy.Images, (a, b) => (double)b - a).ToList();
        Assert.Equal(0.25, diff.Average(d => d * d), 0.01);
        Assert.Contains(noisy.Images, v => v < -1.5f); // not clipped
    }

    [Fact]
    public void Erasing_blanks_a_box_to_zero_in_about_half_the_images()
    {
        var erased = Cs307Images.Prepare(Grey(400), "erase", 3);
        int withBox = Enumerable.Range(0, 400).Count(i => erased.Image(i).ToArray().Count(v => v == 0f) > 4);
        Assert.InRange(withBox, 150, 250);
        Assert.Throws<ArgumentException>(() => Cs307Images.Prepare(Grey(1), "mask:0.2", 1));
    }

    [Fact]
    public void A_sigmoid_output_cannot_get_below_0_57_on_normalised_fashion_mnist_the_floor_under_the_reports_0_599()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        double floor = Cs307Images.SigmoidFloor(Cs307Images.Prepare(DatasetStore.Load("fashion-mnist", "test", RealData.DataDir), "none", 1));
        output.WriteLine($"floor {floor}");
        Assert.InRange(floor, 0.55, 0.599);
    }
}
