using CommandLine;
using GpuAE.Reports;

namespace GpuAE.Cli.Commands;

[Verb("report", HelpText = "Write one self-contained HTML page (no scripts, nothing fetched) with every run, t-SNE and sweep (results.csv) folder under a folder.")]
public sealed class ReportOptions : ICommand
{
    // not Required: the parser would name a positional value "--" in its error; Run says it plainly
    [Value(0, MetaName = "folder", HelpText = "Required. folder to search, recursively (e.g. runs/)")]
    public string Folder { get; set; } = "";

    [Option("out", Default = "report.html", HelpText = "HTML file to write")]
    public string Out { get; set; } = "report.html";

    [Option("title", HelpText = "page title (default: 'GpuAE report: <folder>')")]
    public string? Title { get; set; }

    public int Run()
    {
        if (string.IsNullOrWhiteSpace(Folder)) throw new UsageException("report: missing the folder to report on (e.g. 'gpuae report runs/ --out report.html')");
        IO.OutputFolder.PrepareFile(Out, "--out");
        IReadOnlyList<ReportSection> sections;
        try { sections = HtmlReport.Write(Folder, Out, Title); }
        catch (ReportInputException e) { throw new UsageException(e.Message); }
        foreach (var s in sections)
            foreach (var p in s.Problems)
                Console.WriteLine($"note: {s.RelativePath}: {p}");
        var counts = sections.GroupBy(s => s.Kind).Select(g => $"{g.Count()} {HtmlReport.GroupTitles[g.Key].ToLowerInvariant()}");
        Console.WriteLine($"wrote {Path.GetFullPath(Out)} ({string.Join(", ", counts)})");
        return 0;
    }
}
