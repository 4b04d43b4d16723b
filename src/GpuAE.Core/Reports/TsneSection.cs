using System.Globalization;
using GpuAE.Plots;

namespace GpuAE.Reports;

/// <summary>A `gpuae tsne` folder: its summary (trustworthiness first) and the scatter plot.</summary>
public sealed class TsneSection : ReportSection
{
    private readonly SummaryFile? _summary;
    private readonly byte[]? _svgFile;
    private readonly ScatterChart? _replotted;

    public TsneSection(string directory, string relativePath, SummaryFile? summary) : base(directory, relativePath)
    {
        _summary = summary;
        if (summary?.Error is not null) CouldNotRead(SummaryFile.FileName, summary.Error);
        string svg = Path.Combine(directory, "tsne.svg");
        try
        {
            if (File.Exists(svg)) _svgFile = File.ReadAllBytes(svg);
            else _replotted = ReplotEmbedding();
        }
        catch (Exception e) when (IsReadFailure(e)) { CouldNotRead(File.Exists(svg) ? "tsne.svg" : "embedding.csv", e); }
    }

    public override SectionKind Kind => SectionKind.Tsne;

    public double? Trustworthiness => _summary?.Number("trustworthiness_k5");

    public override string Overview
    {
        get
        {
            var parts = new List<string>();
            if (_summary?.Text("model") is { } model) parts.Add(model);
            if (_summary?.Number("n") is { } n) parts.Add($"{n:0} points");
            if (Trustworthiness is { } t) parts.Add(string.Create(CultureInfo.InvariantCulture, $"trustworthiness {t:F4}"));
            if (_summary?.Number("knn_accuracy_k10") is { } knn) parts.Add(string.Create(CultureInfo.InvariantCulture, $"kNN accuracy (k=10) {knn:P1}"));
            if (_summary?.Number("silhouette") is { } silhouette) parts.Add(string.Create(CultureInfo.InvariantCulture, $"silhouette {silhouette:F3}"));
            return string.Join(", ", parts);
        }
    }

    /// <summary>When tsne.svg is missing, the scatter plot drawn again from embedding.csv (index,label,class,x,y).</summary>
    private ScatterChart? ReplotEmbedding()
    {
        string path = Path.Combine(Directory, "embedding.csv");
        if (!File.Exists(path)) { Problems.Add("no tsne.svg or embedding.csv to plot"); return null; }
        var table = CsvTable.Load(path);
        int x = table.ColumnIndex("x"), y = table.ColumnIndex("y"), label = table.ColumnIndex("label"), name = table.ColumnIndex("class");
        if (x < 0 || y < 0) throw new FormatException("embedding.csv has no x and y columns");
        var labels = label < 0 ? table.Rows.Select(_ => 0).ToList() : table.Numbers(label).Select(v => double.IsFinite(v) ? (int)v : -1).ToList();
        var names = new Dictionary<int, string>();
        if (name >= 0) for (int i = 0; i < table.Rows.Count; i++) names.TryAdd(labels[i], table.Rows[i][name]);
        var classNames = Enumerable.Range(0, labels.DefaultIfEmpty(0).Max() + 1).Select(l => names.GetValueOrDefault(l, l.ToString(CultureInfo.InvariantCulture))).ToList();
        return new ScatterChart { Title = "t-SNE embedding", XLabel = "t-SNE 1", YLabel = "t-SNE 2" }
            .AddLabelledPoints(table.Numbers(x), table.Numbers(y), labels, classNames);
    }

    public override void RenderBody(Html html, ReportLinks links)
    {
        Embedding.Problems(html, Problems);
        if (Trustworthiness is { } t)
            html.Open("p", ("class", "headline")).Text("trustworthiness (k = 5): ").Element("strong", t.ToString("F4", CultureInfo.InvariantCulture)).Close("p").Line();
        html.Open("div", ("class", "row"));
        if (_summary?.Json is { } json)
            html.Open("div").Call(h => Embedding.SettingsTable(h, json.Where(p => p.Key != "format"))).Close("div");
        if (_svgFile is not null) html.Open("div").Call(h => Embedding.SvgFileImage(h, _svgFile, $"t-SNE scatter plot of {RelativePath}")).Close("div");
        else if (_replotted is not null) html.Open("div").Call(h => Embedding.ChartImage(h, _replotted, $"t-SNE scatter plot of {RelativePath}, drawn from embedding.csv")).Close("div");
        html.Close("div").Line();
    }
}
