using GpuAE.Plots;

namespace GpuAE.Reports;

/// <summary>
/// A `gpuae reproduce` preset folder: its comparison.csv (the paper's numbers beside GpuAE's)
/// as a table ("not reported" where the paper has no number), the preset's own plots (every .svg
/// in the folder) and, when it trained two or more runs, their training and test loss on one chart.
/// </summary>
public sealed class ComparisonSection : ReportSection
{
    public const string FileName = "comparison.csv";
    private readonly CsvTable? _table;
    private readonly List<(string Name, byte[] Svg)> _plots = [];
    private readonly List<LossCurves.Run> _runs = [];

    public ComparisonSection(string directory, string relativePath) : base(directory, relativePath)
    {
        try { _table = CsvTable.Load(Path.Combine(directory, FileName)); }
        catch (Exception e) when (IsReadFailure(e)) { CouldNotRead(FileName, e); }
        foreach (var svg in System.IO.Directory.EnumerateFiles(directory, "*.svg").Order(StringComparer.Ordinal))
        {
            try { _plots.Add((Path.GetFileName(svg), File.ReadAllBytes(svg))); }
            catch (Exception e) when (IsReadFailure(e)) { CouldNotRead(Path.GetFileName(svg), e); }
        }
        foreach (var run in System.IO.Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
            if (LossOf(run) is { } curves) _runs.Add(curves);
    }

    /// <summary>A run folder's per-epoch train and test loss from its metrics.csv; null when it has none (its own section reports why).</summary>
    private static LossCurves.Run? LossOf(string run)
    {
        string path = Path.Combine(run, "metrics.csv");
        if (!File.Exists(path)) return null;
        try
        {
            var table = CsvTable.Load(path);
            int epoch = table.ColumnIndex("epoch"), train = table.ColumnIndex("train_loss"), test = table.ColumnIndex("test_loss");
            if (epoch < 0 || train < 0 || test < 0 || table.Rows.Count == 0) return null;
            return new LossCurves.Run(Path.GetFileName(run), table.Numbers(epoch), table.Numbers(train), table.Numbers(test));
        }
        catch (Exception e) when (IsReadFailure(e)) { return null; }
    }

    public override SectionKind Kind => SectionKind.Comparison;

    public override string Overview
    {
        get
        {
            if (_table is null) return "";
            int experiment = _table.ColumnIndex("experiment");
            string name = experiment >= 0 && _table.Rows.Count > 0 ? _table.Rows[0][experiment] + ": " : "";
            return $"{name}{_table.Rows.Count} rows";
        }
    }

    public override void RenderBody(Html html, ReportLinks links)
    {
        Embedding.Problems(html, Problems);
        if (_table is not null)
        {
            html.Element("h3", "Paper vs GpuAE").Line();
            int paper = _table.ColumnIndex("paper"), quantity = _table.ColumnIndex("quantity");
            // a row for one of the paper's figures has no number to report: it says "figure" instead
            var rows = _table.Rows.Select(r => paper >= 0 && quantity >= 0 && r[quantity] == "figure" ? r.Select((v, i) => i == paper ? "figure" : v).ToArray() : r);
            Embedding.Table(html, _table.Header, rows, (h, column, value) =>
            {
                // a quantity the paper gives no number for: say so rather than leave a blank that reads as "lost"
                if (column == paper && value.Trim().Length == 0) h.Element("span", "not reported", ("class", "absent"));
                else h.Text(Embedding.FormatValue(value));
            });
        }
        foreach (var (name, svg) in _plots) Embedding.SvgFileImage(html, svg, $"{name} of {RelativePath}");
        if (_runs.Count >= 2)
            Embedding.ChartImage(html, LossCurves.Chart($"Training (solid) and test (dashed) loss of the {_runs.Count} runs", "loss (as in metrics.csv)", _runs),
                $"training and test loss of every run of {RelativePath}");
    }
}
