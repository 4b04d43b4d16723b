namespace GpuAE.Plots;

public enum AxisKind { Linear, Log, Categorical }

/// <summary>
/// What a chart needs from one axis before layout: its kind, title, and the data range (or the
/// category names). <see cref="Resolve"/> turns it into ticks once the pixel length is known.
/// </summary>
internal sealed class AxisSpec
{
    public AxisKind Kind { get; init; }
    public string? Label { get; init; }
    public double DataMin { get; init; }
    public double DataMax { get; init; }
    /// <summary>Whole-number data (epochs, counts): never place ticks between integers.</summary>
    public bool Integers { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    /// <summary>For categorical y axes: first category at the top, as in a matrix.</summary>
    public bool FirstCategoryAtTop { get; init; }
    /// <summary>Draw grid lines at this axis's ticks.</summary>
    public bool Grid { get; init; } = true;

    public static AxisSpec Numeric(string? label, double min, double max, bool log = false, bool integers = false) =>
        new() { Kind = log ? AxisKind.Log : AxisKind.Linear, Label = label, DataMin = min, DataMax = max, Integers = integers };

    public static AxisSpec Category(string? label, IReadOnlyList<string> categories, bool firstAtTop = false) =>
        new() { Kind = AxisKind.Categorical, Label = label, Categories = categories, FirstCategoryAtTop = firstAtTop, Grid = false };

    public TickSet Resolve(int targetCount) => Kind switch
    {
        AxisKind.Linear => AxisTicks.Linear(DataMin, DataMax, targetCount, Integers),
        AxisKind.Log => AxisTicks.Log10(DataMin, DataMax, Math.Max(2, targetCount)),
        _ => new TickSet(-0.5, Categories.Count - 0.5, Enumerable.Range(0, Categories.Count).Select(i => (double)i).ToList(), Categories, []),
    };
}

/// <summary>An axis after layout: ticks plus the pixel span its range maps onto.</summary>
public sealed class PlacedAxis
{
    internal PlacedAxis(AxisKind kind, string? label, TickSet ticks, double pixelAtMin, double pixelAtMax, bool grid)
    {
        Kind = kind;
        Label = label;
        Ticks = ticks;
        PixelAtMin = pixelAtMin;
        PixelAtMax = pixelAtMax;
        Grid = grid;
    }

    public AxisKind Kind { get; }
    public string? Label { get; }
    public TickSet Ticks { get; }
    public double PixelAtMin { get; }
    public double PixelAtMax { get; }
    public bool Grid { get; }

    /// <summary>Pixel coordinate of a data value (for log axes the value must be positive).</summary>
    public double Map(double value)
    {
        double t = Kind == AxisKind.Log
            ? (Math.Log10(value) - Math.Log10(Ticks.Min)) / (Math.Log10(Ticks.Max) - Math.Log10(Ticks.Min))
            : (value - Ticks.Min) / (Ticks.Max - Ticks.Min);
        return PixelAtMin + t * (PixelAtMax - PixelAtMin);
    }

    /// <summary>Pixels one category (or one data unit on a linear axis) spans.</summary>
    public double UnitLength => Math.Abs(PixelAtMax - PixelAtMin) / (Ticks.Max - Ticks.Min);

    /// <summary>Whether <paramref name="value"/> can be drawn on this axis (finite, and positive on a log axis).</summary>
    public bool CanShow(double value) => double.IsFinite(value) && (Kind != AxisKind.Log || value > 0);
}
