using System.Globalization;
using System.Text.Json.Nodes;
using GpuAE.Metrics;
using GpuAE.Plots;

namespace GpuAE.Reports;

/// <summary>
/// A folder whose summary.json holds confusion matrices: a classifier run, `gpuae classify`,
/// the stacked autoencoder or the SVM. Shows the accuracies, every confusion matrix in the
/// summary (drawn from its counts, with per-class accuracy), the folder's metrics.csv and its
/// accuracy and loss curves.
/// </summary>
public sealed class ClassifierSection : ReportSection
{
    private readonly SummaryFile _summary;
    private readonly CsvTable? _metrics;
    private readonly List<(string Name, byte[] Svg)> _curves = [];

    public ClassifierSection(string directory, string relativePath, SummaryFile summary) : base(directory, relativePath)
    {
        _summary = summary;
        string metrics = Path.Combine(directory, "metrics.csv");
        if (File.Exists(metrics))
        {
            try { _metrics = CsvTable.Load(metrics); }
            catch (Exception e) when (IsReadFailure(e)) { CouldNotRead("metrics.csv", e); }
        }
        foreach (var name in new[] { "accuracy.svg", "loss.svg" })
        {
            string path = Path.Combine(directory, name);
            if (!File.Exists(path)) continue;
            try { _curves.Add((name, File.ReadAllBytes(path))); }
            catch (Exception e) when (IsReadFailure(e)) { CouldNotRead(name, e); }
        }
    }

    /// <summary>True when a summary has a confusion matrix at its top level or one level down.</summary>
    public static bool Shows(SummaryFile summary) => summary.Json is { } json && Matrices(json, "").Any();

    public override SectionKind Kind => SectionKind.Classifier;

    public override string Overview
    {
        get
        {
            var parts = new List<string>();
            if (_summary.Format is { } f) parts.Add(f);
            foreach (var (key, value) in Accuracies(_summary.Json!)) parts.Add($"{key} {value:P2}");
            return string.Join(", ", parts.Take(5));
        }
    }

    public override void RenderBody(Html html, ReportLinks links)
    {
        Embedding.Problems(html, Problems);
        var json = _summary.Json!;
        html.Element("h3", "Summary").Line();
        var tables = json.Where(p => p.Key != "per_class_accuracy").Select(p => (p.Key, Table: RecordTable(p.Value))).Where(t => t.Table is not null).ToList();
        Embedding.SettingsTable(html, json.Where(p => p.Key is not ("format" or "confusion_matrix" or "per_class_accuracy") && !HasMatrix(p.Value) && !tables.Any(t => t.Key == p.Key)));
        foreach (var (key, table) in tables)
        {
            html.Element("h3", Embedding.Readable(key)).Line();
            Embedding.Table(html, table!.Header.Select(Embedding.Readable).ToList(), table.Rows);
        }
        foreach (var (label, matrix, names) in Matrices(json, ""))
        {
            html.Element("h3", $"Confusion matrix{(label.Length > 0 ? $" ({label})" : "")}").Line();
            var m = new ConfusionMatrix(matrix);
            Embedding.ChartImage(html, ConfusionMatrixFormats.ToHeatmap(m, names, $"{RelativePath}{(label.Length > 0 ? $" ({label})" : "")}: accuracy {m.Accuracy:P2}"), $"confusion matrix of {RelativePath} {label}");
        }
        foreach (var (name, svg) in _curves) Embedding.SvgFileImage(html, svg, $"{name} of {RelativePath}");
        if (_metrics is not null)
        {
            html.Element("h3", "Per-epoch metrics").Line();
            Embedding.Table(html, _metrics.Header, _metrics.Rows);
        }
    }

    /// <summary>Top-level numbers whose key ends in "accuracy", and those one object down ("clean.accuracy").</summary>
    private static IEnumerable<(string Key, double Value)> Accuracies(JsonObject json)
    {
        foreach (var (key, value) in json)
        {
            if (key.EndsWith("accuracy", StringComparison.Ordinal) && Number(value) is double v) yield return (key.Replace('_', ' '), v);
            if (value is JsonObject o)
                foreach (var (k2, v2) in o)
                    if (k2.EndsWith("accuracy", StringComparison.Ordinal) && Number(v2) is double x) yield return ($"{key} {k2.Replace('_', ' ')}", x);
        }
    }

    /// <summary>A non-empty array of flat objects (one record per layer, per round...) as a table: the union of their keys, in order of appearance.</summary>
    private static CsvTable? RecordTable(JsonNode? node)
    {
        if (node is not JsonArray { Count: > 0 } array || !array.All(x => x is JsonObject o && o.All(p => p.Value is null or JsonValue))) return null;
        var header = array.SelectMany(x => x!.AsObject().Select(p => p.Key)).Distinct().ToList();
        var rows = array.Select(x => header.Select(h => x![h] is { } v ? Embedding.FormatJson(v) : "").ToArray()).ToList();
        return new CsvTable(header, rows);
    }

    private static bool HasMatrix(JsonNode? node) => node is JsonObject o && o.ContainsKey("confusion_matrix");

    /// <summary>Each "confusion_matrix" {counts: [[...]]} of the summary, with the class names of its per_class_accuracy.</summary>
    private static IEnumerable<(string Label, int[,] Counts, IReadOnlyList<string> Names)> Matrices(JsonObject json, string label)
    {
        if (json["confusion_matrix"]?["counts"] is JsonArray rows && Counts(rows) is { } counts)
            yield return (label, counts, Names(json, counts.GetLength(0)));
        if (label.Length > 0) yield break;
        foreach (var (key, value) in json)
            if (value is JsonObject o && key != "confusion_matrix")
                foreach (var m in Matrices(o, key)) yield return m;
    }

    private static int[,]? Counts(JsonArray rows)
    {
        int n = rows.Count;
        var counts = new int[n, n];
        for (int t = 0; t < n; t++)
        {
            if (rows[t] is not JsonArray row || row.Count != n) return null;
            for (int p = 0; p < n; p++)
            {
                if (row[p] is not JsonValue v || !v.TryGetValue(out int c)) return null;
                counts[t, p] = c;
            }
        }
        return counts;
    }

    private static IReadOnlyList<string> Names(JsonObject json, int classes) =>
        json["per_class_accuracy"] is JsonArray a && a.Count == classes && a.All(x => x?["name"] is JsonValue)
            ? a.Select(x => x!["name"]!.ToString()).ToList()
            : Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToList();

    private static double? Number(JsonNode? n) => n is JsonValue v && v.TryGetValue(out double d) ? d : null;
}
