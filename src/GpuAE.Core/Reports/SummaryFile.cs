using System.Text.Json;
using System.Text.Json.Nodes;

namespace GpuAE.Reports;

/// <summary>A folder's summary.json: its object and "format", or why it could not be read.</summary>
public sealed record SummaryFile(JsonObject? Json, string? Format, Exception? Error)
{
    public const string FileName = "summary.json";

    public static SummaryFile? TryLoad(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, AllowDuplicateProperties = false });
            if (node is not JsonObject obj) return new SummaryFile(null, null, new FormatException("the top level is not a JSON object"));
            string? format = obj["format"] is JsonValue v && v.TryGetValue(out string? f) ? f : null;
            return new SummaryFile(obj, format, format is null ? new FormatException("it has no \"format\" field") : null);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return new SummaryFile(null, null, e);
        }
    }

    public bool IsRun => Format?.StartsWith("gpuae-summary/", StringComparison.Ordinal) == true;
    public bool IsTsne => Format?.StartsWith("gpuae-tsne/", StringComparison.Ordinal) == true;

    /// <summary>A value by dotted path ("final.PsnrDenoised"), or null.</summary>
    public JsonNode? Get(string path)
    {
        JsonNode? node = Json;
        foreach (var part in path.Split('.'))
            node = node is JsonObject o ? o[part] : null;
        return node;
    }

    public double? Number(string path)
    {
        try { return Get(path) is JsonValue v && v.TryGetValue(out double d) ? d : null; }
        catch (FormatException) { return null; }
    }

    public string? Text(string path) => Get(path) is JsonValue v && v.TryGetValue(out string? s) ? s : Get(path)?.ToJsonString();
}
