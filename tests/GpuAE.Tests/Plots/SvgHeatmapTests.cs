using GpuAE.Plots;
using static GpuAE.Tests.Plots.SvgTestReading;

namespace GpuAE.Tests.Plots;

public class SvgHeatmapTests
{
    private static readonly double[,] Matrix = { { 1, 2, 3 }, { 4, 5, 6 } };

    [Fact]
    public void Draws_one_cell_per_matrix_entry()
    {
        var cells = Groups(Parse(new SvgHeatmap(Matrix).ToSvg()), "cells").Single();

        Assert.Equal(6, cells.Elements(Ns + "rect").Count());
    }

    [Fact]
    public void Row_zero_is_at_the_top()
    {
        var rects = Groups(Parse(new SvgHeatmap(Matrix).ToSvg()), "cells").Single().Elements(Ns + "rect").ToList();

        Assert.True(Attr(rects[0], "y") < Attr(rects[3], "y"));
    }

    [Fact]
    public void Lowest_and_highest_values_get_the_ends_of_the_colour_map()
    {
        var fills = Groups(Parse(new SvgHeatmap(Matrix).ToSvg()), "cells").Single().Elements(Ns + "rect")
            .Select(r => (string)r.Attribute("fill")!).ToList();

        Assert.Equal(ColorMap.Viridis.ColorAt(0), fills[0]);
        Assert.Equal(ColorMap.Viridis.ColorAt(1), fills[5]);
    }

    [Fact]
    public void Cell_values_are_printed_with_the_value_format()
    {
        var heatmap = new SvgHeatmap(new double[,] { { 0.123, 0.5 } }) { ValueFormat = "0.00" };

        Assert.Equal(["0.12", "0.50"], Texts(Groups(Parse(heatmap.ToSvg()), "values").Single()));
    }

    [Fact]
    public void Value_text_is_dark_on_light_cells_and_white_on_dark_ones()
    {
        var texts = Groups(Parse(new SvgHeatmap(new double[,] { { 0, 1 } }).ToSvg()), "values").Single().Elements(Ns + "text").ToList();

        Assert.Equal("#FFFFFF", (string)texts[0].Attribute("fill")!); // viridis low end is dark purple
        Assert.Equal("#111111", (string)texts[1].Attribute("fill")!); // high end is yellow
    }

    [Fact]
    public void Values_are_left_out_when_cells_are_too_small_to_read()
    {
        var heatmap = new SvgHeatmap(new double[60, 60]) { Width = 400, Height = 400 };

        Assert.Empty(Groups(Parse(heatmap.ToSvg()), "values"));
    }

    [Fact]
    public void NaN_cells_are_gray_and_unlabelled()
    {
        var root = Parse(new SvgHeatmap(new double[,] { { double.NaN, 1, 2 } }).ToSvg());

        Assert.Equal("#EEEEEE", (string)Groups(root, "cells").Single().Elements(Ns + "rect").First().Attribute("fill")!);
        Assert.Equal(["1", "2"], Texts(Groups(root, "values").Single()));
    }

    [Fact]
    public void Row_and_column_labels_become_tick_labels()
    {
        var heatmap = new SvgHeatmap(Matrix) { ColumnLabels = ["a", "b", "c"], RowLabels = ["top", "bottom"] };
        var root = Parse(heatmap.ToSvg());

        Assert.Equal(["a", "b", "c"], TickLabels(root, "x-axis"));
        Assert.Equal(["top", "bottom"], TickLabels(root, "y-axis"));
    }

    [Fact]
    public void Colour_bar_has_nice_ticks_inside_the_value_range_and_its_label()
    {
        var heatmap = new SvgHeatmap(new double[,] { { 0.13, 0.91 } }) { ColorBarLabel = "SSIM" };
        var bar = Groups(Parse(heatmap.ToSvg()), "color-bar").Single();

        Assert.Equal(["0.2", "0.4", "0.6", "0.8", "SSIM"], Texts(bar));
    }

    [Fact]
    public void Label_count_must_match_the_matrix()
    {
        var e = Assert.Throws<ArgumentException>(() => new SvgHeatmap(Matrix) { RowLabels = ["only one"] }.ToSvg());

        Assert.Equal("heatmap has 2 rows but 1 row labels", e.Message);
    }

    [Fact]
    public void Many_row_labels_are_thinned_so_they_do_not_overlap()
    {
        var heatmap = new SvgHeatmap(new double[100, 3]) { Height = 400 };

        var labels = TickLabels(Parse(heatmap.ToSvg()), "y-axis");

        Assert.InRange(labels.Count, 2, 30);
        Assert.Equal("0", labels[0]);
    }
}
