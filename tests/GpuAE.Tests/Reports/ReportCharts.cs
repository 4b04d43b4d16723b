using System.Text;
using System.Text.RegularExpressions;

namespace GpuAE.Tests.Reports;

/// <summary>The SVG documents of a report's chart images (data URIs), decoded so tests can read their text.</summary>
internal static partial class ReportCharts
{
    [GeneratedRegex("src=\"data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\"")]
    private static partial Regex SvgDataUri();

    public static List<string> Svgs(string html) =>
        SvgDataUri().Matches(html).Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value))).ToList();

    /// <summary>The text runs of each chart image, in page order.</summary>
    public static List<List<string>> Texts(string html) => Svgs(html).Select(svg => Plots.ChartFileReading.Texts(Plots.ChartFileReading.ParseSvg(svg))).ToList();
}
