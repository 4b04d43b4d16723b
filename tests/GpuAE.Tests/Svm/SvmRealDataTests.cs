using GpuAE.Data;
using GpuAE.Svm;
using GpuAE.Metrics;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Svm;

public sealed class SvmRealDataTests(ITestOutputHelper output)
{
    [Fact]
    public void An_rbf_svm_on_1000_fashion_mnist_images_classifies_over_70_percent_of_200_test_images()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        var train = DatasetStore.Load("fashion-mnist", "train", RealData.DataDir).Take(1000);
        var test = DatasetStore.Load("fashion-mnist", "test", RealData.DataDir).Take(200);
        using var model = SvmModel.Train(train.Images, Dataset.PixelsPerImage, Array.ConvertAll(train.Labels, b => (int)b), new SvmParameters(C: 5, Gamma: 0.05));
        var predicted = model.Predict(test.Images);
        var confusion = new ConfusionMatrix(test.ClassCount, Array.ConvertAll(test.Labels, b => (int)b), predicted);
        output.WriteLine($"test accuracy {confusion.Accuracy:P1}, {model.SupportVectorCount} support vectors");
        Assert.Equal(10, model.ClassCount);
        Assert.True(confusion.Accuracy > 0.70, $"test accuracy {confusion.Accuracy:P1}");
    }
}
