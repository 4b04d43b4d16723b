using GpuAE.Metrics;

namespace GpuAE.Tests.Metrics;

public sealed class ConfusionMatrixTests
{
    private static readonly ConfusionMatrix Example = new(3, [0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0]);

    [Fact]
    public void Counts_true_classes_in_rows_and_predictions_in_columns()
    {
        Assert.Equal(1, Example.Counts[0, 1]);
        Assert.Equal(2, Example.Counts[1, 1]);
        Assert.Equal(1, Example.Counts[2, 0]);
    }

    [Fact]
    public void Accuracy_is_the_diagonal_over_the_total() => Assert.Equal(4.0 / 6.0, Example.Accuracy);

    [Fact]
    public void Class_accuracy_is_the_recall_of_that_class()
    {
        Assert.Equal(0.5, Example.ClassAccuracy(0));
        Assert.Equal(1.0, Example.ClassAccuracy(1));
        Assert.Equal(2, Example.Support(2));
    }

    [Fact]
    public void A_class_without_rows_has_undefined_accuracy() =>
        Assert.True(double.IsNaN(new ConfusionMatrix(3, [0], [0]).ClassAccuracy(2)));

    [Fact]
    public void A_label_outside_the_classes_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix(2, [0, 2], [0, 1]));
}
