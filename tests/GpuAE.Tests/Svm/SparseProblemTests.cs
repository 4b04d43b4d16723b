using GpuAE.Svm;

namespace GpuAE.Tests.Svm;

/// <summary>Rows reach libsvm as non-zero (1-based index, value) nodes ending with index -1.</summary>
public sealed class SparseProblemTests
{
    [Fact]
    public void Keeps_only_non_zero_features_with_one_based_indices_and_a_terminator()
    {
        using var problem = new SparseProblem([0f, 0.5f, 0f, 2f], 4, [1]);
        var nodes = problem.Nodes(0);
        Assert.Equal([(2, 0.5), (4, 2.0)], nodes[..^1]);
        Assert.Equal(-1, nodes[^1].Index);
    }

    [Fact]
    public void An_all_zero_row_is_just_the_terminator()
    {
        using var problem = new SparseProblem([1f, 0f, 0f, 0f], 2, [0, 1]);
        Assert.Equal([-1], problem.Nodes(1).Select(n => n.Index));
    }

    [Fact]
    public void Rows_and_labels_round_trip_in_order()
    {
        float[] features = [0.25f, 0f, 0f, 1f, 3f, -2f];
        using var problem = new SparseProblem(features, 2, [4, 8, 15]);
        Assert.Equal([4.0, 8.0, 15.0], Enumerable.Range(0, 3).Select(problem.Label));
        Assert.Equal([(1, 0.25), (-1, 0.0)], problem.Nodes(0).Select(n => (n.Index, n.Index < 0 ? 0 : n.Value)));
        Assert.Equal([(2, 1.0), (-1, 0.0)], problem.Nodes(1).Select(n => (n.Index, n.Index < 0 ? 0 : n.Value)));
        Assert.Equal([(1, 3.0), (2, -2.0), (-1, 0.0)], problem.Nodes(2).Select(n => (n.Index, n.Index < 0 ? 0 : n.Value)));
    }

    [Fact]
    public void The_native_problem_lists_every_row()
    {
        using var problem = new SparseProblem(new float[12], 4, [0, 1, 2]);
        Assert.Equal(3, problem.Native.L);
    }

    [Fact]
    public void Features_that_are_not_whole_rows_are_rejected() =>
        Assert.Throws<ArgumentException>(() => new SparseProblem(new float[5], 2, [0, 1]));

    [Fact]
    public void A_disposed_problem_cannot_be_read()
    {
        var problem = new SparseProblem([1f], 1, [0]);
        problem.Dispose();
        Assert.Throws<ObjectDisposedException>(() => problem.Nodes(0));
    }
}
