using System.Globalization;

namespace GpuAE.Plots;

/// <summary>
/// Points coloured by class with a class legend, e.g. a 2-D embedding of digit codes. Each class is one
/// group of circles; points that are not finite are skipped.
/// </summary>
public sealed class SvgScatterChart
{
    private readonly List<XYSeries> _classes = [];

    public string? Title { get; set; }
    public string? XLabel { get; set; }
    public string? YLabel { get; set; }
    public double Width { get; set; } = 640;
    public double Height { get; set; } = 520;
    public double PointRadius { get; set; } = 3;
    /// <summary>Fill opacity, below 1 so dense clusters show their density.</summary>
    public double Opacity { get; set; } = 0.7;
    public LegendPosition Legend { get; set; } = LegendPosition.OutsideRight;
    public ChartStyle Style { get; set; } = ChartStyle.Default;

    public int ClassCount => _classes.Count;

    public SvgScatterChart AddClass(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string? color = null)
    {
        _classes.Add(new XYSeries(name, x, y, color));
        return this;
    }

    /// <summary>
    /// Adds points split by integer label, one class per distinct label in ascending order, named
    /// <paramref name="classNames"/>[label] when given, else the label itself.
    /// </summary>
    public SvgScatterChart AddLabelledPoints(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<int> labels, IReadOnlyList<string>? classNames = null)
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

    public void Save(string path) => IO.AtomicFile.WriteAllText(path, ToSvg());

    public string ToSvg()
    {
        var colors = Palette.ForCategories(_classes.Count);
        string ColorOf(int i) => _classes[i].Color ?? colors[i];
        var legend = new Legend(_classes.Select((c, i) => new LegendEntry(c.Name, ColorOf(i), LegendSymbol.Marker)).ToList(), Style);
        var (xSpec, ySpec, hasData) = XYSeries.Axes(_classes, XLabel, YLabel, logY: false, integerX: false);
        var frame = ChartFrame.Layout(Width, Height, Title, xSpec, ySpec, Style, legend.ReserveRight(Legend));

        var svg = new SvgDocument(Width, Height, Title);
        frame.DrawBackground(svg);
        var drawn = new List<(double X, double Y)>();
        for (int c = 0; c < _classes.Count; c++)
        {
            var points = _classes[c];
            svg.BeginGroup("series", points.Name);
            for (int i = 0; i < points.X.Length; i++)
            {
                if (!points.IsVisible(i, logY: false)) continue;
                var (px, py) = (frame.X.Map(points.X[i]), frame.Y.Map(points.Y[i]));
                svg.Circle(px, py, PointRadius, ColorOf(c), opacity: Opacity);
                drawn.Add((px, py));
            }
            svg.EndGroup();
        }
        if (!hasData) svg.Text(frame.Plot.Left + frame.Plot.Width / 2, frame.Plot.Top + frame.Plot.Height / 2, "no data",
            new TextStyle(Style.AxisLabelSize, TextAnchor.Middle, Color: Style.AxisColor));
        frame.DrawAxes(svg);
        if (Legend != LegendPosition.Hidden) legend.Draw(svg, legend.Place(Legend, frame.Plot, drawn));
        return svg.ToString();
    }
}
