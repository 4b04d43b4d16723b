using System.Text;

namespace GpuAE.Reports;

/// <summary>
/// Builds the report's HTML. Every string that came from a file goes through <see cref="Text"/> or an
/// escaped attribute, so a config value like "&lt;script&gt;" shows as text; only SVG that GpuAE
/// itself generated is appended raw (<see cref="Raw"/>).
/// </summary>
public sealed class Html
{
    private readonly StringBuilder _sb = new();

    public static string Escape(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        var sb = new StringBuilder(s.Length + 16);
        foreach (char c in s)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    // control characters other than tab/newline are not allowed in HTML text
                    if (c < ' ' && c != '\t' && c != '\n' && c != '\r') sb.Append('\uFFFD');
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Opens an element; attribute values are escaped. Pass (name, null) to skip an attribute.</summary>
    public Html Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _sb.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
            if (value is not null) _sb.Append(' ').Append(name).Append("=\"").Append(Escape(value)).Append('"');
        _sb.Append('>');
        return this;
    }

    public Html Close(string tag)
    {
        _sb.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An element holding escaped text.</summary>
    public Html Element(string tag, string? text, params (string Name, string? Value)[] attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    public Html Text(string? text)
    {
        _sb.Append(Escape(text));
        return this;
    }

    /// <summary>Markup GpuAE generated itself (its own SVG charts, fixed tags): never file contents.</summary>
    public Html Raw(string markup)
    {
        _sb.Append(markup);
        return this;
    }

    /// <summary>Lets a helper write into the middle of a chain.</summary>
    public Html Call(Action<Html> write)
    {
        write(this);
        return this;
    }

    public Html Line()
    {
        _sb.Append('\n');
        return this;
    }

    public override string ToString() => _sb.ToString();
}
