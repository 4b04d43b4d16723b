using GpuAE.Plots;
using static GpuAE.Tests.Plots.SvgTestReading;

namespace GpuAE.Tests.Plots;

public class SvgScatterChartTests
{
    [Fact]
    public void Labelled_points_are_grouped_into_one_class_per_label_in_label_order()
    {
        var chart = new SvgScatterChart().AddLabelledPoints([0, 1, 2, 3, 4], [0, 1, 0, 1, 0], [2, 0, 2, 1, 0]);
        var series = Groups(Parse(chart.ToSvg()), "series").ToList();

        Assert.Equal(["0", "1", "2"], series.Select(g => (string)g.Attribute("data-label")!));
        Assert.Equal([2, 1, 2], series.Select(g => g.Elements(Ns + "circle").Count()));
    }

    [Fact]
    public void Class_names_replace_numeric_labels_in_the_legend()
    {
        var chart = new SvgScatterChart().AddLabelledPoints([0, 1], [0, 1], [0, 1], ["zero", "one"]);

        Assert.Equal(["zero", "one"], Texts(Groups(Parse(chart.ToSvg()), "legend").Single()));
    }

    [Fact]
    public void Each_class_has_its_own_colour()
    {
        var chart = new SvgScatterChart().AddLabelledPoints([0, 1, 2], [0, 1, 2], [0, 1, 2]);
        var fills = Groups(Parse(chart.ToSvg()), "series").Select(g => (string)g.Element(Ns + "circle")!.Attribute("fill")!).ToList();

        Assert.Equal(3, fills.Distinct().Count());
    }

    [Fact]
    public void Ten_classes_use_the_ten_colour_palette()
    {
        var ids = Enumerable.Range(0, 10).ToArray();
        var chart = new SvgScatterChart().AddLabelledPoints(ids.Select(i => (double)i).ToList(), ids.Select(i => (double)i).ToList(), ids);
        var fills = Groups(Parse(chart.ToSvg()), "series").Select(g => (string)g.Element(Ns + "circle")!.Attribute("fill")!);

        Assert.Equal(Palette.Tableau10, fills);
    }

    [Fact]
    public void Non_finite_points_are_skipped()
    {
        var chart = new SvgScatterChart().AddClass("a", [0, double.NaN, 2, 3], [0, 1, double.NegativeInfinity, 3]);

        Assert.Equal(2, Groups(Parse(chart.ToSvg()), "series").Single().Elements(Ns + "circle").Count());
    }

    [Fact]
    public void Mismatched_label_count_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new SvgScatterChart().AddLabelledPoints([0, 1], [0, 1], [0]));

        Assert.Contains("got 2 x, 2 y, 1 labels", e.Message);
    }
}
