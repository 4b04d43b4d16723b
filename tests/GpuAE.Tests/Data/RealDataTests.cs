using GpuAE.Data;

namespace GpuAE.Tests.Data;

/// <summary>Loads the real datasets from data/ (verified against the manifest on load); skipped visibly when absent.</summary>
public sealed class RealDataTests(ITestOutputHelper output)
{
    [Fact]
    public void Mnist_train_has_60000_images_with_the_official_label_histogram()
    {
        if (!RealData.Require(output, "mnist")) return;

        var train = DatasetStore.Load("mnist", "train", RealData.DataDir);

        Assert.Equal(60000, train.Count);
        Assert.Equal(5, train.Labels[0]);
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], Histogram(train));
        Assert.Equal(60000 * 784, train.Images.Length);
    }

    [Fact]
    public void Mnist_test_has_10000_images_with_the_official_label_histogram()
    {
        if (!RealData.Require(output, "mnist")) return;

        var test = DatasetStore.Load("mnist", "test", RealData.DataDir);

        Assert.Equal(10000, test.Count);
        Assert.Equal(7, test.Labels[0]);
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], Histogram(test));
        Assert.Equal(1f, test.Images.Max());
        Assert.Equal(0f, test.Images.Min());
    }

    [Fact]
    public void Fashion_mnist_train_has_6000_images_per_class_interleaved()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;

        var train = DatasetStore.Load("fashion-mnist", "train", RealData.DataDir);

        Assert.Equal(60000, train.Count);
        Assert.All(Histogram(train), count => Assert.Equal(6000, count));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (byte)(i % 10)), train.Labels[..20]);
        Assert.Equal("Ankle boot", train.ClassNames[train.Labels[9]]);
    }

    [Fact]
    public void Fashion_mnist_test_has_1000_images_per_class()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;

        var test = DatasetStore.Load("fashion-mnist", "test", RealData.DataDir);

        Assert.Equal(10000, test.Count);
        Assert.All(Histogram(test), count => Assert.Equal(1000, count));
        Assert.Equal(0, test.Labels[0]);
    }

    private static int[] Histogram(Dataset dataset)
    {
        var counts = new int[10];
        foreach (byte label in dataset.Labels) counts[label]++;
        Assert.Equal(dataset.Count, counts.Sum());
        return counts;
    }
}
