using GpuAE.Classification;
using GpuAE.Data;
using GpuAE.Metrics;

namespace GpuAE.Tests.Classification;

/// <summary>How `--folds K` cuts a split, checks K, and combines the folds' results.</summary>
public sealed class CrossValidationTests
{
    /// <summary>n images whose first pixel holds the image's index, so a subset reveals which images it took.</summary>
    private static Dataset Indexed(int n)
    {
        var images = new float[n * Dataset.PixelsPerImage];
        for (int i = 0; i < n; i++) images[i * Dataset.PixelsPerImage] = i;
        return new Dataset("indexed", "train", images, Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray(), KnownDatasets.DigitClassNames);
    }

    private static int[] Indices(Dataset d) => Enumerable.Range(0, d.Count).Select(i => (int)d.Image(i)[0]).ToArray();

    [Fact]
    public void The_held_out_folds_partition_the_split_into_nearly_equal_parts()
    {
        var data = Indexed(23);
        var heldOut = Enumerable.Range(0, 5).Select(k => Indices(CrossValidation.Split(data, 5, k, seed: 3).HeldOut)).ToList();
        Assert.Equal(Enumerable.Range(0, 23), heldOut.SelectMany(h => h).Order());
        Assert.All(heldOut, h => Assert.InRange(h.Length, 4, 5));
    }

    [Fact]
    public void Each_fold_trains_on_every_image_it_does_not_hold_out_with_its_label()
    {
        var data = Indexed(17);
        var (train, heldOut) = CrossValidation.Split(data, 3, 1, seed: 9);
        Assert.Equal(Enumerable.Range(0, 17), Indices(train).Concat(Indices(heldOut)).Order());
        Assert.All(Enumerable.Range(0, train.Count), i => Assert.Equal((byte)(Indices(train)[i] % 10), train.Labels[i]));
    }

    [Fact]
    public void The_split_depends_on_the_seed_and_only_on_it()
    {
        var data = Indexed(40);
        Assert.Equal(Indices(CrossValidation.Split(data, 4, 0, seed: 1).HeldOut), Indices(CrossValidation.Split(data, 4, 0, seed: 1).HeldOut));
        Assert.NotEqual(Indices(CrossValidation.Split(data, 4, 0, seed: 1).HeldOut), Indices(CrossValidation.Split(data, 4, 0, seed: 2).HeldOut));
    }

    [Theory]
    [InlineData(1, 10, "--folds must be at least 2, got 1")]
    [InlineData(0, 10, "--folds must be at least 2, got 0")]
    [InlineData(11, 10, "--folds 11: only 10 training images")]
    public void Fold_counts_outside_2_to_the_image_count_are_rejected(int folds, int count, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => CrossValidation.CheckFolds(folds, count)).Message);

    [Fact]
    public void The_denoised_split_is_the_denoisers_output_for_each_noisy_image_with_the_labels_kept()
    {
        using var acc = new GpuAE.Compute.Cpu.CpuAccelerator();
        using var denoiser = new GpuAE.Layers.Network([new GpuAE.Layers.Dense(Dataset.PixelsPerImage), new GpuAE.Layers.Sigmoid()]);
        denoiser.Build(acc, new GpuAE.Layers.TensorShape(1, 28, 28), 4, seed: 3);
        var data = new Dataset("r", "train", TestData.Images(6, 28, 28, 5), [3, 1, 4, 1, 5, 9], KnownDatasets.DigitClassNames);
        var noise = GpuAE.Noise.NoiseSpec.Parse("mask:0.3");
        var denoised = CrossValidation.Denoised(acc, denoiser, data, noise, seed: 2, GpuAE.Training.SilentObserver.Instance);
        using var reference = GpuAE.Denoising.Denoiser.Borrow(acc, "d", denoiser); // also fails if Denoised disposed the borrowed network
        Assert.Equal(reference.Run(data.Images, 6, noise, seed: 2).Denoised, denoised.Images);
        Assert.Equal(data.Labels, denoised.Labels);
        Assert.NotEqual(data.Images, denoised.Images);
    }

    [Fact]
    public void Mean_and_standard_deviation_use_the_sample_formula()
    {
        var (mean, std) = CrossValidation.MeanStd([0.9, 0.8, 1.0]);
        Assert.Equal(0.9, mean, 12);
        Assert.Equal(0.1, std, 12);
        Assert.Equal(0, CrossValidation.MeanStd([0.5]).Std);
    }

    private static ClassificationResult Result(int[] truth, int[] predicted, double loss) => new(new ConfusionMatrix(10, truth, predicted), loss);

    [Fact]
    public void Pooling_sums_the_folds_confusion_matrices_and_weights_losses_by_fold_size()
    {
        var a = Result([0, 1, 2], [0, 1, 1], 0.3);
        var b = Result([2], [2], 0.7);
        var pooled = CrossValidation.Pool([new FoldResult(1, 1, 3, new NoiseConditions(a, a, null), 0), new FoldResult(2, 3, 1, new NoiseConditions(b, b, null), 0)]);
        Assert.Equal(4, pooled.Clean.Confusion.Total);
        Assert.Equal(0.75, pooled.Clean.Accuracy);
        Assert.Equal(1, pooled.Clean.Confusion.Counts[2, 1]);
        Assert.Equal((3 * 0.3 + 0.7) / 4, pooled.Noisy.Loss, 12);
        Assert.Null(pooled.Denoised);
    }

    [Fact]
    public void Recovered_fraction_is_the_share_of_the_noise_loss_that_denoising_wins_back()
    {
        var clean = Result([0, 0, 0, 0], [0, 0, 0, 0], 0);
        var noisy = Result([0, 0, 0, 0], [1, 1, 0, 0], 0);
        var denoised = Result([0, 0, 0, 0], [1, 0, 0, 0], 0);
        Assert.Equal(0.5, new NoiseConditions(clean, noisy, denoised).RecoveredFraction!.Value, 12);
        Assert.Null(new NoiseConditions(clean, noisy, null).RecoveredFraction);
        Assert.Null(new NoiseConditions(clean, clean, clean).RecoveredFraction);
    }
}
