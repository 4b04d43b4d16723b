using GpuAE.Svm;

namespace GpuAE.Tests.Svm;

public sealed class SvmModelTests
{
    private static readonly SvmParameters Rbf = new(C: 10, Gamma: 1);

    [Fact]
    public void Learns_xor_perfectly_with_the_rbf_kernel()
    {
        var (train, trainLabels) = SvmTestData.Xor(perCorner: 20, seed: 1);
        var (test, testLabels) = SvmTestData.Xor(perCorner: 10, seed: 2);
        using var model = SvmModel.Train(train, 2, trainLabels, Rbf);
        Assert.Equal(testLabels, model.Predict(test));
        Assert.Equal(trainLabels, model.Predict(train));
    }

    [Fact]
    public void Training_twice_on_the_same_data_gives_the_same_predictions()
    {
        var (train, labels) = SvmTestData.Xor(perCorner: 15, seed: 3);
        var (grid, _) = SvmTestData.Xor(perCorner: 50, seed: 4);
        using var first = SvmModel.Train(train, 2, labels, new SvmParameters(C: 0.5, Gamma: 0.3));
        using var second = SvmModel.Train(train, 2, labels, new SvmParameters(C: 0.5, Gamma: 0.3));
        Assert.Equal(first.Predict(grid), second.Predict(grid));
        Assert.Equal(first.SupportVectorCount, second.SupportVectorCount);
    }

    [Fact]
    public void Predicts_the_labels_it_was_trained_on_even_when_they_are_not_0_to_k()
    {
        var (train, labels) = SvmTestData.Xor(perCorner: 10, seed: 5);
        int[] renamed = Array.ConvertAll(labels, l => l == 1 ? 7 : 3);
        using var model = SvmModel.Train(train, 2, renamed, Rbf);
        Assert.Equal([3, 7], model.Labels.Order());
        Assert.Equal(7, model.Predict([1f, 1f]));
        Assert.Equal(3, model.Predict([1f, -1f]));
    }

    [Fact]
    public void Reports_class_and_support_vector_counts()
    {
        var (train, labels) = SvmTestData.Xor(perCorner: 10, seed: 6);
        using var model = SvmModel.Train(train, 2, labels, Rbf);
        Assert.Equal(2, model.ClassCount);
        Assert.InRange(model.SupportVectorCount, 2, labels.Length);
    }

    [Theory]
    [InlineData(0.0, 1.0, "C <= 0")]
    [InlineData(1.0, -1.0, "gamma < 0")]
    public void Parameters_libsvm_rejects_surface_as_a_one_line_message(double c, double gamma, string reason)
    {
        var (train, labels) = SvmTestData.Xor(perCorner: 5, seed: 7);
        var e = Assert.Throws<SvmParameterException>(() => SvmModel.Train(train, 2, labels, new SvmParameters(c, gamma)));
        Assert.Contains(reason, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_row_of_the_wrong_width_is_rejected()
    {
        var (train, labels) = SvmTestData.Xor(perCorner: 5, seed: 8);
        using var model = SvmModel.Train(train, 2, labels, Rbf);
        Assert.Throws<ArgumentException>(() => model.Predict([1f, 2f, 3f]));
    }

    [Fact]
    public void A_disposed_model_cannot_predict()
    {
        var (train, labels) = SvmTestData.Xor(perCorner: 5, seed: 9);
        var model = SvmModel.Train(train, 2, labels, Rbf);
        model.Dispose();
        Assert.Throws<ObjectDisposedException>(() => model.Predict([1f, 1f]));
    }

    [Fact]
    public void Reports_the_libsvm_3_version_it_loaded() =>
        Assert.InRange(SvmModel.LibraryVersion, 300, 399);
}

public sealed class LibSvmLoadingTests
{
    [Fact]
    public void A_missing_library_is_a_one_line_error_naming_the_debian_package()
    {
        var e = Assert.Throws<SvmLibraryNotFoundException>(() => LibSvmNative.Load(["libsvm-that-does-not-exist.so.3"]));
        Assert.Equal("libsvm not found: install the Debian package libsvm3 (apt-get install libsvm3)", e.Message);
    }
}
