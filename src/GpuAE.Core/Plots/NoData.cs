using ScottPlot;

namespace GpuAE.Plots;

/// <summary>A chart with nothing to draw says so in its middle instead of showing an empty frame.</summary>
internal static class NoData
{
    public static void Show(Plot plot)
    {
        plot.Axes.SetLimits(0, 1, 0, 1);
        var text = plot.Add.Text("no data", 0.5, 0.5);
        text.LabelFontSize = ChartStyle.LabelSize;
        text.LabelAlignment = Alignment.MiddleCenter;
        text.LabelFontColor = Colors.Gray;
    }
}
