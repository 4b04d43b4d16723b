using GpuAE.Metrics;

namespace GpuAE.Tests.Metrics;

public sealed class OverSeedsTests
{
    [Theory]
    [InlineData(1, 12.706205)]
    [InlineData(4, 2.776445)]
    [InlineData(30, 2.042272)]
    [InlineData(40, 2.021075)] // beyond the table: scipy.stats.t.ppf(0.975, 40)
    [InlineData(120, 1.979930)]
    public void The_t_quantile_matches_students_distribution(int df, double expected) =>
        Assert.Equal(expected, OverSeeds.StudentT975(df), 1e-4);

    [Fact]
    public void Five_seeds_give_the_mean_the_sample_sd_and_the_t_interval_of_the_mean()
    {
        var s = OverSeeds.Of([1, 2, 3, 4, 5]);
        Assert.Equal(3, s.Mean, 12);
        Assert.Equal(Math.Sqrt(2.5), s.Sd!.Value, 12);
        double half = 2.776445 * Math.Sqrt(2.5) / Math.Sqrt(5);
        Assert.Equal(3 - half, s.Low!.Value, 5);
        Assert.Equal(3 + half, s.High!.Value, 5);
        Assert.Equal(5, s.Count);
        Assert.True(s.Contains(4.9));
        Assert.False(s.Contains(5.0));
    }

    [Fact]
    public void One_seed_has_no_spread_and_says_nothing_about_the_paper()
    {
        var s = OverSeeds.Of([0.7]);
        Assert.Equal(0.7, s.Mean);
        Assert.Null(s.Sd);
        Assert.Null(s.Contains(0.7));
    }

    [Fact]
    public void Seeds_that_all_give_the_papers_value_put_it_inside_their_zero_width_interval() =>
        Assert.True(OverSeeds.Of([0.1, 0.1, 0.1]).Contains(0.1));
}
