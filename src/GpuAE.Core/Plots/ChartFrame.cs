namespace GpuAE.Plots;

/// <summary>
/// The part every x/y chart shares: fits the plot area between the title, tick labels and axis titles
/// (choosing tick counts so labels never overlap), then draws grid, axes, ticks, labels and title.
/// Charts draw their data between <see cref="DrawBackground"/> and <see cref="DrawAxes"/>.
/// </summary>
public sealed class ChartFrame
{
    private const double LabelGap = 10;      // min space between neighbouring x tick labels
    private const double Rotation = -45;     // for categorical x labels that do not fit upright

    private ChartFrame(ChartStyle style, string? title, double width, PixelRect plot, PlacedAxis x, PlacedAxis y, bool rotateX)
    {
        Style = style;
        Title = title;
        Width = width;
        Plot = plot;
        X = x;
        Y = y;
        RotateXLabels = rotateX;
    }

    public ChartStyle Style { get; }
    public string? Title { get; }
    public double Width { get; }
    public PixelRect Plot { get; }
    public PlacedAxis X { get; }
    public PlacedAxis Y { get; }
    public bool RotateXLabels { get; }

    /// <param name="rightReserve">Pixels kept free right of the plot (an outside legend, a colour bar).</param>
    internal static ChartFrame Layout(double width, double height, string? title, AxisSpec x, AxisSpec y, ChartStyle style, double rightReserve = 0)
    {
        // Only categorical x labels can fail to fit upright; then they are rotated (and thinned if need be).
        return TryLayout(width, height, title, x, y, style, rightReserve, rotateX: false)
            ?? TryLayout(width, height, title, x, y, style, rightReserve, rotateX: true)!;
    }

    private static ChartFrame? TryLayout(double width, double height, string? title, AxisSpec xSpec, AxisSpec ySpec,
        ChartStyle style, double rightReserve, bool rotateX)
    {
        double top = style.Margin + (string.IsNullOrEmpty(title) ? 4 : style.TitleSize * 1.3 + 8);
        double xLabelsHeight = rotateX
            ? xSpec.Categories.Select(c => TextMetrics.Width(c, style.TickLabelSize)).DefaultIfEmpty(0).Max() * 0.72 + style.TickLabelSize
            : style.TickLabelSize;
        double bottom = style.Margin + style.TickLength + 6 + xLabelsHeight + (string.IsNullOrEmpty(xSpec.Label) ? 0 : style.AxisLabelSize + 10);
        double plotHeight = height - top - bottom;
        if (plotHeight < 40) throw new ArgumentException($"chart height {height} px leaves no room for the plot; use at least {Math.Ceiling(top + bottom + 40)} px");

        TickSet yTicks = FitTicks(ySpec, plotHeight, (ticks, length) => Spacing(ticks, length, ySpec.Kind) >= style.TickLabelSize * 1.8);
        if (ySpec.Kind == AxisKind.Categorical) yTicks = ThinCategories(yTicks, plotHeight, style.TickLabelSize * 1.3);
        double yLabelsWidth = yTicks.Labels.Select(l => TextMetrics.Width(l, style.TickLabelSize)).DefaultIfEmpty(0).Max();
        double left = style.Margin + (string.IsNullOrEmpty(ySpec.Label) ? 0 : style.AxisLabelSize + 12) + yLabelsWidth + style.TickLength + 6;
        if (rotateX && xSpec.Categories.Count > 0) // the first rotated label reaches down and left of the plot
            left = Math.Max(left, style.Margin + 0.72 * TextMetrics.Width(xSpec.Categories[0], style.TickLabelSize));
        double plotWidth = width - left - style.Margin - rightReserve;
        if (plotWidth < 40) throw new ArgumentException($"chart width {width} px leaves no room for the plot; use at least {Math.Ceiling(left + style.Margin + rightReserve + 40)} px");

        bool Fits(TickSet ticks, double length) => rotateX
            ? Spacing(ticks, length, xSpec.Kind) >= style.TickLabelSize * 1.3
            : XLabelsFit(ticks, length, xSpec.Kind, style.TickLabelSize);
        TickSet xTicks = FitTicks(xSpec, plotWidth, Fits);
        double overhang = xTicks.Labels.Count == 0 ? 0 : TextMetrics.Width(xTicks.Labels[^1], style.TickLabelSize) / 2 - style.Margin - rightReserve;
        if (xSpec.Kind != AxisKind.Categorical && overhang > 0)
        {
            // The last x label is centred on the plot's right edge: make room so it is not cut off.
            plotWidth -= overhang;
            xTicks = FitTicks(xSpec, plotWidth, Fits);
        }
        if (xSpec.Kind == AxisKind.Categorical && !Fits(xTicks, plotWidth))
        {
            if (!rotateX) return null;
            xTicks = ThinCategories(xTicks, plotWidth, style.TickLabelSize * 1.3);
        }

        var plot = new PixelRect(left, top, plotWidth, plotHeight);
        var x = new PlacedAxis(xSpec.Kind, xSpec.Label, xTicks, plot.Left, plot.Right, xSpec.Grid);
        var y = ySpec.FirstCategoryAtTop
            ? new PlacedAxis(ySpec.Kind, ySpec.Label, yTicks, plot.Top, plot.Bottom, ySpec.Grid)
            : new PlacedAxis(ySpec.Kind, ySpec.Label, yTicks, plot.Bottom, plot.Top, ySpec.Grid);
        return new ChartFrame(style, title, width, plot, x, y, rotateX);
    }

