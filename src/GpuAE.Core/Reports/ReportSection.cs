namespace GpuAE.Reports;

/// <summary>The kinds of folder a report shows, in page order.</summary>
public enum SectionKind { Comparison, Sweep, Run, Tsne, Classifier, Other }

/// <summary>
/// One folder's part of the report. Problems reading its files are collected, not thrown, so one
/// damaged run shows a "could not read" note while the rest of the report is still written.
/// </summary>
public abstract class ReportSection(string directory, string relativePath)
{
    public string Directory { get; } = directory;
    /// <summary>The folder relative to the report's root (the root itself by its folder name), with '/' separators.</summary>
    public string RelativePath { get; } = relativePath;
    public abstract SectionKind Kind { get; }
    /// <summary>HTML id, unique within the page; assigned by the report.</summary>
    public string Anchor { get; internal set; } = "";
    public List<string> Problems { get; } = [];

    /// <summary>Short text for the table of contents (e.g. the final PSNR); may be empty.</summary>
    public virtual string Overview => "";

    public abstract void RenderBody(Html html, ReportLinks links);

    protected void CouldNotRead(string file, Exception e) =>
        Problems.Add($"could not read {file}: {FirstLine(e.Message)}");

    private static string FirstLine(string s)
    {
        int nl = s.IndexOfAny(['\r', '\n']);
        return nl < 0 ? s : s[..nl];
    }

    /// <summary>Reading failures that mean "this file is bad", as opposed to bugs.</summary>
    protected static bool IsReadFailure(Exception e) => e is IOException or UnauthorizedAccessException or FormatException
        or System.Text.Json.JsonException or InvalidOperationException or Imaging.ImageFormatException or ArgumentException;
}

/// <summary>Maps folders to the anchors of their sections, so a table cell naming a run folder can link to it.</summary>
public sealed class ReportLinks(IReadOnlyList<ReportSection> sections)
{
    private readonly Dictionary<string, string> _anchors = sections
        .Where(s => s.Kind is SectionKind.Run or SectionKind.Tsne)
        .GroupBy(s => Normalize(s.Directory))
        .ToDictionary(g => g.Key, g => g.First().Anchor);

    public string? AnchorFor(string directory) => _anchors.GetValueOrDefault(Normalize(directory));

    private static string Normalize(string directory) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
}
