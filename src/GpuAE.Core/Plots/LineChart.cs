using ScottPlot;
using ScottPlot.TickGenerators;

namespace GpuAE.Plots;

/// <summary>
/// Lines of (x, y) points, one per named series, with markers when the series are short. Non-finite
/// points are skipped and break the line. The legend sits right of the plot. Whole-number x values
/// (epochs) get whole-number ticks.
/// </summary>
public sealed class LineChart : Chart
{
    private readonly List<Series> _series = [];

    private sealed record Series(string Name, double[] X, double[] Y, string? Color, bool Dashed);

    /// <summary>Markers on every point; null: only when no series has more than 40 points.</summary>
    public bool? ShowMarkers { get; set; }

    /// <summary>Draw a legend; with one series it is often clearer without.</summary>
    public bool ShowLegend { get; set; } = true;

    public int SeriesCount => _series.Count;

    /// <summary>Adds a series; <paramref name="color"/> ("#RRGGBB") defaults to the next palette colour.</summary>
    public LineChart AddSeries(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string? color = null, bool dashed = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (x.Count != y.Count) throw new ArgumentException($"series '{name}' has {x.Count} x values but {y.Count} y values");
        _series.Add(new Series(name, x.ToArray(), y.ToArray(), color, dashed));
        return this;
    }

    public LineChart AddSeries(string name, IReadOnlyList<float> x, IReadOnlyList<float> y, string? color = null, bool dashed = false) =>
        AddSeries(name, x.Select(v => (double)v).ToList(), y.Select(v => (double)v).ToList(), color, dashed);

    protected override void Draw(Plot plot)
    {
        var colors = Palette.ForCategories(_series.Count);
        bool markers = ShowMarkers ?? _series.All(s => s.X.Length <= 40);
        bool any = false;
        for (int i = 0; i < _series.Count; i++)
        {
            var s = _series[i];
            var color = ChartStyle.Hex(s.Color ?? colors[i]);
            bool first = true;
            foreach (var run in VisibleRuns(s))
            {
                var line = plot.Add.Scatter(run.Select(k => s.X[k]).ToArray(), run.Select(k => s.Y[k]).ToArray(), color);
                line.LineWidth = 2;
                line.MarkerSize = markers || run.Count == 1 ? 6 : 0;
                line.LinePattern = s.Dashed ? LinePattern.Dashed : LinePattern.Solid;
                if (first) line.LegendText = s.Name; // one legend entry per series, however many runs
                first = false;
                any = true;
            }
        }
        if (!any) NoData.Show(plot);
        bool integers = _series.SelectMany(s => s.X).Where(double.IsFinite).All(v => v == Math.Round(v));
        if (integers) plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        if (ShowLegend && any) ChartStyle.LegendOutside(plot); // an empty outside legend leaves the whole chart blank
    }

    /// <summary>Maximal runs of consecutive finite points.</summary>
    private static IEnumerable<List<int>> VisibleRuns(Series s)
    {
        var run = new List<int>();
        for (int k = 0; k < s.X.Length; k++)
        {
            if (double.IsFinite(s.X[k]) && double.IsFinite(s.Y[k])) { run.Add(k); continue; }
            if (run.Count > 0) { yield return run; run = []; }
        }
        if (run.Count > 0) yield return run;
    }
}
