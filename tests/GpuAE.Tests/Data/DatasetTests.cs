using GpuAE.Data;

namespace GpuAE.Tests.Data;

public sealed class DatasetTests
{
    [Fact]
    public void Scales_each_pixel_byte_to_pixel_over_255()
    {
        byte[] pixels = Enumerable.Range(0, 3 * Dataset.PixelsPerImage).Select(i => (byte)(i % 256)).ToArray();

        var dataset = Dataset.FromBytes("mnist", "train", pixels, [1, 2, 3], KnownDatasets.DigitClassNames);

        Assert.Equal(pixels.Select(p => p / 255f), dataset.Images);
    }

    [Fact]
    public void Has_28_by_28_images_and_counts_its_labels()
    {
        var dataset = Synthetic(7);

        Assert.Equal((7, 28, 28), (dataset.Count, dataset.Height, dataset.Width));
    }

    [Fact]
    public void Take_keeps_the_first_n_images_and_labels()
    {
        var dataset = Synthetic(10);

        var first = dataset.Take(3);

        Assert.Equal(3, first.Count);
        Assert.Equal(dataset.Labels[..3], first.Labels);
        Assert.Equal(dataset.Images[..(3 * Dataset.PixelsPerImage)], first.Images);
        Assert.Equal((dataset.Name, dataset.Split), (first.Name, first.Split));
    }

    [Fact]
    public void Take_of_more_than_count_is_the_whole_dataset()
    {
        var dataset = Synthetic(4);

        Assert.Same(dataset, dataset.Take(100));
    }

    [Fact]
    public void Image_returns_one_row_of_pixels()
    {
        var dataset = Synthetic(3);

        Assert.Equal(dataset.Images[Dataset.PixelsPerImage..(2 * Dataset.PixelsPerImage)], dataset.Image(1).ToArray());
    }

    [Fact]
    public void Rejects_pixels_that_do_not_make_whole_images()
    {
        Assert.Throws<ArgumentException>(() => new Dataset("x", "train", new float[100], [0], KnownDatasets.DigitClassNames));
    }

    [Fact]
    public void Fashion_mnist_has_clothing_class_names_and_mnist_digits()
    {
        Assert.Equal("Ankle boot", KnownDatasets.ClassNamesFor("fashion-mnist")[9]);
        Assert.Equal("T-shirt/top", KnownDatasets.ClassNamesFor("fashion-mnist")[0]);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], KnownDatasets.ClassNamesFor("mnist"));
    }

    [Fact]
    public void PixelBytes_inverts_the_scaling()
    {
        byte[] pixels = SyntheticIdx.Pixels(2);

        Assert.Equal(pixels, Dataset.FromBytes("mnist", "test", pixels, [0, 1], KnownDatasets.DigitClassNames).PixelBytes());
    }

    private static Dataset Synthetic(int count) =>
        Dataset.FromBytes("mnist", "train", SyntheticIdx.Pixels(count), SyntheticIdx.Labels(count), KnownDatasets.DigitClassNames);
}
