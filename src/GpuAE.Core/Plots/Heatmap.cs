using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace GpuAE.Plots;

/// <summary>
/// A matrix as coloured cells, row 0 at the top, with a colour bar and, where cells are large enough,
/// each cell's value printed in it. Suits confusion matrices and metric-by-setting tables. NaN cells
/// are light gray and unlabelled.
/// </summary>
public sealed class Heatmap : Chart
{
    private readonly double[,] _values;

    /// <param name="values">values[row, column]</param>
    public Heatmap(double[,] values)
    {
        if (values.GetLength(0) == 0 || values.GetLength(1) == 0) throw new ArgumentException("heatmap needs at least one row and one column", nameof(values));
        _values = values;
        Width = 640;
        Height = 560;
    }

    public int Rows => _values.GetLength(0);
    public int Columns => _values.GetLength(1);

    /// <summary>Names under the columns; default 0, 1, 2, ...</summary>
    public IReadOnlyList<string>? ColumnLabels { get; set; }
    /// <summary>Names beside the rows; default 0, 1, 2, ...</summary>
    public IReadOnlyList<string>? RowLabels { get; set; }
    public string? ColorBarLabel { get; set; }
    public IColormap Colormap { get; set; } = new ScottPlot.Colormaps.Viridis();
    /// <summary>Colour scale limits; default the finite data range.</summary>
    public double? Min { get; set; }
    public double? Max { get; set; }
    public bool ShowValues { get; set; } = true;
    /// <summary>.NET numeric format for cell values, e.g. "0.00", or "0" for counts.</summary>
    public string ValueFormat { get; set; } = "0.##";

    protected override void Draw(Plot plot)
    {
        var columns = Names(ColumnLabels, Columns, "column");
        var rows = Names(RowLabels, Rows, "row");
        var (low, high) = ColorRange();
        DrawCells(plot, low, high);
        // the colour bar needs a heatmap plottable to take its colour map and range from; this one draws
        // nothing (ScottPlot's heatmap cannot draw a single row or column, so the cells are rectangles)
        var map = plot.Add.Heatmap(new double[,] { { low, high } });
        map.Colormap = Colormap;
        map.ManualRange = new ScottPlot.Range(low, high);
        map.IsVisible = false;
        var bar = plot.Add.ColorBar(map);
        if (!string.IsNullOrEmpty(ColorBarLabel)) bar.Label = ColorBarLabel;
        bar.LabelStyle.FontSize = ChartStyle.LabelSize;
        bar.LabelStyle.FontName = ChartFonts.Family;
        if (ShowValues) DrawValues(plot, low, high);

        plot.Axes.Bottom.TickGenerator = new NumericManual(columns.Select((c, i) => new Tick(i, c)).ToArray());
        plot.Axes.Left.TickGenerator = new NumericManual(rows.Select((r, i) => new Tick(Rows - 1 - i, r)).ToArray());
        if (!ColumnLabelsFitUpright(columns)) RotateColumnLabels(plot, columns);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.HideGrid();
        plot.Axes.SetLimits(-0.5, Columns - 0.5, -0.5, Rows - 0.5);
    }

    /// <summary>One filled rectangle per cell, centred on (column, Rows-1-row); NaN cells light gray.</summary>
    private void DrawCells(Plot plot, double low, double high)
    {
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Columns; c++)
            {
                double v = _values[r, c], y = Rows - 1 - r;
                var cell = plot.Add.Rectangle(c - 0.5, c + 0.5, y - 0.5, y + 0.5);
                cell.FillColor = double.IsFinite(v) ? Colormap.GetColor(Math.Clamp((v - low) / (high - low), 0, 1)) : Color.FromHex("#EEEEEE");
                cell.LineColor = cell.FillColor; // an outline of the fill's own colour hides anti-aliased seams between cells
                cell.LineWidth = 1;
            }
    }

    /// <summary>Values sized to the cells, dark on light cells and white on dark ones; left out when cells are too small to hold them.</summary>
    private void DrawValues(Plot plot, double low, double high)
    {
        var texts = new string[Rows, Columns];
        int widest = 1;
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Columns; c++)
            {
                texts[r, c] = double.IsFinite(_values[r, c]) ? _values[r, c].ToString(ValueFormat, CultureInfo.InvariantCulture) : "";
                widest = Math.Max(widest, texts[r, c].Length);
            }
        // the plot area is roughly the chart less the axes, title and colour bar
        double cellWidth = (Width - 260.0) / Columns, cellHeight = (Height - 120.0) / Rows;
        float size = (float)Math.Min(ChartStyle.TickSize + 1, Math.Min(cellHeight * 0.45, cellWidth / (0.65 * widest)));
        if (size < 7) return;
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Columns; c++)
            {
                if (texts[r, c].Length == 0) continue;
                double t = high > low ? (_values[r, c] - low) / (high - low) : 0.5;
                var label = plot.Add.Text(texts[r, c], c, Rows - 1 - r);
                label.LabelFontSize = size;
                label.LabelAlignment = Alignment.MiddleCenter;
                label.LabelFontColor = Luminance(Colormap.GetColor(Math.Clamp(t, 0, 1))) > 0.55 ? ChartStyle.Text : Colors.White;
            }
    }

    /// <summary>Whether the widest column label fits in its column's width (estimated from the chart size).</summary>
    private bool ColumnLabelsFitUpright(IReadOnlyList<string> columns) =>
        TextWidth(columns) + 8 <= (Width - 260.0) / Columns;

    /// <summary>
    /// Slanted column labels, with the panels below and left of the plot made large enough for them
    /// (ScottPlot sizes axis panels for upright labels only).
    /// </summary>
    private static void RotateColumnLabels(Plot plot, IReadOnlyList<string> columns)
    {
        float reach = (float)(TextWidth(columns) * Math.Sqrt(0.5));
        plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = reach + ChartStyle.TickSize + ChartStyle.LabelSize + 16;
        plot.Axes.Left.MinimumSize = Math.Max(plot.Axes.Left.MinimumSize, reach + 8);
    }

    private static double TextWidth(IReadOnlyList<string> texts)
    {
        using var font = new SkiaSharp.SKFont(ChartFonts.Regular, ChartStyle.TickSize);
        return texts.Max(t => font.MeasureText(t));
    }

    private static double Luminance(Color c) => (0.299 * c.R + 0.587 * c.G + 0.114 * c.B) / 255;

    private (double Low, double High) ColorRange()
    {
        var finite = _values.Cast<double>().Where(double.IsFinite).ToList();
        double low = Min ?? (finite.Count > 0 ? finite.Min() : 0), high = Max ?? (finite.Count > 0 ? finite.Max() : 1);
        if (high <= low) high = low + (low == 0 ? 1 : Math.Abs(low) * 0.1);
        return (low, high);
    }

    private static IReadOnlyList<string> Names(IReadOnlyList<string>? given, int count, string what)
    {
        if (given is null) return Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        if (given.Count != count) throw new ArgumentException($"heatmap has {count} {what}s but {given.Count} {what} labels");
        return given;
    }
}
