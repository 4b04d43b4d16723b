using GpuAE.Plots;
using static GpuAE.Tests.Plots.SvgTestReading;

namespace GpuAE.Tests.Plots;

public class SvgBarChartTests
{
    private static SvgBarChart TwoSeries() => new SvgBarChart(["a", "b", "c"])
        .AddSeries("first", [1, 2, 3])
        .AddSeries("second", [2, 3, 4]);

    [Fact]
    public void Draws_one_bar_per_series_and_category()
    {
        var series = Groups(Parse(TwoSeries().ToSvg()), "series").ToList();

        Assert.Equal([3, 3], series.Select(g => g.Elements(Ns + "rect").Count()));
    }

    [Fact]
    public void Bar_heights_are_proportional_to_values()
    {
        var bars = Groups(Parse(TwoSeries().ToSvg()), "series").First().Elements(Ns + "rect").Select(r => Attr(r, "height")).ToList();

        Assert.Equal(2 * bars[0], bars[1], 1);
        Assert.Equal(3 * bars[0], bars[2], 1);
    }

    [Fact]
    public void Value_axis_includes_zero_even_when_all_values_are_large()
    {
        var chart = new SvgBarChart(["x", "y"]).AddSeries("s", [20, 25]);

        Assert.Equal("0", TickLabels(Parse(chart.ToSvg()), "y-axis")[0]);
    }

    [Fact]
    public void Categories_are_the_x_tick_labels()
    {
        Assert.Equal(["a", "b", "c"], TickLabels(Parse(TwoSeries().ToSvg()), "x-axis"));
    }

    [Fact]
    public void Legend_is_shown_for_several_series_and_hidden_for_one()
    {
        Assert.Equal(["first", "second"], Texts(Groups(Parse(TwoSeries().ToSvg()), "legend").Single()));
        Assert.Empty(Groups(Parse(new SvgBarChart(["a"]).AddSeries("only", [1]).ToSvg()), "legend"));
    }

    [Fact]
    public void Long_category_names_are_rotated_instead_of_overlapping()
    {
        var names = Enumerable.Range(0, 12).Select(i => $"a rather long category {i}").ToList();
        var chart = new SvgBarChart(names) { Width = 500 }.AddSeries("s", names.Select(_ => 1.0).ToList());
        var labels = Groups(Parse(chart.ToSvg()), "x-axis").Single().Elements(Ns + "text").Take(12);

        Assert.All(labels, t => Assert.StartsWith("rotate(-45", (string)t.Attribute("transform")!));
    }

    [Fact]
    public void Value_count_must_match_the_categories()
    {
        var e = Assert.Throws<ArgumentException>(() => new SvgBarChart(["a", "b"]).AddSeries("s", [1]));

        Assert.Equal("series 's' has 1 values but the chart has 2 categories", e.Message);
    }
}
