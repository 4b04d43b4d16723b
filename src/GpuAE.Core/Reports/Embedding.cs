using System.Globalization;
using System.Text.Json.Nodes;

namespace GpuAE.Reports;

/// <summary>How files and values become self-contained HTML: data URIs, inline SVG, number formatting, tables.</summary>
internal static class Embedding
{
    public static string DataUri(string mediaType, byte[] bytes) => $"data:{mediaType};base64,{Convert.ToBase64String(bytes)}";

    /// <summary>
    /// SVG that GpuAE generated in this process, ready to inline: the XML declaration is dropped (it
    /// means nothing inside HTML).
    /// </summary>
    public static string InlineSvg(string svg)
    {
        if (svg.StartsWith("<?xml", StringComparison.Ordinal))
        {
            int end = svg.IndexOf("?>", StringComparison.Ordinal);
            if (end >= 0) svg = svg[(end + 2)..].TrimStart();
        }
        return svg;
    }

    /// <summary>
    /// An SVG file from disk shown as an image: as an &lt;img&gt; data URI a browser runs no script and
    /// loads nothing external from it, so a file we did not write cannot do harm.
    /// </summary>
    public static void SvgFileImage(Html html, byte[] svg, string alt)
    {
        html.Open("img", ("class", "chart"), ("alt", alt), ("src", DataUri("image/svg+xml", svg))).Line();
    }

    /// <summary>Numbers shown with 6 significant digits (whole numbers in full); other text as it is.</summary>
    public static string FormatValue(string raw)
    {
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v)) return raw;
        if (v == Math.Round(v) && Math.Abs(v) < 1e15) return v.ToString("0", CultureInfo.InvariantCulture);
        return v.ToString("G6", CultureInfo.InvariantCulture);
    }

    public static string FormatJson(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonValue v => FormatValue(v.ToJsonString()),
        _ => node.ToJsonString(),
    };

    /// <summary>An object's leaves as (dotted key, value) rows, nested objects flattened, arrays kept as JSON.</summary>
    public static IEnumerable<(string Key, string Value)> Flatten(JsonObject obj, string prefix = "")
    {
        foreach (var (key, value) in obj)
        {
            string name = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is JsonObject inner)
                foreach (var row in Flatten(inner, name)) yield return row;
            else
                yield return (name, FormatJson(value));
        }
    }

    public static void KeyValueTable(Html html, IEnumerable<(string Key, string Value)> rows, string cssClass = "kv")
    {
        html.Open("table", ("class", cssClass)).Open("tbody");
        foreach (var (key, value) in rows)
            html.Open("tr").Element("th", key).Element("td", value).Close("tr");
        html.Close("tbody").Close("table").Line();
    }

    /// <summary>A table with a header row; <paramref name="cell"/> writes each cell's content (escaped by the caller's Html calls).</summary>
    public static void Table(Html html, IReadOnlyList<string> header, IEnumerable<string[]> rows, Action<Html, int, string>? cell = null)
    {
        html.Open("div", ("class", "scroll")).Open("table", ("class", "data")).Open("thead").Open("tr");
        foreach (var h in header) html.Element("th", h);
        html.Close("tr").Close("thead").Open("tbody");
        foreach (var row in rows)
        {
            html.Open("tr");
            for (int c = 0; c < row.Length; c++)
            {
                bool numeric = double.TryParse(row[c], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                html.Open("td", ("class", numeric ? "num" : null));
                if (cell is null) html.Text(FormatValue(row[c])); else cell(html, c, row[c]);
                html.Close("td");
            }
            html.Close("tr");
        }
        html.Close("tbody").Close("table").Close("div").Line();
    }

    public static void Problems(Html html, IEnumerable<string> problems)
    {
        foreach (var p in problems) html.Element("p", p, ("class", "problem")).Line();
    }
}
