using GpuAE.Metrics;
using GpuAE.Training;

namespace GpuAE.Tests.Training;

/// <summary>A run that goes wrong says so in one line: a loss that explodes, an output that collapses to a constant.</summary>
public sealed class DivergenceTests
{
    [Fact]
    public void A_loss_a_hundred_times_the_first_epochs_is_reported_once()
    {
        var watch = new DivergenceWatch();
        Assert.Null(watch.Check(1, 0.02));
        Assert.Null(watch.Check(2, 1.5));
        Assert.Contains("rose from 0.02 to 2.5", watch.Check(3, 2.5));
        Assert.Null(watch.Check(4, 3.0));
    }

    [Fact]
    public void A_non_finite_loss_is_reported() =>
        Assert.Contains("NaN (diverged); try a lower --lr", new DivergenceWatch().Check(1, double.NaN));

    [Fact]
    public void A_constant_output_image_is_a_collapse()
    {
        var blank = new Evaluation(10, "mask:0.2", 0.1, 0.04, 0.1, 14.7, 10, 0.5, 0.01) { OutputSpread = 0 };
        var fine = blank with { OutputSpread = 0.9 };
        Assert.Contains("collapsed to a constant image", blank.Collapse);
        Assert.Null(fine.Collapse);
        Assert.Contains("epoch 2: the output has collapsed", new DivergenceWatch().CheckCollapse(2, blank.Collapse));
    }

    [Fact]
    public void A_classifier_that_predicts_one_class_for_everything_has_collapsed()
    {
        var one = new ClassificationResult(new ConfusionMatrix(3, [0, 1, 2, 1], [1, 1, 1, 1]), 1.0);
        var mixed = new ClassificationResult(new ConfusionMatrix(3, [0, 1, 2, 1], [0, 1, 1, 1]), 1.0);
        Assert.Contains("predicts class 1 for every image", one.Collapse);
        Assert.Null(mixed.Collapse);
    }
}