    /// <summary>The most ticks (fewer than one per ~40 px) whose labels fit, down to two.</summary>
    private static TickSet FitTicks(AxisSpec spec, double length, Func<TickSet, double, bool> fits)
    {
        if (spec.Kind == AxisKind.Categorical) return spec.Resolve(0);
        TickSet ticks = spec.Resolve(2);
        for (int target = Math.Clamp((int)(length / 40), 2, 12); target >= 2; target--)
        {
            ticks = spec.Resolve(target);
            if (fits(ticks, length)) return ticks;
        }
        return ticks;
    }

    /// <summary>Keeps every n-th category label so neighbours are at least <paramref name="minSpacing"/> px apart.</summary>
    private static TickSet ThinCategories(TickSet ticks, double length, double minSpacing)
    {
        double spacing = Spacing(ticks, length, AxisKind.Categorical);
        if (spacing >= minSpacing) return ticks;
        int every = (int)Math.Ceiling(minSpacing / spacing);
        var keep = Enumerable.Range(0, ticks.Values.Count).Where(i => i % every == 0).ToList();
        return ticks with { Values = keep.Select(i => ticks.Values[i]).ToList(), Labels = keep.Select(i => ticks.Labels[i]).ToList() };
    }

    /// <summary>Smallest pixel distance between neighbouring labelled ticks.</summary>
    private static double Spacing(TickSet ticks, double length, AxisKind kind)
    {
        var axis = new PlacedAxis(kind, null, ticks, 0, length, false);
        double min = double.PositiveInfinity;
        for (int i = 1; i < ticks.Values.Count; i++) min = Math.Min(min, Math.Abs(axis.Map(ticks.Values[i]) - axis.Map(ticks.Values[i - 1])));
        return min;
    }

    private static bool XLabelsFit(TickSet ticks, double length, AxisKind kind, double fontSize)
    {
        if (ticks.Values.Count < 2) return true;
        double spacing = Spacing(ticks, length, kind);
        for (int i = 1; i < ticks.Labels.Count; i++)
        {
            double needed = (TextMetrics.Width(ticks.Labels[i - 1], fontSize) + TextMetrics.Width(ticks.Labels[i], fontSize)) / 2 + LabelGap;
            if (spacing < needed) return false;
        }
        return true;
    }

