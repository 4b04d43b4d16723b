using System.Globalization;
using ScottPlot;

namespace GpuAE.Plots;

/// <summary>
/// Points coloured by class with a legend of class names right of the plot, e.g. a 2-D embedding of
/// digit codes. Points that are not finite are skipped.
/// </summary>
public sealed class ScatterChart : Chart
{
    private readonly List<(string Name, double[] X, double[] Y, string? Color)> _classes = [];

    public ScatterChart()
    {
        Width = 640;
        Height = 520;
    }

    public float PointSize { get; set; } = 5;
    /// <summary>Fill opacity, below 1 so dense clusters show their density.</summary>
    public double Opacity { get; set; } = 0.7;

    public int ClassCount => _classes.Count;

    public ScatterChart AddClass(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string? color = null)
    {
        if (x.Count != y.Count) throw new ArgumentException($"class '{name}' has {x.Count} x values but {y.Count} y values");
        _classes.Add((name, x.ToArray(), y.ToArray(), color));
        return this;
    }

    /// <summary>
    /// Adds points split by integer label, one class per distinct label in ascending order, named
    /// <paramref name="classNames"/>[label] when given, else the label itself.
    /// </summary>
    public ScatterChart AddLabelledPoints(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<int> labels, IReadOnlyList<string>? classNames = null)
    {
        if (x.Count != y.Count || x.Count != labels.Count)
            throw new ArgumentException($"scatter points need as many labels as x and y values, got {x.Count} x, {y.Count} y, {labels.Count} labels");
        foreach (var group in Enumerable.Range(0, x.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            string name = classNames is not null && group.Key >= 0 && group.Key < classNames.Count
                ? classNames[group.Key]
                : group.Key.ToString(CultureInfo.InvariantCulture);
            AddClass(name, group.Select(i => x[i]).ToList(), group.Select(i => y[i]).ToList());
        }
        return this;
    }

    protected override void Draw(Plot plot)
    {
        var colors = Palette.ForCategories(_classes.Count);
        bool any = false;
        for (int c = 0; c < _classes.Count; c++)
        {
            var (name, x, y, color) = _classes[c];
            var visible = Enumerable.Range(0, x.Length).Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i])).ToList();
            var points = plot.Add.ScatterPoints(visible.Select(i => x[i]).ToArray(), visible.Select(i => y[i]).ToArray(),
                ChartStyle.Hex(color ?? colors[c]).WithAlpha(Opacity));
            points.MarkerSize = PointSize;
            points.LegendText = name;
            any |= visible.Count > 0;
        }
        if (!any) NoData.Show(plot);
        if (any) ChartStyle.LegendOutside(plot); // an empty outside legend leaves the whole chart blank
    }
}
