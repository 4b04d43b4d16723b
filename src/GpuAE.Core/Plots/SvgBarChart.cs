using System.Globalization;

namespace GpuAE.Plots;

/// <summary>
/// Grouped bars: one group per category, one bar per series, the value axis always including zero.
/// Non-finite values leave a gap. E.g. PSNR per noise level for several models.
/// </summary>
public sealed class SvgBarChart
{
    private const double GroupFill = 0.8; // share of a category's width the bars take
    private readonly List<(string Name, double[] Values, string? Color)> _series = [];

    public SvgBarChart(IReadOnlyList<string> categories)
    {
        if (categories.Count == 0) throw new ArgumentException("bar chart needs at least one category", nameof(categories));
        Categories = categories;
    }

    public IReadOnlyList<string> Categories { get; }
    public string? Title { get; set; }
    public string? XLabel { get; set; }
    public string? YLabel { get; set; }
    public double Width { get; set; } = 720;
    public double Height { get; set; } = 440;
    /// <summary>Print each bar's value above (or below, if negative) it.</summary>
    public bool ShowValues { get; set; }
    public string ValueFormat { get; set; } = "0.##";
    /// <summary>Legend placement; hidden by default when there is only one series.</summary>
    public LegendPosition? Legend { get; set; }
    public ChartStyle Style { get; set; } = ChartStyle.Default;

    public SvgBarChart AddSeries(string name, IReadOnlyList<double> values, string? color = null)
    {
        if (values.Count != Categories.Count)
            throw new ArgumentException($"series '{name}' has {values.Count} values but the chart has {Categories.Count} categories");
        _series.Add((name, values.ToArray(), color));
        return this;
    }

    public void Save(string path) => IO.AtomicFile.WriteAllText(path, ToSvg());

    public string ToSvg()
    {
        var colors = Palette.ForCategories(_series.Count);
        string ColorOf(int i) => _series[i].Color ?? colors[i];
        var position = Legend ?? (_series.Count > 1 ? LegendPosition.Auto : LegendPosition.Hidden);
        var legend = new Legend(_series.Select((s, i) => new LegendEntry(s.Name, ColorOf(i), LegendSymbol.Box)).ToList(), Style);

        var finite = _series.SelectMany(s => s.Values).Where(double.IsFinite).ToList();
        double low = Math.Min(0, finite.DefaultIfEmpty(0).Min()), high = Math.Max(0, finite.DefaultIfEmpty(1).Max());
        if (low == high) high = 1;
        var frame = ChartFrame.Layout(Width, Height, Title, AxisSpec.Category(XLabel, Categories), AxisSpec.Numeric(YLabel, low, high),
            Style, legend.ReserveRight(position));

        var svg = new SvgDocument(Width, Height, Title);
        frame.DrawBackground(svg);
        var drawn = new List<(double X, double Y)>();
        for (int s = 0; s < _series.Count; s++) DrawSeries(svg, frame, s, ColorOf(s), drawn);
        svg.Line(frame.Plot.Left, frame.Y.Map(0), frame.Plot.Right, frame.Y.Map(0), Style.AxisColor);
        frame.DrawAxes(svg);
        if (position != LegendPosition.Hidden && _series.Count > 0) legend.Draw(svg, legend.Place(position, frame.Plot, drawn));
        return svg.ToString();
    }

    private void DrawSeries(SvgDocument svg, ChartFrame frame, int s, string color, List<(double X, double Y)> drawn)
    {
        var (name, values, _) = _series[s];
        double barWidth = frame.X.UnitLength * GroupFill / _series.Count;
        double zero = frame.Y.Map(0);
        svg.BeginGroup("series", name);
        for (int c = 0; c < values.Length; c++)
        {
            if (!double.IsFinite(values[c])) continue;
            double left = frame.X.Map(c) - frame.X.UnitLength * GroupFill / 2 + s * barWidth;
            double top = Math.Min(zero, frame.Y.Map(values[c])), bottom = Math.Max(zero, frame.Y.Map(values[c]));
            svg.Rect(left, top, barWidth - 1, bottom - top, color);
            for (double y = top; y <= bottom; y += 4) drawn.Add((left + barWidth / 2, y));
            if (ShowValues)
            {
                double labelY = values[c] >= 0 ? top - Style.TickLabelSize * 0.7 : bottom + Style.TickLabelSize * 0.7;
                svg.Text(left + barWidth / 2, labelY, values[c].ToString(ValueFormat, CultureInfo.InvariantCulture),
                    new TextStyle(Math.Min(Style.TickLabelSize, Math.Max(8, barWidth * 0.5)), TextAnchor.Middle, Color: Style.TextColor));
            }
        }
        svg.EndGroup();
    }
}
