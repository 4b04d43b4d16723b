namespace GpuAE.Plots;

/// <summary>Sizes (px) and colours shared by all charts, so they look alike side by side.</summary>
public sealed record ChartStyle
{
    public static readonly ChartStyle Default = new();

    public double TitleSize { get; init; } = 18;
    public double AxisLabelSize { get; init; } = 14;
    public double TickLabelSize { get; init; } = 12;
    public double LegendSize { get; init; } = 12;
    public double Margin { get; init; } = 16;
    public double TickLength { get; init; } = 5;
    public double LineWidth { get; init; } = 2;
    public double MarkerRadius { get; init; } = 3.5;
    public string Background { get; init; } = "#FFFFFF";
    public string TextColor { get; init; } = "#222222";
    public string AxisColor { get; init; } = "#555555";
    public string GridColor { get; init; } = "#E3E3E3";
    public string MinorGridColor { get; init; } = "#F1F1F1";
}

/// <summary>A rectangle in SVG pixels (origin top-left).</summary>
public readonly record struct PixelRect(double Left, double Top, double Width, double Height)
{
    public double Right => Left + Width;
    public double Bottom => Top + Height;
    public bool Contains(double x, double y) => x >= Left && x <= Right && y >= Top && y <= Bottom;
}