    /// <summary>Background, minor and major grid lines: drawn first so data sits on top.</summary>
    public void DrawBackground(SvgDocument svg)
    {
        svg.Rect(0, 0, svg.Width, svg.Height, Style.Background);
        svg.BeginGroup("grid");
        if (X.Grid)
        {
            foreach (double v in X.Ticks.Minor) svg.Line(X.Map(v), Plot.Top, X.Map(v), Plot.Bottom, Style.MinorGridColor);
            foreach (double v in X.Ticks.Values) svg.Line(X.Map(v), Plot.Top, X.Map(v), Plot.Bottom, Style.GridColor);
        }
        if (Y.Grid)
        {
            foreach (double v in Y.Ticks.Minor) svg.Line(Plot.Left, Y.Map(v), Plot.Right, Y.Map(v), Style.MinorGridColor);
            foreach (double v in Y.Ticks.Values) svg.Line(Plot.Left, Y.Map(v), Plot.Right, Y.Map(v), Style.GridColor);
        }
        svg.EndGroup();
    }

    /// <summary>Axis lines, ticks, tick labels, axis titles and the chart title, over the data.</summary>
    public void DrawAxes(SvgDocument svg)
    {
        var tickStyle = new TextStyle(Style.TickLabelSize, Color: Style.TextColor);
        svg.BeginGroup("axis x-axis", X.Label);
        svg.Line(Plot.Left, Plot.Bottom, Plot.Right, Plot.Bottom, Style.AxisColor);
        double labelY = Plot.Bottom + Style.TickLength + 4 + Style.TickLabelSize / 2;
        for (int i = 0; i < X.Ticks.Values.Count; i++)
        {
            double px = X.Map(X.Ticks.Values[i]);
            svg.Line(px, Plot.Bottom, px, Plot.Bottom + Style.TickLength, Style.AxisColor);
            svg.Text(px, labelY, X.Ticks.Labels[i], RotateXLabels
                ? tickStyle with { Anchor = TextAnchor.End, Rotate = Rotation }
                : tickStyle with { Anchor = TextAnchor.Middle });
        }
        if (!string.IsNullOrEmpty(X.Label))
            svg.Text(Plot.Left + Plot.Width / 2, BottomOfXTickLabels() + 8 + Style.AxisLabelSize / 2, X.Label,
                new TextStyle(Style.AxisLabelSize, TextAnchor.Middle, Color: Style.TextColor));
        svg.EndGroup();

        svg.BeginGroup("axis y-axis", Y.Label);
        svg.Line(Plot.Left, Plot.Top, Plot.Left, Plot.Bottom, Style.AxisColor);
        double widest = 0;
        for (int i = 0; i < Y.Ticks.Values.Count; i++)
        {
            double py = Y.Map(Y.Ticks.Values[i]);
            svg.Line(Plot.Left - Style.TickLength, py, Plot.Left, py, Style.AxisColor);
            svg.Text(Plot.Left - Style.TickLength - 4, py, Y.Ticks.Labels[i], tickStyle with { Anchor = TextAnchor.End });
            widest = Math.Max(widest, TextMetrics.Width(Y.Ticks.Labels[i], Style.TickLabelSize));
        }
        if (!string.IsNullOrEmpty(Y.Label))
        {
            double x = Plot.Left - Style.TickLength - 4 - widest - 10 - Style.AxisLabelSize / 2;
            svg.Text(x, Plot.Top + Plot.Height / 2, Y.Label, new TextStyle(Style.AxisLabelSize, TextAnchor.Middle, Color: Style.TextColor, Rotate: -90));
        }
        svg.EndGroup();

        if (!string.IsNullOrEmpty(Title))
        {
            // Shrink a title that would not fit the chart's width rather than let it run off both sides.
            double room = Width - 2 * Style.Margin;
            double size = Math.Max(10, Style.TitleSize * Math.Min(1, room / TextMetrics.Width(Title, Style.TitleSize, bold: true)));
            string title = Title;
            while (title.Length > 1 && TextMetrics.Width(title, size, bold: true) > room) title = title[..^2] + "…";
            svg.Text(Width / 2, Style.Margin + Style.TitleSize * 0.65, title, new TextStyle(size, TextAnchor.Middle, Bold: true, Color: Style.TextColor));
        }
    }

    private double BottomOfXTickLabels()
    {
        double height = RotateXLabels
            ? X.Ticks.Labels.Select(l => TextMetrics.Width(l, Style.TickLabelSize)).DefaultIfEmpty(0).Max() * 0.72 + Style.TickLabelSize
            : Style.TickLabelSize;
        return Plot.Bottom + Style.TickLength + 4 + height;
    }
}
