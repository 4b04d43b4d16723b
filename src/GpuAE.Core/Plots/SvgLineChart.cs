namespace GpuAE.Plots;

/// <summary>
/// A multi-series line chart as a standalone SVG: title, axis titles, nice ticks, grid, legend,
/// optional markers and log y axis. Non-finite points (and non-positive ones on a log axis) are
/// skipped and break the line; a lone point is drawn as a marker.
/// </summary>
public sealed class SvgLineChart
{
    private readonly List<XYSeries> _series = [];

    public string? Title { get; set; }
    public string? XLabel { get; set; }
    public string? YLabel { get; set; }
    public double Width { get; set; } = 720;
    public double Height { get; set; } = 440;
    public bool LogY { get; set; }
    /// <summary>Markers on every point; null: only when no series has more than 40 points.</summary>
    public bool? ShowMarkers { get; set; }
    /// <summary>Whole-number x ticks only; null: when every x value is a whole number (epochs).</summary>
    public bool? IntegerX { get; set; }
    public LegendPosition Legend { get; set; } = LegendPosition.Auto;
    public ChartStyle Style { get; set; } = ChartStyle.Default;

    public int SeriesCount => _series.Count;

    /// <summary>Adds a series; <paramref name="color"/> defaults to the next palette colour.</summary>
    public SvgLineChart AddSeries(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string? color = null)
    {
        _series.Add(new XYSeries(name, x, y, color));
        return this;
    }

    public SvgLineChart AddSeries(string name, IReadOnlyList<float> x, IReadOnlyList<float> y, string? color = null) =>
        AddSeries(name, XYSeries.Widen(x), XYSeries.Widen(y), color);

    public void Save(string path) => IO.AtomicFile.WriteAllText(path, ToSvg());

    public string ToSvg()
    {
        var colors = Palette.ForCategories(_series.Count);
        string ColorOf(int i) => _series[i].Color ?? colors[i];
        bool markers = ShowMarkers ?? _series.All(s => s.X.Length <= 40);

        var legend = new Legend(_series.Select((s, i) => new LegendEntry(s.Name, ColorOf(i), markers ? LegendSymbol.LineAndMarker : LegendSymbol.Line)).ToList(), Style);
        var position = Legend;
        var (xSpec, ySpec, hasData) = XYSeries.Axes(_series, XLabel, YLabel, LogY, IntegerX);
        var frame = ChartFrame.Layout(Width, Height, Title, xSpec, ySpec, Style, legend.ReserveRight(position));

        var svg = new SvgDocument(Width, Height, Title);
        frame.DrawBackground(svg);
        var drawn = new List<(double X, double Y)>();
        for (int i = 0; i < _series.Count; i++) DrawSeries(svg, frame, _series[i], ColorOf(i), markers, drawn);
        if (!hasData) svg.Text(frame.Plot.Left + frame.Plot.Width / 2, frame.Plot.Top + frame.Plot.Height / 2, "no data",
            new TextStyle(Style.AxisLabelSize, TextAnchor.Middle, Color: Style.AxisColor));
        frame.DrawAxes(svg);
        if (position != LegendPosition.Hidden && _series.Count > 0) legend.Draw(svg, legend.Place(position, frame.Plot, drawn));
        return svg.ToString();
    }

    private void DrawSeries(SvgDocument svg, ChartFrame frame, XYSeries series, string color, bool markers, List<(double X, double Y)> drawn)
    {
        svg.BeginGroup("series", series.Name);
        var runs = series.VisibleRuns(LogY)
            .Select(run => (IReadOnlyList<(double X, double Y)>)run.Select(i => (frame.X.Map(series.X[i]), frame.Y.Map(series.Y[i]))).ToList())
            .ToList();
        var lines = runs.Where(r => r.Count > 1).ToList();
        if (lines.Count > 0) svg.Path(lines, color, Style.LineWidth);
        foreach (var run in runs)
        {
            if (markers || run.Count == 1)
                foreach (var (x, y) in run) svg.Circle(x, y, Style.MarkerRadius, color, Style.Background, 1);
            drawn.AddRange(Densify(run));
        }
        svg.EndGroup();
    }

    /// <summary>Points along each segment too, so automatic legend placement avoids lines, not just vertices.</summary>
    private static IEnumerable<(double X, double Y)> Densify(IReadOnlyList<(double X, double Y)> run)
    {
        if (run.Count == 1) { yield return run[0]; yield break; }
        for (int i = 1; i < run.Count; i++)
            for (int k = 0; k < 8; k++)
            {
                double t = k / 8.0;
                yield return (run[i - 1].X + t * (run[i].X - run[i - 1].X), run[i - 1].Y + t * (run[i].Y - run[i - 1].Y));
            }
        yield return run[^1];
    }
}
