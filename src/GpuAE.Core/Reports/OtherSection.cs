using System.Text.Json.Nodes;

namespace GpuAE.Reports;

/// <summary>
/// A folder with a summary.json this report has no special layout for (a future format, a sweep's
/// own summary, or one too damaged to tell): shown as a key and value table, or as the reading error.
/// </summary>
public sealed class OtherSection : ReportSection
{
    private readonly SummaryFile _summary;

    public OtherSection(string directory, string relativePath, SummaryFile summary) : base(directory, relativePath)
    {
        _summary = summary;
        if (summary.Json is null && summary.Error is not null) CouldNotRead(SummaryFile.FileName, summary.Error);
    }

    public override SectionKind Kind => SectionKind.Other;

    public override string Overview => _summary.Format is { } f ? $"format {f}" : "";

    public override void RenderBody(Html html, ReportLinks links)
    {
        Embedding.Problems(html, Problems);
        if (_summary.Json is JsonObject json)
            Embedding.SettingsTable(html, json);
    }
}
