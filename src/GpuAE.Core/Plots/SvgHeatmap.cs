using System.Globalization;

namespace GpuAE.Plots;

/// <summary>
/// A matrix as coloured cells (row 0 at the top), with a colour bar and, where cells are large
/// enough, the value printed in each cell. Suits confusion matrices and metric-by-setting tables.
/// NaN cells are drawn light gray and left unlabelled.
/// </summary>
public sealed class SvgHeatmap
{
    private const double BarWidth = 16, BarGap = 18;
    private const string MissingColor = "#EEEEEE";
    private readonly double[,] _values;

    /// <param name="values">values[row, column]</param>
    public SvgHeatmap(double[,] values)
    {
        if (values.GetLength(0) == 0 || values.GetLength(1) == 0) throw new ArgumentException("heatmap needs at least one row and one column", nameof(values));
        _values = values;
    }

    public int Rows => _values.GetLength(0);
    public int Columns => _values.GetLength(1);

    public string? Title { get; set; }
    public string? XLabel { get; set; }
    public string? YLabel { get; set; }
    /// <summary>Names under the columns; default 0, 1, 2, ...</summary>
    public IReadOnlyList<string>? ColumnLabels { get; set; }
    /// <summary>Names beside the rows; default 0, 1, 2, ...</summary>
    public IReadOnlyList<string>? RowLabels { get; set; }
    public string? ColorBarLabel { get; set; }
    public ColorMap ColorMap { get; set; } = ColorMap.Viridis;
    /// <summary>Colour scale limits; default the finite data range.</summary>
    public double? Min { get; set; }
    public double? Max { get; set; }
    public bool ShowValues { get; set; } = true;
    /// <summary>.NET numeric format for cell values, e.g. "0.00" or "0" for counts.</summary>
    public string ValueFormat { get; set; } = "0.##";
    public double Width { get; set; } = 640;
    public double Height { get; set; } = 560;
    public ChartStyle Style { get; set; } = ChartStyle.Default;

    public void Save(string path) => IO.AtomicFile.WriteAllText(path, ToSvg());

    public string ToSvg()
    {
        var columns = Names(ColumnLabels, Columns, "column");
        var rows = Names(RowLabels, Rows, "row");
        var (low, high) = ColorRange();
        var barTicks = AxisTicks.Linear(low, high, 6, loose: false);
        double barReserve = BarGap + BarWidth + Style.TickLength + 4
            + barTicks.Labels.Select(l => TextMetrics.Width(l, Style.TickLabelSize)).DefaultIfEmpty(0).Max()
            + (string.IsNullOrEmpty(ColorBarLabel) ? 0 : Style.AxisLabelSize + 12);

        var frame = ChartFrame.Layout(Width, Height, Title,
            AxisSpec.Category(XLabel, columns), AxisSpec.Category(YLabel, rows, firstAtTop: true), Style, barReserve);
        var svg = new SvgDocument(Width, Height, Title);
        svg.Rect(0, 0, Width, Height, Style.Background);
        DrawCells(svg, frame, low, high);
        frame.DrawAxes(svg);
        DrawColorBar(svg, frame.Plot, barTicks);
        return svg.ToString();
    }

    private (double Low, double High) ColorRange()
    {
        var finite = _values.Cast<double>().Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        double low = Min ?? finite.Min(), high = Max ?? finite.Max();
        if (!(low < high)) (low, high) = high == 0 ? (low - 1, high + 1) : (low - Math.Abs(low) * 0.1, high + Math.Abs(high) * 0.1);
        return (low, high);
    }

    private void DrawCells(SvgDocument svg, ChartFrame frame, double low, double high)
    {
        double cellWidth = frame.X.UnitLength, cellHeight = frame.Y.UnitLength;
        svg.BeginGroup("cells");
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Columns; c++)
            {
                double v = _values[r, c], t = (v - low) / (high - low);
                double x = frame.X.Map(c) - cellWidth / 2, y = frame.Y.Map(r) - cellHeight / 2;
                svg.Rect(x, y, cellWidth, cellHeight, double.IsFinite(v) ? ColorMap.ColorAt(t) : MissingColor, Style.Background, 1);
            }
        svg.EndGroup();
        if (ShowValues) DrawValues(svg, frame, low, high);
    }

    /// <summary>Cell values, sized to fit the smallest cell; skipped entirely when they would be unreadable.</summary>
    private void DrawValues(SvgDocument svg, ChartFrame frame, double low, double high)
    {
        var texts = new string[Rows, Columns];
        double widest = 0;
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Columns; c++)
            {
                texts[r, c] = double.IsFinite(_values[r, c]) ? _values[r, c].ToString(ValueFormat, CultureInfo.InvariantCulture) : "";
                widest = Math.Max(widest, TextMetrics.Width(texts[r, c], 1));
            }
        double size = Math.Min(Style.TickLabelSize, Math.Min(frame.Y.UnitLength * 0.45, (frame.X.UnitLength - 6) / Math.Max(widest, 0.5)));
        if (size < 7) return;
        svg.BeginGroup("values");
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Columns; c++)
            {
                if (texts[r, c].Length == 0) continue;
                bool dark = ColorMap.NeedsDarkText((_values[r, c] - low) / (high - low));
                svg.Text(frame.X.Map(c), frame.Y.Map(r), texts[r, c], new TextStyle(size, TextAnchor.Middle, Color: dark ? "#111111" : "#FFFFFF"));
            }
        svg.EndGroup();
    }

    private void DrawColorBar(SvgDocument svg, PixelRect plot, TickSet ticks)
    {
        const int Slices = 64;
        double left = plot.Right + BarGap, sliceHeight = plot.Height / Slices;
        svg.BeginGroup("color-bar", ColorBarLabel);
        for (int i = 0; i < Slices; i++) // bottom slice = low end; slight overlap hides seams between slices
            svg.Rect(left, plot.Bottom - (i + 1) * sliceHeight, BarWidth, sliceHeight + 0.5, ColorMap.ColorAt((i + 0.5) / Slices));
        svg.Rect(left, plot.Top, BarWidth, plot.Height, "none", Style.AxisColor, 1);
        double widest = 0;
        foreach (var (value, label) in ticks.Values.Zip(ticks.Labels))
        {
            double y = plot.Bottom - (value - ticks.Min) / (ticks.Max - ticks.Min) * plot.Height;
            svg.Line(left + BarWidth, y, left + BarWidth + Style.TickLength, y, Style.AxisColor);
            svg.Text(left + BarWidth + Style.TickLength + 4, y, label, new TextStyle(Style.TickLabelSize, Color: Style.TextColor));
            widest = Math.Max(widest, TextMetrics.Width(label, Style.TickLabelSize));
        }
        if (!string.IsNullOrEmpty(ColorBarLabel))
            svg.Text(left + BarWidth + Style.TickLength + 4 + widest + 10 + Style.AxisLabelSize / 2, plot.Top + plot.Height / 2, ColorBarLabel,
                new TextStyle(Style.AxisLabelSize, TextAnchor.Middle, Color: Style.TextColor, Rotate: 90));
        svg.EndGroup();
    }

    private static IReadOnlyList<string> Names(IReadOnlyList<string>? given, int count, string what)
    {
        if (given is null) return Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        if (given.Count != count) throw new ArgumentException($"heatmap has {count} {what}s but {given.Count} {what} labels");
        return given;
    }
}
