namespace GpuAE.IO;

/// <summary>RFC 4180 fields: text with a comma, a quote or a line break goes in quotes, its quotes doubled.</summary>
public static class CsvField
{
    public static string Escape(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : Quoted(value);

    /// <summary>Always in quotes (for columns whose values are quoted by the format's convention).</summary>
    public static string Quoted(string value) => $"\"{value.Replace("\"", "\"\"")}\"";

    /// <summary>The fields of one line: quoted fields lose their quotes and doubled quotes become one; null if a quote is left open.</summary>
    public static List<string>? Split(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        if (quoted) return null;
        fields.Add(field.ToString());
        return fields;
    }
}
