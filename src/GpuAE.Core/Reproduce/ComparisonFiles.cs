using System.Globalization;
using System.Text;
using GpuAE.IO;
using GpuAE.Metrics;
using GpuAE.Plots;

namespace GpuAE.Reproduce;

/// <summary>
/// A preset's comparison files: comparison.csv (one row per <see cref="ComparisonRow"/>),
/// comparison.md (the same as a table) and paper-vs-gpuae-N.svg (one grouped bar chart per
/// quantity the paper reports a number for: the paper's value beside GpuAE's).
/// </summary>
public static class ComparisonFiles
{
    public const string Csv = "comparison.csv", Markdown = "comparison.md";

    public static readonly string[] Header =
        ["experiment", "setting", "quantity", "source", "paper", "gpuae", "gpuae_sd", "ci95_low", "ci95_high", "seeds", "paper_in_ci95", "figure", "note"];

    public static void Write(string folder, string experiment, string paper, string scale, IReadOnlyList<ComparisonRow> rows)
    {
        var csv = new StringBuilder(string.Join(",", Header) + "\n");
        foreach (var r in rows)
        {
            var s = r.Spread;
            csv.AppendJoin(',', CsvField.Escape(experiment), CsvField.Quoted(r.Setting), CsvField.Quoted(r.Quantity), CsvField.Quoted(r.Source),
                Number(r.Paper), Number(r.GpuAE), Number(s?.Sd), Number(s?.Low), Number(s?.High), s?.Count.ToString(CultureInfo.InvariantCulture) ?? (r.GpuAE is null ? "" : "1"),
                s?.Contains(r.Paper) switch { true => "yes", false => "no", null => "" }, CsvField.Escape(r.Figure ?? ""), CsvField.Quoted(r.Note));
            csv.Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(folder, Csv), csv.ToString());
        AtomicFile.WriteAllText(Path.Combine(folder, Markdown), ToMarkdown(experiment, paper, scale, rows));
        ComparisonCharts.Write(folder, experiment, rows);
    }

    public static string ToMarkdown(string experiment, string paper, string scale, IReadOnlyList<ComparisonRow> rows)
    {
        var md = new StringBuilder($"# {experiment}\n\nSource: {paper}. {scale}.\n\n| setting | quantity | paper | where in the paper | GpuAE | note |\n|---|---|---|---|---|---|\n");
        foreach (var r in rows)
        {
            string paperCell = r.Paper is double p ? Format(p) : r.IsFigure ? "figure" : "not reported";
            string ours = r.IsFigure ? (r.Figure is null ? "" : $"[{r.Figure}]({r.Figure})") : Describe(r);
            md.Append($"| {Cell(r.Setting)} | {Cell(r.Quantity)} | {paperCell} | {Cell(r.Source)} | {ours} | {Cell(r.Note)} |\n");
        }
        return md.ToString();
    }

    /// <summary>GpuAE's value as a table cell: "0.0123", or over seeds "0.0123 ± 0.0004 [0.0118, 0.0128], 5 seeds, paper inside".</summary>
    public static string Describe(ComparisonRow r)
    {
        if (r.GpuAE is not double g) return "not measured";
        if (r.Spread is not { Sd: double sd, Low: double lo, High: double hi } s) return Format(g);
        string inside = s.Contains(r.Paper) switch { true => ", paper inside", false => ", paper outside", null => "" };
        return $"{Format(g)} ± {Format(sd)} [{Format(lo)}, {Format(hi)}], {s.Count} seeds{inside}";
    }

    /// <summary>
    /// Rows of several seeds as one: GpuAE's value becomes the mean, with the spread over seeds;
    /// figures point into the first seed's folder. Every seed must have produced the same rows.
    /// </summary>
    public static List<ComparisonRow> OverSeeds(IReadOnlyList<(string Folder, IReadOnlyList<ComparisonRow> Rows)> seeds)
    {
        var first = seeds[0].Rows;
        foreach (var (folder, rows) in seeds.Skip(1))
            if (rows.Count != first.Count || rows.Zip(first).Any(p => p.First.Key != p.Second.Key))
                throw new InvalidOperationException($"reproduce: the seed in {folder} produced other comparison rows than the one in {seeds[0].Folder}");
        var result = new List<ComparisonRow>();
        for (int i = 0; i < first.Count; i++)
        {
            var values = seeds.Select(s => s.Rows[i].GpuAE).OfType<double>().ToList();
            var spread = values.Count > 0 ? Metrics.OverSeeds.Of(values) : null;
            string? figure = first[i].Figure is string f ? $"{seeds[0].Folder}/{f}" : null;
            result.Add(first[i] with { GpuAE = spread?.Mean, Spread = spread, Figure = figure });
        }
        return result;
    }

    private static string Number(double? v) => v is double d ? d.ToString("G6", CultureInfo.InvariantCulture) : "";

    public static string Format(double v) => v.ToString("G5", CultureInfo.InvariantCulture);

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
