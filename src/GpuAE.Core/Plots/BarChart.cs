using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace GpuAE.Plots;

/// <summary>
/// Grouped bars: one group per category, one bar per series, the value axis starting at zero (or
/// below, for negative values). Non-finite values leave a gap. E.g. accuracy on clean, noisy and
/// denoised images.
/// </summary>
public sealed class BarChart : Chart
{
    private const double GroupWidth = 0.8; // share of a category's slot the bars of a group take
    private readonly List<(string Name, double[] Values, string? Color)> _series = [];

    public BarChart(IReadOnlyList<string> categories)
    {
        if (categories.Count == 0) throw new ArgumentException("bar chart needs at least one category", nameof(categories));
        Categories = categories;
    }

    public IReadOnlyList<string> Categories { get; }
    /// <summary>Print each bar's value above it (below, if negative).</summary>
    public bool ShowValues { get; set; }
    public string ValueFormat { get; set; } = "0.##";

    public BarChart AddSeries(string name, IReadOnlyList<double> values, string? color = null)
    {
        if (values.Count != Categories.Count)
            throw new ArgumentException($"series '{name}' has {values.Count} values but the chart has {Categories.Count} categories");
        _series.Add((name, values.ToArray(), color));
        return this;
    }

    protected override void Draw(Plot plot)
    {
        var colors = Palette.ForCategories(_series.Count);
        double width = GroupWidth / Math.Max(1, _series.Count);
        for (int s = 0; s < _series.Count; s++)
        {
            var (name, values, color) = _series[s];
            var fill = ChartStyle.Hex(color ?? colors[s]);
            var bars = Enumerable.Range(0, values.Length).Where(c => double.IsFinite(values[c])).Select(c => new Bar
            {
                Position = c - GroupWidth / 2 + (s + 0.5) * width,
                Value = values[c],
                Size = width * 0.95,
                FillColor = fill,
                LineWidth = 0,
                Label = ShowValues ? values[c].ToString(ValueFormat, CultureInfo.InvariantCulture) : "",
            }).ToList();
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = name;
            plottable.ValueLabelStyle.FontSize = ChartStyle.TickSize;
            plottable.ValueLabelStyle.ForeColor = ChartStyle.Text;
        }
        plot.Axes.Bottom.TickGenerator = new NumericManual(Categories.Select((c, i) => new Tick(i, c)).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Grid.XAxisStyle.IsVisible = false;
        bool negative = _series.SelectMany(s => s.Values).Any(v => v < 0);
        plot.Axes.Margins(bottom: negative ? 0.1 : 0, top: ShowValues ? 0.15 : 0.1);
        plot.Axes.SetLimitsX(-0.5, Categories.Count - 0.5);
        if (_series.Count > 1) ChartStyle.LegendOutside(plot);
    }
}
