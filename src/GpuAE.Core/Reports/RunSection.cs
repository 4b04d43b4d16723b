using System.Globalization;
using System.Text.Json.Nodes;
using GpuAE.Imaging;
using GpuAE.Plots;

namespace GpuAE.Reports;

/// <summary>
/// A `gpuae train` run folder: configuration and final metrics from summary.json, the per-epoch
/// table and curves from metrics.csv (loss.svg shown instead when metrics.csv cannot be read), and
/// samples.png and (in a sweep cell) gallery.png as data URIs.
/// </summary>
public sealed class RunSection : ReportSection
{
    private readonly SummaryFile? _summary;
    private readonly CsvTable? _metrics;
    private readonly byte[]? _samples, _gallery, _lossSvg;

    public RunSection(string directory, string relativePath, SummaryFile? summary) : base(directory, relativePath)
    {
        _summary = summary;
        if (summary is null) Problems.Add("no summary.json (the run may not have finished)");
        else if (summary.Error is not null) CouldNotRead(SummaryFile.FileName, summary.Error);
        _metrics = LoadMetrics();
        _samples = LoadImage("samples.png");
        _gallery = LoadImage("gallery.png");
        if (_metrics is null) _lossSvg = TryReadBytes("loss.svg");
    }

    public override SectionKind Kind => SectionKind.Run;

