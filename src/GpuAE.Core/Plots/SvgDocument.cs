using System.Globalization;
using System.Text;
using GpuAE.IO;

namespace GpuAE.Plots;

public enum TextAnchor { Start, Middle, End }

/// <summary>How a piece of text is drawn: size in px, anchor, weight, colour, rotation about its anchor point.</summary>
public readonly record struct TextStyle(double Size, TextAnchor Anchor = TextAnchor.Start, bool Bold = false, string Color = "#222222", double Rotate = 0);

/// <summary>
/// A minimal SVG writer: shapes and text appended in drawing order, coordinates in pixels with the
/// origin top-left. Escapes all text and attribute values and drops characters XML cannot carry,
/// so any user string (a run name, a title) yields a well-formed document.
/// </summary>
public sealed class SvgDocument
{
    public const string FontFamily = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

    private readonly StringBuilder _body = new();
    private int _depth = 1;

    public SvgDocument(double width, double height, string? title = null)
    {
        if (!(width > 0 && height > 0)) throw new ArgumentOutOfRangeException(nameof(width), $"SVG size must be positive, got {width}x{height}");
        Width = width;
        Height = height;
        Title = title;
    }

    public double Width { get; }
    public double Height { get; }
    public string? Title { get; }

    public void Rect(double x, double y, double width, double height, string fill, string? stroke = null, double strokeWidth = 1, double opacity = 1)
    {
        Open("rect").Attr("x", x).Attr("y", y).Attr("width", width).Attr("height", height).Attr("fill", fill);
        if (stroke is not null) Attr("stroke", stroke).Attr("stroke-width", strokeWidth);
        if (opacity < 1) Attr("fill-opacity", opacity);
        Close();
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string? dash = null)
    {
        Open("line").Attr("x1", x1).Attr("y1", y1).Attr("x2", x2).Attr("y2", y2).Attr("stroke", stroke).Attr("stroke-width", strokeWidth);
        if (dash is not null) Attr("stroke-dasharray", dash);
        Close();
    }

    /// <summary>One path through the given runs of points; each run starts a new sub-path, so gaps stay gaps.</summary>
    public void Path(IEnumerable<IReadOnlyList<(double X, double Y)>> runs, string stroke, double strokeWidth)
    {
        var d = new StringBuilder();
        foreach (var run in runs)
            for (int i = 0; i < run.Count; i++)
                d.Append(i == 0 ? (d.Length == 0 ? "M" : " M") : " L").Append(Num(run[i].X)).Append(',').Append(Num(run[i].Y));
        Open("path").Attr("d", d.ToString()).Attr("fill", "none").Attr("stroke", stroke).Attr("stroke-width", strokeWidth)
            .Attr("stroke-linejoin", "round").Attr("stroke-linecap", "round");
        Close();
    }

    public void Circle(double cx, double cy, double r, string fill, string? stroke = null, double strokeWidth = 1, double opacity = 1)
    {
        Open("circle").Attr("cx", cx).Attr("cy", cy).Attr("r", r).Attr("fill", fill);
        if (stroke is not null) Attr("stroke", stroke).Attr("stroke-width", strokeWidth);
        if (opacity < 1) Attr("fill-opacity", opacity);
        Close();
    }

    /// <summary>Text whose anchor point is (x, y); y is the vertical centre of the text, not its baseline.</summary>
    public void Text(double x, double y, string text, TextStyle style)
    {
        // dominant-baseline is unevenly supported; shifting the baseline by ~0.35 em centres caps and digits everywhere.
        double baseline = y + 0.35 * style.Size;
        Open("text").Attr("x", x).Attr("y", baseline).Attr("font-size", style.Size);
        if (style.Anchor != TextAnchor.Start) Attr("text-anchor", style.Anchor == TextAnchor.Middle ? "middle" : "end");
        if (style.Bold) Attr("font-weight", "bold");
        Attr("fill", style.Color);
        if (style.Rotate != 0) Attr("transform", $"rotate({Num(style.Rotate)} {Num(x)} {Num(y)})");
        _body.Append('>').Append(Escape(text)).Append("</text>\n");
    }

    /// <summary>Starts a group; <paramref name="cssClass"/> and <paramref name="label"/> let tools and tests find what a group draws.</summary>
    public void BeginGroup(string cssClass, string? label = null)
    {
        Indent().Append("<g class=\"").Append(Escape(cssClass)).Append('"');
        if (label is not null) _body.Append(" data-label=\"").Append(Escape(label)).Append('"');
        _body.Append(">\n");
        _depth++;
    }

    public void EndGroup()
    {
        if (_depth <= 1) throw new InvalidOperationException("EndGroup without a matching BeginGroup");
        _depth--;
        Indent().Append("</g>\n");
    }

    public override string ToString()
    {
        if (_depth != 1) throw new InvalidOperationException("SVG has unclosed groups");
        var svg = new StringBuilder();
        svg.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Num(Width)}\" height=\"{Num(Height)}\" viewBox=\"0 0 {Num(Width)} {Num(Height)}\" font-family=\"{Escape(FontFamily)}\">\n");
        if (!string.IsNullOrEmpty(Title)) svg.Append("  <title>").Append(Escape(Title)).Append("</title>\n");
        svg.Append(_body);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    public void Save(string path) => AtomicFile.WriteAllText(path, ToString());

    /// <summary>Pixel coordinates to two decimals, invariant culture, no trailing zeros, never "-0".</summary>
    public static string Num(double value) =>
        double.IsFinite(value) ? (Math.Round(value, 2) + 0.0).ToString("0.##", CultureInfo.InvariantCulture) : "0";

    /// <summary>Escapes XML markup characters and drops characters XML 1.0 does not allow.</summary>
    public static string Escape(string text)
    {
        var s = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': s.Append("&amp;"); break;
                case '<': s.Append("&lt;"); break;
                case '>': s.Append("&gt;"); break;
                case '"': s.Append("&quot;"); break;
                case '\'': s.Append("&apos;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { s.Append(c).Append(text[++i]); }
                    else if (IsXmlChar(c)) s.Append(c);
                    break;
            }
        }
        return s.ToString();
    }

    private static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);

    private StringBuilder Indent() => _body.Append(' ', 2 * _depth);

    private SvgDocument Open(string element)
    {
        Indent().Append('<').Append(element);
        return this;
    }

    private SvgDocument Attr(string name, double value) => Attr(name, Num(value));

    private SvgDocument Attr(string name, string value)
    {
        _body.Append(' ').Append(name).Append("=\"").Append(Escape(value)).Append('"');
        return this;
    }

    private void Close() => _body.Append("/>\n");
}
