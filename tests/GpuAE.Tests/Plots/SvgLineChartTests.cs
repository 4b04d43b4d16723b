using GpuAE.Plots;
using static GpuAE.Tests.Plots.SvgTestReading;

namespace GpuAE.Tests.Plots;

public class SvgLineChartTests
{
    private static readonly double[] Epochs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    private static readonly double[] Train = [0.87, 0.52, 0.33, 0.21, 0.15, 0.11, 0.08, 0.06, 0.05, 0.045];
    private static readonly double[] Test = [0.80, 0.55, 0.38, 0.27, 0.20, 0.16, 0.13, 0.11, 0.10, 0.095];

    private static SvgLineChart LossChart() => new SvgLineChart { Title = "Loss per epoch", XLabel = "epoch", YLabel = "MSE" }
        .AddSeries("train", Epochs, Train)
        .AddSeries("test", Epochs, Test);

    [Fact]
    public void Output_is_a_well_formed_svg_document_of_the_requested_size()
    {
        var root = Parse(new SvgLineChart { Width = 640, Height = 400 }.AddSeries("a", Epochs, Train).ToSvg());

        Assert.Equal(Ns + "svg", root.Name);
        Assert.Equal(("640", "400"), ((string)root.Attribute("width")!, (string)root.Attribute("height")!));
    }

    [Fact]
    public void Title_and_axis_labels_are_drawn()
    {
        var texts = Texts(Parse(LossChart().ToSvg()));

        Assert.Contains("Loss per epoch", texts);
        Assert.Contains("epoch", texts);
        Assert.Contains("MSE", texts);
    }

    [Fact]
    public void Each_series_is_one_path_through_all_its_points()
    {
        var series = Groups(Parse(LossChart().ToSvg()), "series").ToList();

        Assert.Equal(["train", "test"], series.Select(g => (string)g.Attribute("data-label")!));
        Assert.All(series, g => Assert.Single(g.Elements(Ns + "path")));
        Assert.All(series, g => Assert.Equal(10, PathPoints(g.Element(Ns + "path")!).Points.Count));
    }

    [Fact]
    public void Series_get_distinct_palette_colours()
    {
        var strokes = Groups(Parse(LossChart().ToSvg()), "series").Select(g => (string)g.Element(Ns + "path")!.Attribute("stroke")!).ToList();

        Assert.Equal([Palette.OkabeIto[0], Palette.OkabeIto[1]], strokes);
    }

    [Fact]
    public void Legend_lists_every_series_in_order()
    {
        var legend = Groups(Parse(LossChart().ToSvg()), "legend").Single();

        Assert.Equal(["train", "test"], Texts(legend));
    }

    [Fact]
    public void Y_ticks_are_nice_evenly_spaced_and_cover_the_data()
    {
        var labels = TickLabels(Parse(LossChart().ToSvg()), "y-axis").Select(Number).ToList();
        double step = labels[1] - labels[0];

        Assert.Equal(AxisTicks.NiceNumber(step, true), step, 1e-12);
        for (int i = 2; i < labels.Count; i++) Assert.Equal(step, labels[i] - labels[i - 1], 1e-9);
        Assert.True(labels[0] <= 0.045 && labels[^1] >= 0.87, string.Join(", ", labels));
    }

    [Fact]
    public void Whole_number_x_data_gets_whole_number_ticks()
    {
        var root = Parse(new SvgLineChart().AddSeries("a", [1, 2, 3], [0.3, 0.2, 0.1]).ToSvg());

        Assert.Equal(["1", "2", "3"], TickLabels(root, "x-axis"));
    }

    [Fact]
    public void X_tick_labels_do_not_overlap_on_a_narrow_chart()
    {
        var chart = new SvgLineChart { Width = 260, Height = 200 }.AddSeries("a", [0, 123456], [1, 2]);
        var axis = Groups(Parse(chart.ToSvg()), "x-axis").Single();
        var labels = axis.Elements(Ns + "text").Select(t => (X: Attr(t, "x"), Width: TextMetrics.Width(t.Value, 12))).ToList();

        for (int i = 1; i < labels.Count; i++)
            Assert.True(labels[i].X - labels[i - 1].X >= (labels[i].Width + labels[i - 1].Width) / 2, "x tick labels overlap");
    }

    [Fact]
    public void Special_characters_in_text_are_escaped()
    {
        const string title = "<b>Loss & \"gain\" 'quoted'</b>";
        var root = Parse(new SvgLineChart { Title = title, YLabel = "a<b" }.AddSeries("x&y", Epochs, Train).ToSvg());

        Assert.Contains(title, Texts(root));
        Assert.Contains("a<b", Texts(root));
        Assert.Contains("x&y", Texts(Groups(root, "legend").Single()));
    }

