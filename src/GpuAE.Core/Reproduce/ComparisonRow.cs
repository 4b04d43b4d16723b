using GpuAE.Metrics;

namespace GpuAE.Reproduce;

/// <summary>
/// One line of a preset's comparison: a quantity of the paper (with where its text gives it, or
/// why it gives none) beside GpuAE's measurement of the same quantity, or one of the paper's
/// figures beside the file GpuAE draws for it. Over several seeds GpuAE's value is the mean and
/// <see cref="Spread"/> holds the standard deviation and 95 % interval.
/// </summary>
public sealed record ComparisonRow
{
    public required string Setting { get; init; }
    public required string Quantity { get; init; }

    /// <summary>The paper's number, null where its text has none (then <see cref="Source"/> says why).</summary>
    public double? Paper { get; init; }

    /// <summary>Where the paper's number is: "Table 1, row 'Testing Accuracy', column 0.2", or "not reported: ...".</summary>
    public required string Source { get; init; }

    /// <summary>GpuAE's value (the mean over seeds); null for a figure row or a run that waits for a device.</summary>
    public double? GpuAE { get; init; }
    public OverSeeds? Spread { get; init; }
    public string Note { get; init; } = "";

    /// <summary>GpuAE's figure for this row, relative to the folder of the comparison files.</summary>
    public string? Figure { get; init; }

    public const string FigureQuantity = "figure";
    public bool IsFigure => Quantity == FigureQuantity;

    /// <summary>A number the paper gives, at <paramref name="source"/>.</summary>
    public static ComparisonRow Reported(string setting, string quantity, double paper, string source, double? gpuae, string note = "") =>
        new() { Setting = setting, Quantity = quantity, Paper = paper, Source = source, GpuAE = gpuae, Note = note };

    /// <summary>A quantity GpuAE measures that the paper's text does not give (<paramref name="why"/> says why, e.g. "Fig. 6 is a plot only").</summary>
    public static ComparisonRow NotReported(string setting, string quantity, string why, double? gpuae, string note = "") =>
        new() { Setting = setting, Quantity = quantity, Source = "not reported: " + why, GpuAE = gpuae, Note = note };

    /// <summary>A figure of the paper (<paramref name="source"/>, e.g. "Fig. 9") and GpuAE's file that shows the same thing.</summary>
    public static ComparisonRow FigureOf(string source, string shows, string? figure, string note = "") =>
        new() { Setting = shows, Quantity = FigureQuantity, Source = source, Figure = figure, Note = note };

    /// <summary>A figure of the paper that GpuAE does not redraw, and why (a diagram of the method, say).</summary>
    public static ComparisonRow NotRedrawn(string source, string shows, string why) =>
        new() { Setting = shows, Quantity = FigureQuantity, Source = source, Note = "not redrawn: " + why };

    /// <summary>Identifies the row across seeds: every seed of a preset produces the same keys in the same order.</summary>
    public (string, string, string) Key => (Setting, Quantity, Source);
}
