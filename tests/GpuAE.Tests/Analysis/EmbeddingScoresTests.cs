using GpuAE.Analysis;

namespace GpuAE.Tests.Analysis;

/// <summary>kNN accuracy and the silhouette of a 2-D embedding, the scores that tell t-SNE maps apart.</summary>
public sealed class EmbeddingScoresTests
{
    private static readonly ParallelOptions Parallel = new();

    [Fact]
    public void Points_on_a_line_in_two_far_classes_have_the_hand_computed_silhouette()
    {
        // x = 0, 1 (class 0) and 10, 11 (class 1): s = (10.5 - 1) / 10.5 and (9.5 - 1) / 9.5, twice each.
        float[] points = [0, 0, 1, 0, 10, 0, 11, 0];
        double expected = ((10.5 - 1) / 10.5 + (9.5 - 1) / 9.5) / 2;
        Assert.Equal(expected, EmbeddingScores.SilhouetteScore(points, [0, 0, 1, 1], 4, 2, Parallel), 9);
    }

    [Fact]
    public void Separated_clusters_are_classified_perfectly_by_their_neighbours_and_mixed_ones_are_not()
    {
        var random = new Random(5);
        int n = 200;
        var points = new float[2 * n];
        var labels = new byte[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = (byte)(i % 4);
            points[2 * i] = labels[i] * 100 + (float)random.NextDouble();
            points[2 * i + 1] = (float)random.NextDouble();
        }
        var separated = EmbeddingScores.Compute(points, points, labels, n, 2);
        Assert.Equal(1.0, separated.KnnAccuracy5);
        Assert.Equal(1.0, separated.KnnAccuracy10);
        Assert.True(separated.Silhouette > 0.95);

        for (int i = 0; i < n; i++) points[2 * i] = (float)random.NextDouble(); // the classes now share one blob
        var mixed = EmbeddingScores.Compute(points, points, labels, n, 2);
        Assert.InRange(mixed.KnnAccuracy10, 0, 0.5);
        Assert.InRange(mixed.Silhouette, -0.2, 0.1);
    }

    [Fact]
    public void A_tied_vote_goes_to_the_lowest_class()
    {
        // Point 0's four neighbours: two of class 2, two of class 1 -> class 1 wins the tie, which is point 0's class.
        int[] neighbours = [1, 2, 3, 4];
        Assert.Equal(1.0, EmbeddingScores.KnnAccuracy(neighbours, 4, [1, 2, 2, 1, 1], 1, 4));
    }
}
