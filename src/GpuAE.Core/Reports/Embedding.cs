using System.Globalization;
using System.Text.Json.Nodes;

namespace GpuAE.Reports;

/// <summary>How files and values become self-contained HTML: data URIs, inline SVG, number formatting, tables.</summary>
internal static class Embedding
{
    public static string DataUri(string mediaType, byte[] bytes) => $"data:{mediaType};base64,{Convert.ToBase64String(bytes)}";

    /// <summary>
    /// A chart drawn for the report, as an SVG image (a data URI): each chart is its own document, so
    /// the ids ScottPlot gives its clip paths cannot clash between charts on one page.
    /// </summary>
    public static void ChartImage(Html html, Plots.Chart chart, string alt) =>
        html.Open("img", ("class", "chart"), ("alt", alt), ("title", chart.Title), ("src", DataUri("image/svg+xml", System.Text.Encoding.UTF8.GetBytes(chart.ToSvg())))).Line();

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

    /// <summary>
    /// An object's set leaves as (readable key, value) rows: nested objects flattened ("device › name"),
    /// arrays kept as JSON, unset (null) values left out.
    /// </summary>
    public static IEnumerable<(string Key, string Value)> Flatten(JsonObject obj, string prefix = "")
    {
        foreach (var (key, value) in obj)
        {
            if (IsUnset(value)) continue;
            string name = prefix.Length == 0 ? Readable(key) : $"{prefix} › {Readable(key)}";
            if (value is JsonObject inner)
                foreach (var row in Flatten(inner, name)) yield return row;
            else
                yield return (name, FormatJson(value));
        }
    }

    /// <summary>Null and empty text are settings that were not set: tables leave them out.</summary>
    private static bool IsUnset(JsonNode? value) => value is null || (value is JsonValue v && v.TryGetValue(out string? s) && s.Length == 0);

    /// <summary>
    /// A JSON or CSV key as words: "LearningRate" and "learning_rate" -> "learning rate",
    /// "PsnrDenoised" -> "PSNR denoised", "trustworthiness_k5" -> "trustworthiness k5".
    /// </summary>
    public static string Readable(string key)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        void Flush() { if (word.Length > 0) words.Add(word.ToString()); word.Clear(); }
        for (int i = 0; i < key.Length; i++)
        {
            char c = key[i];
            if (c is '_' or '-' or ' ' or '.') { Flush(); continue; }
            bool boundary = char.IsUpper(c) && i > 0 && (char.IsLower(key[i - 1]) || (i + 1 < key.Length && char.IsLower(key[i + 1]) && char.IsUpper(key[i - 1])));
            if (boundary) Flush();
            word.Append(c);
        }
        Flush();
        return string.Join(" ", words.Select(w => w.ToLowerInvariant() switch
        {
            "psnr" or "ssim" or "mse" or "bce" or "svm" or "rbf" or "json" or "csv" or "id" => w.ToUpperInvariant(),
            _ => w.All(char.IsUpper) && w.Length > 1 ? w : w.ToLowerInvariant(),
        }));
    }

    /// <summary>
    /// A summary's settings as one key and value table: top-level values first, then each object
    /// under a heading row of its own name ("configuration", "device"), keys readable, unset values
    /// left out.
    /// </summary>
    public static void SettingsTable(Html html, IEnumerable<KeyValuePair<string, JsonNode?>> entries)
    {
        var list = entries.Where(e => !IsUnset(e.Value)).ToList();
        html.Open("table", ("class", "kv")).Open("tbody");
        foreach (var (key, value) in list.Where(e => e.Value is not JsonObject))
            html.Open("tr").Element("th", Readable(key)).Element("td", FormatJson(value)).Close("tr");
        foreach (var (key, value) in list.Where(e => e.Value is JsonObject))
        {
            var rows = Flatten((JsonObject)value!).ToList();
            if (rows.Count == 0) continue;
            html.Open("tr").Element("th", Readable(key), ("colspan", "2"), ("class", "group")).Close("tr");
            foreach (var (k, v) in rows) html.Open("tr").Element("th", k).Element("td", v).Close("tr");
        }
        html.Close("tbody").Close("table").Line();
    }

    /// <summary>Key and value rows; long values (lists of indices, paths) wrap inside the table instead of widening it.</summary>
    public static void KeyValueTable(Html html, IEnumerable<(string Key, string Value)> rows, string cssClass = "kv")
    {
        html.Open("table", ("class", cssClass)).Open("tbody");
        foreach (var (key, value) in rows)
            html.Open("tr").Element("th", key).Element("td", value).Close("tr");
        html.Close("tbody").Close("table").Line();
    }

    /// <summary>
    /// A table with a header row in a box that scrolls both ways when the table is wider or taller than
    /// the page allows (never clipped); <paramref name="cell"/> writes each cell's content (escaped by
    /// the caller's Html calls).
    /// </summary>
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
