namespace GpuAE.Plots;

/// <summary>Where a chart puts its legend. Auto picks the inside corner that covers the least data.</summary>
public enum LegendPosition { Auto, TopRight, TopLeft, BottomRight, BottomLeft, OutsideRight, Hidden }

public enum LegendSymbol { Line, LineAndMarker, Marker, Box }

public sealed record LegendEntry(string Label, string Color, LegendSymbol Symbol);

/// <summary>A boxed list of colour keys and labels, measured before layout and placed after it.</summary>
public sealed class Legend
{
    private const double Padding = 8, SymbolWidth = 22, SymbolGap = 6, Inset = 8;

    private readonly IReadOnlyList<LegendEntry> _entries;
    private readonly ChartStyle _style;

    public Legend(IReadOnlyList<LegendEntry> entries, ChartStyle style)
    {
        _entries = entries;
        _style = style;
    }

    public bool IsEmpty => _entries.Count == 0;
    private double RowHeight => _style.LegendSize * 1.5;

    public double Width => 2 * Padding + SymbolWidth + SymbolGap +
        _entries.Select(e => TextMetrics.Width(e.Label, _style.LegendSize)).DefaultIfEmpty(0).Max();

    public double Height => 2 * Padding + _entries.Count * RowHeight - (RowHeight - _style.LegendSize);

    /// <summary>Pixels to reserve right of the plot for this legend at <paramref name="position"/>.</summary>
    public double ReserveRight(LegendPosition position) =>
        position == LegendPosition.OutsideRight && !IsEmpty ? Width + 2 * Inset : 0;

    /// <summary>
    /// The legend's box. For <see cref="LegendPosition.Auto"/>, the inside corner overlapping the fewest
    /// of <paramref name="dataPoints"/> (pixel positions), preferring top right, then top left.
    /// </summary>
    public PixelRect Place(LegendPosition position, PixelRect plot, IReadOnlyList<(double X, double Y)> dataPoints)
    {
        PixelRect At(LegendPosition corner) => corner switch
        {
            LegendPosition.TopLeft => new(plot.Left + Inset, plot.Top + Inset, Width, Height),
            LegendPosition.BottomRight => new(plot.Right - Inset - Width, plot.Bottom - Inset - Height, Width, Height),
            LegendPosition.BottomLeft => new(plot.Left + Inset, plot.Bottom - Inset - Height, Width, Height),
            LegendPosition.OutsideRight => new(plot.Right + 2 * Inset, plot.Top, Width, Height),
            _ => new(plot.Right - Inset - Width, plot.Top + Inset, Width, Height),
        };
        if (position != LegendPosition.Auto) return At(position);
        LegendPosition[] corners = [LegendPosition.TopRight, LegendPosition.TopLeft, LegendPosition.BottomRight, LegendPosition.BottomLeft];
        return corners.Select(At).MinBy(box => dataPoints.Count(p => Grow(box, 4).Contains(p.X, p.Y)));
    }

    public void Draw(SvgDocument svg, PixelRect box)
    {
        if (IsEmpty) return;
        svg.BeginGroup("legend");
        svg.Rect(box.Left, box.Top, box.Width, box.Height, _style.Background, "#CCCCCC", 1, opacity: 0.9);
        for (int i = 0; i < _entries.Count; i++)
        {
            var entry = _entries[i];
            double y = box.Top + Padding + _style.LegendSize / 2 + i * RowHeight;
            double x = box.Left + Padding;
            DrawSymbol(svg, entry, x, y);
            svg.BeginGroup("legend-entry", entry.Label);
            svg.Text(x + SymbolWidth + SymbolGap, y, entry.Label, new TextStyle(_style.LegendSize, Color: _style.TextColor));
            svg.EndGroup();
        }
        svg.EndGroup();
    }

    private void DrawSymbol(SvgDocument svg, LegendEntry entry, double x, double y)
    {
        if (entry.Symbol is LegendSymbol.Line or LegendSymbol.LineAndMarker)
            svg.Line(x, y, x + SymbolWidth, y, entry.Color, _style.LineWidth);
        if (entry.Symbol is LegendSymbol.LineAndMarker or LegendSymbol.Marker)
            svg.Circle(x + SymbolWidth / 2, y, _style.MarkerRadius, entry.Color, _style.Background, 1);
        if (entry.Symbol == LegendSymbol.Box)
            svg.Rect(x + 3, y - _style.LegendSize / 2, SymbolWidth - 6, _style.LegendSize, entry.Color);
    }

    private static PixelRect Grow(PixelRect r, double by) => new(r.Left - by, r.Top - by, r.Width + 2 * by, r.Height + 2 * by);
}
