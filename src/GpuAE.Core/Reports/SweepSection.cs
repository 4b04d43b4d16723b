using System.Globalization;
using GpuAE.Plots;

namespace GpuAE.Reports;

/// <summary>
/// A results.csv (a sweep's table): shown as a table whose cells that name a run folder link to it,
/// and, when it has train_noise, test_noise and metric columns, a heatmap of each metric over
/// (training noise, test noise) and a chart of the metric against test noise per training noise.
/// Rows that share a (train, test) pair (other swept settings, seeds) are averaged in the charts.
/// </summary>
public sealed class SweepSection : ReportSection
{
    public const string FileName = "results.csv";
    private static readonly string[] TrainColumns = ["train_noise"], TestColumns = ["test_noise", "eval_noise"];
    private static readonly string[] MetricColumns = ["psnr_denoised", "ssim_denoised", "mse_denoised"];
    private readonly CsvTable? _table;

    public SweepSection(string directory, string relativePath) : base(directory, relativePath)
    {
        try { _table = CsvTable.Load(Path.Combine(directory, FileName)); }
        catch (Exception e) when (IsReadFailure(e)) { CouldNotRead(FileName, e); }
    }

    public override SectionKind Kind => SectionKind.Sweep;

    public override string Overview => _table is null ? "" : $"{_table.Rows.Count} rows, {_table.Header.Count} columns";

    public override void RenderBody(Html html, ReportLinks links)
    {
        Embedding.Problems(html, Problems);
        if (_table is null) return;
        RenderCharts(html);
        html.Element("h3", FileName).Line();
        Embedding.Table(html, _table.Header, _table.Rows, (h, _, value) =>
        {
            if (LinkTarget(value, links) is { } anchor) h.Element("a", value, ("href", "#" + anchor));
            else h.Text(Embedding.FormatValue(value));
        });
    }

    private string? LinkTarget(string value, ReportLinks links)
    {
        if (value.Length == 0 || value.IndexOfAny(Path.GetInvalidPathChars()) >= 0) return null;
        try { return links.AnchorFor(Path.Combine(Directory, value)); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { return null; }
    }

    private void RenderCharts(Html html)
    {
        int train = FindColumn(TrainColumns), test = FindColumn(TestColumns);
        if (train < 0 || test < 0) return;
        var charts = new List<string>();
        foreach (int metric in ChartedMetrics())
            charts.AddRange(ChartsFor(train, test, metric));
        if (charts.Count == 0) return;
        html.Open("div", ("class", "charts"));
        foreach (var svg in charts) html.Raw(Embedding.InlineSvg(svg)).Line();
        html.Close("div").Line();
    }

    /// <summary>The denoised-quality columns; failing those, any PSNR or SSIM column that is not of the noisy input.</summary>
    private IEnumerable<int> ChartedMetrics()
    {
        var preferred = MetricColumns.Select(m => _table!.ColumnIndex(m)).Where(c => c >= 0).ToList();
        if (preferred.Count > 0) return preferred;
        return Enumerable.Range(0, _table!.Header.Count).Where(c =>
        {
            string h = _table.Header[c].ToLowerInvariant();
            return (h.StartsWith("psnr") || h.StartsWith("ssim")) && !h.Contains("noisy");
        });
    }

    private int FindColumn(string[] names) => names.Select(n => _table!.ColumnIndex(n)).FirstOrDefault(c => c >= 0, -1);

    private IEnumerable<string> ChartsFor(int train, int test, int metric)
    {
        var t = _table!;
        string name = t.Header[metric];
        var trains = NoiseAxis.Sorted(t.Rows.Select(r => r[train]));
        var tests = NoiseAxis.Sorted(t.Rows.Select(r => r[test]));
        var means = new double[trains.Count, tests.Count];
        for (int i = 0; i < trains.Count; i++)
            for (int j = 0; j < tests.Count; j++)
            {
                var values = t.Rows.Where(r => r[train] == trains[i] && r[test] == tests[j])
                    .Select(r => CsvTable.ParseNumber(r[metric])).Where(double.IsFinite).ToList();
                means[i, j] = values.Count > 0 ? values.Average() : double.NaN;
            }
        if (means.Cast<double>().All(double.IsNaN)) yield break;
        yield return new SvgHeatmap(means)
        {
            Title = $"{name} by training and test noise", XLabel = "test noise", YLabel = "training noise",
            ColumnLabels = tests, RowLabels = trains, ColorBarLabel = name, ValueFormat = name.StartsWith("psnr") ? "0.0" : "0.###",
            Width = 540, Height = Math.Clamp(160 + 40 * trains.Count, 360, 720),
        }.ToSvg();
        yield return LineOrBars(name, trains, tests, means);
    }

    /// <summary>A line chart when test noise is one kind at numeric levels, grouped bars otherwise.</summary>
    private static string LineOrBars(string metric, List<string> trains, List<string> tests, double[,] means)
    {
        string title = $"{metric} vs test noise";
        var row = (int i) => Enumerable.Range(0, tests.Count).Select(j => means[i, j]).ToList();
        if (NoiseAxis.NumericLevels(tests) is { } axis)
        {
            var line = new SvgLineChart { Title = title, XLabel = $"test noise ({axis.Kind})", YLabel = metric, Width = 540, Height = 360, IntegerX = false, Legend = LegendPosition.OutsideRight };
            for (int i = 0; i < trains.Count; i++) line.AddSeries($"trained on {trains[i]}", axis.Levels, row(i));
            return line.ToSvg();
        }
        var bars = new SvgBarChart(tests) { Title = title, XLabel = "test noise", YLabel = metric, Width = 540, Height = 360, Legend = LegendPosition.OutsideRight };
        for (int i = 0; i < trains.Count; i++) bars.AddSeries($"trained on {trains[i]}", row(i));
        return bars.ToSvg();
    }
}
