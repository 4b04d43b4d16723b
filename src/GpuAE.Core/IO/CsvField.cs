namespace GpuAE.IO;

/// <summary>RFC 4180 fields: text with a comma, a quote or a line break goes in quotes, its quotes doubled.</summary>
public static class CsvField
{
    public static string Escape(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : Quoted(value);

    /// <summary>Always in quotes (for columns whose values are quoted by the format's convention).</summary>
    public static string Quoted(string value) => $"\"{value.Replace("\"", "\"\"")}\"";
}