    [Fact]
    public void Control_characters_in_text_are_dropped_so_the_xml_stays_valid()
    {
        var root = Parse(new SvgLineChart { Title = "run\u0001 7" }.AddSeries("a", Epochs, Train).ToSvg());

        Assert.Contains("run 7", Texts(root));
    }

    [Fact]
    public void NaN_and_infinite_points_are_skipped_and_break_the_line()
    {
        double[] y = [0.5, 0.4, double.NaN, 0.3, 0.2, double.PositiveInfinity, 0.15, 0.1];
        var chart = new SvgLineChart().AddSeries("a", [1, 2, 3, 4, 5, 6, 7, 8], y);

        var (points, subPaths) = PathPoints(Groups(Parse(chart.ToSvg()), "series").Single().Element(Ns + "path")!);

        Assert.Equal(6, points.Count);
        Assert.Equal(3, subPaths);
    }

    [Fact]
    public void A_single_point_is_drawn_as_a_marker()
    {
        var series = Groups(Parse(new SvgLineChart().AddSeries("a", [3], [0.25]).ToSvg()), "series").Single();

        Assert.Empty(series.Elements(Ns + "path"));
        Assert.Single(series.Elements(Ns + "circle"));
    }

    [Fact]
    public void Constant_series_gets_a_padded_range_around_its_value()
    {
        var root = Parse(new SvgLineChart().AddSeries("a", [1, 2, 3], [0.5, 0.5, 0.5]).ToSvg());
        var labels = TickLabels(root, "y-axis").Select(Number).ToList();

        Assert.True(labels[0] < 0.5 && labels[^1] > 0.5, string.Join(", ", labels));
    }

    [Fact]
    public void Log_y_skips_non_positive_values_and_labels_decades()
    {
        var chart = new SvgLineChart { LogY = true }.AddSeries("a", [1, 2, 3, 4], [1, 0.1, 0, 0.001]);
        var root = Parse(chart.ToSvg());

        var (points, _) = PathPoints(Groups(root, "series").Single().Element(Ns + "path")!);
        Assert.Equal(2, points.Count);
        Assert.Equal(["0.001", "0.01", "0.1", "1"], TickLabels(root, "y-axis"));
    }

    [Fact]
    public void Markers_appear_on_every_point_of_short_series()
    {
        var series = Groups(Parse(LossChart().ToSvg()), "series").First();

        Assert.Equal(10, series.Elements(Ns + "circle").Count());
    }

    [Fact]
    public void Markers_can_be_turned_off()
    {
        var chart = LossChart();
        chart.ShowMarkers = false;

        Assert.Empty(Groups(Parse(chart.ToSvg()), "series").First().Elements(Ns + "circle"));
    }

    [Fact]
    public void Chart_without_data_says_so()
    {
        Assert.Contains("no data", Texts(Parse(new SvgLineChart().AddSeries("a", [1], [double.NaN]).ToSvg())));
    }

    [Fact]
    public void Series_with_mismatched_lengths_is_rejected_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => new SvgLineChart().AddSeries("train", [1, 2, 3], [0.1, 0.2]));

        Assert.Equal("series 'train' has 3 x values but 2 y values", e.Message);
    }

    [Fact]
    public void Automatic_legend_avoids_the_corner_the_data_passes_through()
    {
        // Rising data fills the top-right corner, so the legend should move to the top left.
        var chart = new SvgLineChart().AddSeries("rising", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        var root = Parse(chart.ToSvg());
        var box = Groups(root, "legend").Single().Element(Ns + "rect")!;
        double svgWidth = Attr(root, "width");

        Assert.True(Attr(box, "x") < svgWidth / 2, "legend should sit on the left");
    }

    [Fact]
    public void Save_writes_the_same_svg_to_disk()
    {
        string path = Path.Combine(Path.GetTempPath(), $"gpuae-chart-{Guid.NewGuid():N}.svg");
        try
        {
            var chart = LossChart();
            chart.Save(path);
            Assert.Equal(chart.ToSvg(), File.ReadAllText(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Chart_too_small_for_its_labels_is_rejected_with_the_size_it_needs()
    {
        var e = Assert.Throws<ArgumentException>(() => LossChart().With(c => c.Height = 60).ToSvg());

        Assert.StartsWith("chart height 60 px leaves no room for the plot", e.Message);
    }
}

internal static class ChartTestExtensions
{
    public static T With<T>(this T chart, Action<T> change)
    {
        change(chart);
        return chart;
    }
}
