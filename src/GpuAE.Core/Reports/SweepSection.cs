using System.Globalization;
using GpuAE.Plots;

namespace GpuAE.Reports;

/// <summary>
/// A results.csv (a sweep's table): shown as a table whose cells that name a run folder link to it,
/// and, when it has a test-noise column and metric columns, for each metric a heatmap of every
/// trained cell at every test noise and a chart of the metric against test noise, one line per cell.
/// A cell is one combination of the setting columns (every column that is neither the test noise nor
/// a result, e.g. lr, hidden, train_noise), so nothing is averaged over a grid axis; should several
/// rows still share a cell and test noise (repeated seeds), the charts show their mean and say so.
/// </summary>
public sealed class SweepSection : ReportSection
{
    public const string FileName = "results.csv";
    private static readonly string[] TestColumns = ["test_noise", "eval_noise"];
    private static readonly string[] MetricColumns = ["psnr_denoised", "ssim_denoised", "mse_denoised"];
    /// <summary>Columns that are results or bookkeeping, not settings that tell cells apart.</summary>
    private static readonly string[] ResultColumns =
        ["cell", "train_loss", "test_loss", "mse_noisy", "mse_denoised", "psnr_noisy", "psnr_denoised", "ssim_noisy", "ssim_denoised", "train_seconds", "seconds"];
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
        int test = TestColumns.Select(n => _table!.ColumnIndex(n)).FirstOrDefault(c => c >= 0, -1);
        if (test < 0) return;
        var grid = new SweepGrid(_table!, test, SettingColumns(test));
        var metrics = ChartedMetrics().ToList();
        if (metrics.Count == 0 || grid.Cells.Count == 0) return;
        html.Element("p", grid.Describe(), ("class", "note")).Line();
        html.Open("div", ("class", "charts"));
        foreach (int metric in metrics)
        {
            string name = Embedding.Readable(_table!.Header[metric]);
            var values = grid.Values(metric);
            if (values.Cast<double>().All(double.IsNaN)) continue;
            Embedding.ChartImage(html, CellHeatmap(grid, name, values), $"{name} of every cell at every test noise");
            var chart = NoiseCurves.Chart(name, grid.TestNoises, "cell",
                grid.Cells.Select((cell, i) => (cell, (IReadOnlyList<double>)Enumerable.Range(0, grid.TestNoises.Count).Select(j => values[i, j]).ToList())));
            chart.Width = 720;
            chart.Height = Math.Clamp(240 + 18 * grid.Cells.Count, 400, 1000); // room for one legend line per cell
            Embedding.ChartImage(html, chart, $"{name} against test noise, one series per cell");
        }
        html.Close("div").Line();
    }

    private static Heatmap CellHeatmap(SweepGrid grid, string metric, double[,] values) => new(values)
    {
        Title = $"{metric} of every cell at every test noise",
        XLabel = "test noise", YLabel = "cell",
        ColumnLabels = grid.TestNoises, RowLabels = grid.Cells, ColorBarLabel = metric,
        ValueFormat = metric.StartsWith("PSNR", StringComparison.Ordinal) ? "0.0" : "0.###",
        Width = 720, Height = Math.Clamp(200 + 36 * grid.Cells.Count, 360, 1400),
    };

    /// <summary>Every column that is neither the test noise nor a result: lr, hidden, train_noise, ...</summary>
    private List<int> SettingColumns(int test) => Enumerable.Range(0, _table!.Header.Count)
        .Where(c => c != test && !ResultColumns.Contains(_table.Header[c].ToLowerInvariant()) && !IsMetric(_table.Header[c]))
        .ToList();

    private static bool IsMetric(string header)
    {
        string h = header.ToLowerInvariant();
        return h.StartsWith("psnr") || h.StartsWith("ssim") || h.StartsWith("mse") || h.EndsWith("_loss") || h.EndsWith("accuracy");
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

    /// <summary>The rows of results.csv arranged as cells (combinations of the setting columns) by test noise.</summary>
    private sealed class SweepGrid
    {
        private readonly CsvTable _table;
        private readonly int _test;
        private readonly List<int> _settings;
        private readonly Dictionary<(string Cell, string Test), List<string[]>> _rows = new();

        public SweepGrid(CsvTable table, int test, List<int> settings)
        {
            _table = table;
            _test = test;
            _settings = settings;
            TestNoises = NoiseAxis.Sorted(table.Rows.Select(r => r[test]));
            Cells = table.Rows.Select(CellOf).Distinct().ToList(); // in file order: the sweep's cell order
            foreach (var row in table.Rows)
            {
                var key = (CellOf(row), row[test]);
                if (!_rows.TryGetValue(key, out var list)) _rows[key] = list = [];
                list.Add(row);
            }
        }

        public List<string> TestNoises { get; }
        public List<string> Cells { get; }
        /// <summary>Most rows that share one cell and test noise (1 when every point is one row).</summary>
        public int MaxRowsPerPoint => _rows.Values.Max(l => l.Count);

        private string CellOf(string[] row) => _settings.Count == 0
            ? "all rows"
            : string.Join(", ", _settings.Select(c => $"{Short(_table.Header[c])}={row[c]}"));

        private static string Short(string header) => header.Equals("train_noise", StringComparison.OrdinalIgnoreCase) ? "train" : header;

        /// <summary>values[cell, test noise] of a metric column: the row's value, or the mean of the rows sharing the point; NaN where none.</summary>
        public double[,] Values(int metric)
        {
            var values = new double[Cells.Count, TestNoises.Count];
            for (int i = 0; i < Cells.Count; i++)
                for (int j = 0; j < TestNoises.Count; j++)
                {
                    var numbers = _rows.TryGetValue((Cells[i], TestNoises[j]), out var rows)
                        ? rows.Select(r => CsvTable.ParseNumber(r[metric])).Where(double.IsFinite).ToList()
                        : [];
                    values[i, j] = numbers.Count > 0 ? numbers.Average() : double.NaN;
                }
            return values;
        }

        /// <summary>One sentence on what the charts show: which columns make a cell, and whether anything is averaged.</summary>
        public string Describe()
        {
            string cells = _settings.Count == 0
                ? "results.csv has no setting columns besides the test noise, so all its rows form one cell"
                : $"Each cell is one combination of {string.Join(", ", _settings.Select(c => _table.Header[c]))} ({Cells.Count} cells)";
            string averaged = MaxRowsPerPoint > 1
                ? $"; up to {MaxRowsPerPoint} rows share a cell and test noise (no column tells them apart), and the charts show their mean"
                : "; every point is one row of results.csv, nothing is averaged";
            return string.Create(CultureInfo.InvariantCulture, $"{cells}{averaged}.");
        }
    }
}
