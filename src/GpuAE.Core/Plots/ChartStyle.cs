using ScottPlot;

namespace GpuAE.Plots;

/// <summary>Font sizes, colours and grid shared by all charts, so they look alike side by side.</summary>
internal static class ChartStyle
{
    public const float TitleSize = 16, LabelSize = 13, TickSize = 11, LegendSize = 11;
    public static readonly Color Text = Color.FromHex("#222222");
    public static readonly Color Grid = Color.FromHex("#E6E6E6");

    public static void Apply(Plot plot, string? title, string? xLabel, string? yLabel)
    {
        if (!string.IsNullOrEmpty(title)) plot.Title(title, TitleSize);
        if (!string.IsNullOrEmpty(xLabel)) plot.XLabel(xLabel, LabelSize);
        if (!string.IsNullOrEmpty(yLabel)) plot.YLabel(yLabel, LabelSize);
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontSize = TickSize;
            axis.TickLabelStyle.ForeColor = Text;
            axis.Label.ForeColor = Text;
        }
        plot.Axes.Title.Label.ForeColor = Text;
        plot.Grid.MajorLineColor = Grid;
        plot.Legend.FontSize = LegendSize;
        plot.Legend.FontName = ChartFonts.Family;
        plot.HideLegend(); // charts that need one put it outside, see LegendOutside
    }

    /// <summary>The legend right of the plot area: it never covers data, however the data falls.</summary>
    public static void LegendOutside(Plot plot) => plot.ShowLegend(Edge.Right);

    /// <summary>ScottPlot colour of a "#RRGGBB" palette entry.</summary>
    public static Color Hex(string hex) => Color.FromHex(hex);
}
