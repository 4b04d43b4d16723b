using GpuAE.Stacked;

namespace GpuAE.Tests.Stacked;

public sealed class LabelledSubsetTests
{
    private static readonly byte[] Labels = [.. Enumerable.Range(0, 300).Select(i => (byte)((i * 7) % 10))];

    [Fact]
    public void The_subset_has_exactly_N_images_of_every_class()
    {
        var indices = LabelledSubset.Draw(Labels, 5, 10, seed: 1);
        Assert.Equal(50, indices.Length);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(5, indices.Count(i => Labels[i] == c)));
    }

    [Fact]
    public void The_subset_has_no_repeated_index_and_is_sorted()
    {
        var indices = LabelledSubset.Draw(Labels, 20, 10, seed: 3);
        Assert.Equal(indices.Length, indices.Distinct().Count());
        Assert.Equal(indices.Order(), indices);
    }

    [Fact]
    public void The_same_seed_draws_the_same_subset() =>
        Assert.Equal(LabelledSubset.Draw(Labels, 5, 10, seed: 7), LabelledSubset.Draw(Labels, 5, 10, seed: 7));

    [Fact]
    public void Another_seed_draws_another_subset() =>
        Assert.NotEqual(LabelledSubset.Draw(Labels, 5, 10, seed: 7), LabelledSubset.Draw(Labels, 5, 10, seed: 8));

    [Fact]
    public void The_subset_is_not_simply_the_first_images_of_each_class()
    {
        var indices = LabelledSubset.Draw(Labels, 5, 10, seed: 1);
        var firsts = Enumerable.Range(0, 10).SelectMany(c => Enumerable.Range(0, Labels.Length).Where(i => Labels[i] == c).Take(5)).Order();
        Assert.NotEqual(firsts, indices);
    }

    [Fact]
    public void Asking_for_more_images_than_a_class_has_names_the_class_and_the_pool()
    {
        var e = Assert.Throws<StackedException>(() => LabelledSubset.Draw(Labels, 31, 10, seed: 1));
        Assert.Contains("class 0 has only 30 images", e.Message);
        Assert.Contains("300-image training pool", e.Message);
    }
}