    public override string Overview
    {
        get
        {
            if (_summary?.Json is null) return "";
            var parts = new List<string>();
            if (_summary.Text("configuration.Model") is { } model) parts.Add(model);
            if (_summary.Text("configuration.Noise") is { } noise) parts.Add($"noise {noise}");
            if (_summary.Number("epochs") is { } epochs) parts.Add(epochs == 1 ? "1 epoch" : $"{epochs:0} epochs");
            if (_summary.Number("final.PsnrNoisy") is { } pn && _summary.Number("final.PsnrDenoised") is { } pd)
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"PSNR {pn:F2} → {pd:F2} dB"));
            if (_summary.Number("final.SsimNoisy") is { } sn && _summary.Number("final.SsimDenoised") is { } sd)
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"SSIM {sn:F3} → {sd:F3}"));
            return string.Join(", ", parts);
        }
    }

    private CsvTable? LoadMetrics()
    {
        string path = Path.Combine(Directory, "metrics.csv");
        if (!File.Exists(path)) { Problems.Add("no metrics.csv"); return null; }
        try { return CsvTable.Load(path); }
        catch (Exception e) when (IsReadFailure(e)) { CouldNotRead("metrics.csv", e); return null; }
    }

    /// <summary>A PNG of the folder, checked to decode (a broken one is a noted problem, not a broken page).</summary>
    private byte[]? LoadImage(string file)
    {
        var bytes = TryReadBytes(file);
        if (bytes is null) return null;
        try { ImageCodec.DecodeGray(bytes); return bytes; }
        catch (ImageFormatException e) { CouldNotRead(file, e); return null; }
    }

    private byte[]? TryReadBytes(string file)
    {
        string path = Path.Combine(Directory, file);
        if (!File.Exists(path)) return null;
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (IsReadFailure(e)) { CouldNotRead(file, e); return null; }
    }

    public override void RenderBody(Html html, ReportLinks links)
    {
        Embedding.Problems(html, Problems);
        if (_summary?.Json is { } json)
        {
            html.Open("div", ("class", "row"));
            if (json["final"] is JsonObject final) html.Open("div").Call(h => RenderFinal(h, final)).Close("div");
            html.Open("div").Element("h3", "Configuration").Line();
            Embedding.SettingsTable(html, json.Where(p => p.Key is not ("final" or "format")));
            html.Close("div").Close("div").Line();
        }
        RenderCharts(html);
        if (_samples is not null)
        {
            html.Element("h3", "Samples").Line();
            html.Open("figure").Open("img", ("class", "samples"), ("alt", $"samples of {RelativePath}"), ("src", Embedding.DataUri("image/png", _samples)))
                .Element("figcaption", "rows: clean, noisy and denoised test images; under each noisy and denoised image its PSNR against the clean one").Close("figure").Line();
        }
        if (_gallery is not null)
        {
            html.Element("h3", "Reconstructions at every test noise").Line();
            html.Open("figure").Open("img", ("class", "samples"), ("alt", $"reconstruction gallery of {RelativePath}"), ("src", Embedding.DataUri("image/png", _gallery)))
                .Element("figcaption", "gallery.png: the same test images clean, then noisy and denoised at each test noise of the sweep, with PSNR").Close("figure").Line();
        }
        if (_metrics is not null)
        {
            html.Element("h3", "Per-epoch metrics").Line();
            Embedding.Table(html, _metrics.Header, _metrics.Rows);
        }
    }

    /// <summary>Paired metrics (MseNoisy / MseDenoised ...) side by side, the rest as key and value.</summary>
    private static void RenderFinal(Html html, JsonObject final)
    {
        html.Element("h3", "Final metrics").Line();
        var pairs = final.Select(p => p.Key).Where(k => k.EndsWith("Noisy", StringComparison.Ordinal) && final.ContainsKey(k[..^5] + "Denoised")).ToList();
        var paired = pairs.SelectMany(k => new[] { k, k[..^5] + "Denoised" }).ToHashSet();
        Embedding.SettingsTable(html, final.Where(p => !paired.Contains(p.Key)));
        if (pairs.Count == 0) return;
        html.Open("table", ("class", "data")).Open("thead").Open("tr").Element("th", "metric").Element("th", "noisy").Element("th", "denoised").Close("tr").Close("thead").Open("tbody");
        foreach (var k in pairs)
            html.Open("tr").Element("th", Embedding.Readable(k[..^5])).Element("td", Embedding.FormatJson(final[k]), ("class", "num"))
                .Element("td", Embedding.FormatJson(final[k[..^5] + "Denoised"]), ("class", "num")).Close("tr");
        html.Close("tbody").Close("table").Line();
    }

    private void RenderCharts(Html html)
    {
        if (_metrics is null)
        {
            if (_lossSvg is not null) { html.Element("h3", "Loss").Line(); Embedding.SvgFileImage(html, _lossSvg, $"loss per epoch of {RelativePath} (loss.svg)"); }
            return;
        }
        int epoch = _metrics.ColumnIndex("epoch");
        if (epoch < 0) { html.Element("p", "metrics.csv has no 'epoch' column: no curves drawn", ("class", "problem")); return; }
        var x = _metrics.Numbers(epoch);
        var charts = new List<LineChart>();
        AddChart(charts, x, "Loss per epoch", "loss (per pixel)", h => h.EndsWith("_loss", StringComparison.OrdinalIgnoreCase) || h.Equals("loss", StringComparison.OrdinalIgnoreCase));
        AddChart(charts, x, "PSNR per epoch", "PSNR (dB)", h => h.StartsWith("psnr", StringComparison.OrdinalIgnoreCase));
        AddChart(charts, x, "SSIM per epoch", "SSIM", h => h.StartsWith("ssim", StringComparison.OrdinalIgnoreCase));
        if (charts.Count == 0) return;
        html.Element("h3", "Curves").Line().Open("div", ("class", "charts"));
        foreach (var chart in charts) Embedding.ChartImage(html, chart, $"{chart.Title} of {RelativePath}");
        html.Close("div").Line();
    }

    private void AddChart(List<LineChart> charts, double[] x, string title, string yLabel, Func<string, bool> columnFilter)
    {
        var columns = Enumerable.Range(0, _metrics!.Header.Count).Where(c => columnFilter(_metrics.Header[c])).ToList();
        if (columns.Count == 0) return;
        var chart = new LineChart { Title = title, XLabel = "epoch", YLabel = yLabel, Width = 540, Height = 320 };
        foreach (int c in columns) chart.AddSeries(Embedding.Readable(_metrics.Header[c]), x, _metrics.Numbers(c));
        charts.Add(chart);
    }
}
