using System.Text;
using GpuAE.IO;

namespace GpuAE.Reports;

/// <summary>
/// `gpuae report`: one self-contained HTML page (inline CSS, charts and images as data URIs, no
/// scripts, nothing fetched) with every run, t-SNE and sweep folder found under a folder, a table of
/// contents with anchors at the top. Each folder's section folds (a details element): open when the
/// report is short, folded when it has more than <see cref="OpenSectionsUpTo"/> sections, so a long
/// report is a list of titles to pick from. The page depends only on the files, not on the time or
/// machine, so the same folder gives the same bytes.
/// </summary>
public static class HtmlReport
{
    public static readonly IReadOnlyDictionary<SectionKind, string> GroupTitles = new Dictionary<SectionKind, string>
    {
        [SectionKind.Comparison] = "Reproduced experiments", [SectionKind.Sweep] = "Sweeps", [SectionKind.Run] = "Training runs", [SectionKind.Tsne] = "t-SNE embeddings", [SectionKind.Classifier] = "Classifiers", [SectionKind.Other] = "Other summaries",
    };

    /// <summary>Reports with at most this many sections show them all open.</summary>
    public const int OpenSectionsUpTo = 8;

    /// <summary>Scans <paramref name="root"/>, writes the page atomically, returns the sections shown.</summary>
    public static IReadOnlyList<ReportSection> Write(string root, string outputPath, string? title = null)
    {
        var sections = ReportScanner.Scan(root);
        if (sections.Count == 0)
            throw new ReportInputException($"report: nothing to report in '{root}': no run, t-SNE or sweep folder below it (looked for summary.json, metrics.csv and results.csv)");
        AtomicFile.WriteAllText(outputPath, Render(title ?? $"GpuAE report: {root}", sections));
        return sections;
    }

    public static string Render(string title, IReadOnlyList<ReportSection> sections)
    {
        AssignAnchors(sections);
        var links = new ReportLinks(sections);
        var html = new Html();
        html.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Element("title", title).Line()
            .Raw("<style>\n").Raw(Stylesheet).Raw("</style>\n</head>\n<body>\n")
            .Element("h1", title).Line();
        RenderContents(html, sections);
        bool open = sections.Count <= OpenSectionsUpTo;
        if (!open) html.Element("p", $"{sections.Count} folders: each section below is folded; click its title to open it, or pick it from the contents.", ("class", "note")).Line();
        foreach (var group in sections.GroupBy(s => s.Kind))
        {
            html.Element("h2", GroupTitles[group.Key], ("class", "group")).Line();
            foreach (var s in group)
            {
                html.Open("section", ("id", s.Anchor), ("class", s.Problems.Count > 0 ? "has-problems" : null)).Line()
                    .Open("details", ("open", open ? "" : null)).Open("summary")
                    .Open("h2").Text(s.RelativePath).Raw(" ").Element("a", "¶", ("href", "#" + s.Anchor), ("class", "self")).Raw(" ")
                    .Element("a", "↑ contents", ("href", "#contents"), ("class", "up")).Close("h2");
                if (s.Overview.Length > 0) html.Element("span", s.Overview, ("class", "overview"));
                html.Close("summary").Line();
                s.RenderBody(html, links);
                html.Close("details").Close("section").Line();
            }
        }
        html.Raw("</body>\n</html>\n");
        return html.ToString();
    }

    private static void RenderContents(Html html, IReadOnlyList<ReportSection> sections)
    {
        html.Open("nav", ("id", "contents")).Element("h2", "Contents").Line();
        foreach (var group in sections.GroupBy(s => s.Kind))
        {
            html.Element("h3", $"{GroupTitles[group.Key]} ({group.Count()})").Open("table", ("class", "toc")).Open("tbody");
            foreach (var s in group)
            {
                html.Open("tr").Open("td").Element("a", s.RelativePath, ("href", "#" + s.Anchor)).Close("td").Element("td", s.Overview);
                html.Element("td", s.Problems.Count > 0 ? $"{s.Problems.Count} problem{(s.Problems.Count > 1 ? "s" : "")}" : "", ("class", "problem-count")).Close("tr").Line();
            }
            html.Close("tbody").Close("table").Line();
        }
        html.Close("nav").Line();
    }

    /// <summary>Ids made of [a-z0-9-] only (safe anywhere), unique even when two paths differ only in punctuation.</summary>
    private static void AssignAnchors(IReadOnlyList<ReportSection> sections)
    {
        var used = new HashSet<string>(StringComparer.Ordinal) { "contents" };
        foreach (var s in sections)
        {
            string prefix = s.Kind switch { SectionKind.Comparison => "comparison", SectionKind.Sweep => "sweep", SectionKind.Run => "run", SectionKind.Tsne => "tsne", SectionKind.Classifier => "classifier", _ => "summary" };
            var slug = new StringBuilder(prefix).Append('-');
            foreach (char c in s.RelativePath.ToLowerInvariant())
                slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
            string baseId = slug.ToString().TrimEnd('-'), id = baseId;
            for (int n = 2; !used.Add(id); n++) id = $"{baseId}-{n}";
            s.Anchor = id;
        }
    }

    private const string Stylesheet = """
        body { font-family: Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif; color: #222; margin: 24px auto; max-width: 1200px; padding: 0 16px; line-height: 1.4; }
        h1 { font-size: 1.6em; margin-bottom: 0.4em; }
        h2.group { border-bottom: 2px solid #4C72B0; padding-bottom: 4px; margin-top: 2em; }
        section { border: 1px solid #ddd; border-radius: 6px; padding: 4px 16px 16px; margin: 16px 0; }
        section.has-problems { border-color: #C44E52; }
        section h2 { font-size: 1.25em; font-family: monospace; display: inline; margin: 0; }
        summary { cursor: pointer; padding: 10px 0 6px; }
        summary span.overview { display: block; color: #555; font-size: 0.9em; margin: 2px 0 0 1.2em; }
        th.group { background: #e9edf5; font-weight: bold; font-family: Helvetica, Arial, sans-serif; }
        p.note { color: #444; font-size: 0.95em; }
        span.absent { color: #888; font-style: italic; }
        h3 { font-size: 1.05em; margin: 1.2em 0 0.4em; }
        a.self, a.up { font-size: 0.7em; font-family: Helvetica, Arial, sans-serif; color: #888; text-decoration: none; margin-left: 8px; }
        table { border-collapse: collapse; font-size: 0.9em; margin: 4px 0; }
        th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
        thead th { background: #f3f5f9; position: sticky; top: 0; }
        table.kv th { background: #f7f7f7; font-weight: normal; white-space: nowrap; }
        table.kv td { overflow-wrap: anywhere; max-width: 640px; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        table.toc td { border: none; padding: 2px 12px 2px 0; }
        td.problem-count, p.problem { color: #C44E52; }
        p.problem { font-weight: bold; margin: 6px 0; }
        p.problem::before { content: "⚠ "; }
        p.headline { font-size: 1.1em; }
        div.scroll { max-height: 480px; overflow: auto; max-width: 100%; width: fit-content; }
        div.row { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
        div.row > div { min-width: 0; max-width: 100%; }
        div.charts { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
        img.chart { max-width: 100%; height: auto; }
        img.samples { max-width: 100%; border: 1px solid #ddd; }
        figure { margin: 0; }
        figcaption { font-size: 0.85em; color: #666; }

        """;
}
