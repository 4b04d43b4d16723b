using GpuAE.Classification;
using GpuAE.Data;
using GpuAE.Stacked;
using GpuAE.Metrics;

namespace GpuAE.Tests.Stacked;

/// <summary>Class-balanced pseudo-labelling: which pool images get pseudo-labels, and with which labels.</summary>
public sealed class SelfTrainingTests
{
    // Ten pool images: predicted classes and confidences chosen so that every rule below matters.
    private static readonly Predictions Predicted = new(
        [0, 0, 0, 1, 1, 2, 0, 1, 2, 2],
        [0.9f, 0.5f, 0.7f, 0.6f, 0.95f, 0.4f, 0.99f, 0.6f, 0.8f, 0.3f]);

    [Fact]
    public void Each_predicted_class_gives_its_most_confident_images()
    {
        var picked = SelfTraining.MostConfident(Predicted, [], classes: 3, perClass: 2);
        Assert.Equal(new[] { 0, 3, 4, 5, 6, 8 }, picked); // class 0: 6, 0; class 1: 4, then 3 (tie with 7: lower index); class 2: 8, 5
    }

    [Fact]
    public void Labelled_images_are_never_pseudo_labelled()
    {
        var picked = SelfTraining.MostConfident(Predicted, [6, 4], classes: 3, perClass: 1);
        Assert.Equal([0, 3, 8], picked);
    }

    [Fact]
    public void A_class_with_fewer_predictions_than_asked_gives_all_it_has()
    {
        var picked = SelfTraining.MostConfident(Predicted, [], classes: 4, perClass: 5);
        Assert.Equal(Enumerable.Range(0, 10), picked);
    }

    [Fact]
    public void The_pick_grows_evenly_over_the_rounds_to_the_full_count()
    {
        Assert.Equal([83, 166, 250], Enumerable.Range(1, 3).Select(r => SelfTraining.PerClassInRound(250, r, 3)));
    }

    [Fact]
    public void Pseudo_labelled_images_carry_the_predicted_label_and_labelled_ones_their_true_label()
    {
        var pool = StackedTestData.Images(10, 1); // true label of image i is i mod 10
        var union = SelfTraining.WithPseudoLabels(pool, [1, 2], [4, 5], Predicted);
        Assert.Equal([1, 2, 1, 2], union.Labels);
        Assert.Equal(pool.Image(5).ToArray(), union.Image(3).ToArray());
        Assert.Equal(4, pool.Labels[4]); // the pool keeps its own labels
    }

    [Fact]
    public void Pseudo_label_accuracy_compares_with_the_pools_true_labels()
    {
        var pool = StackedTestData.Images(10, 1);
        Assert.Equal(0.5, SelfTraining.PseudoLabelAccuracy(pool, [0, 1, 2, 3], new Predictions([0, 1, 0, 0, 0, 0, 0, 0, 0, 0], new float[10])));
        Assert.True(double.IsNaN(SelfTraining.PseudoLabelAccuracy(pool, [], Predicted)));
    }

    [Fact]
    public void The_softmax_probability_matches_a_float64_reference_even_for_huge_logits()
    {
        float[] logits = [1000f, 998f, -5f];
        double e1 = Math.Exp(-2), e2 = Math.Exp(-1005);
        Assert.Equal(1 / (1 + e1 + e2), ClassificationMeasure.SoftmaxProbability(logits, 0), 6);
        Assert.Equal(e1 / (1 + e1 + e2), ClassificationMeasure.SoftmaxProbability(logits, 1), 6);
    }
}
