using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GpuAE.Data;

/// <summary>
/// Where one split of a dataset came from: what `--dataset` named, what kind of data it is, each file
/// with its size and SHA-256, the class names and any resizing. Recorded in summary.json ("data")
/// and in checkpoints, so a result can be traced to the exact bytes it was computed from.
/// </summary>
public sealed record DatasetOrigin
{
    public const string Builtin = "builtin", Csv = "csv", Idx = "idx", Images = "images";

    /// <summary>A short name: "mnist", or the file or folder name ("shoes" for shoes_train.csv).</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary>builtin (a known dataset, checked against the manifest), csv, idx (a folder of IDX files) or images (a folder of class folders).</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }

    /// <summary>What `--dataset` resolves to: the known name, or the full path of the CSV file or the folder.</summary>
    [JsonPropertyName("location")] public required string Location { get; init; }

    /// <summary>A CSV dataset's test file (the train file's sibling, or --test-dataset); null for other kinds.</summary>
    [JsonPropertyName("test_location"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TestLocation { get; init; }

    [JsonPropertyName("split")] public string Split { get; init; } = "";

    [JsonPropertyName("files")] public IReadOnlyList<DataFileRecord> Files { get; init; } = [];

    [JsonPropertyName("class_names")] public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>Side of the square images after reading (after --resize, if given).</summary>
    [JsonPropertyName("image_size")] public int ImageSize { get; init; }

    /// <summary>--resize N: every image was resampled to N x N; null: used as stored.</summary>
    [JsonPropertyName("resize"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Resize { get; init; }

    [JsonIgnore] public bool IsBuiltin => Kind == Builtin;

    /// <summary>"mnist", or "shoes (csv /data/shoes_train.csv)": for one-line messages.</summary>
    public string Describe() => IsBuiltin ? Name : $"{Name} ({Kind} {Location})";

    /// <summary>summary.json's "data": one object per split read from files, keyed by split ("train", "test"); null if none was.</summary>
    public static JsonObject? SummaryJson(params Dataset?[] splits)
    {
        var json = new JsonObject();
        foreach (var d in splits)
            if (d?.Origin is { } origin && !json.ContainsKey(origin.Split)) json[origin.Split] = JsonSerializer.SerializeToNode(origin);
        return json.Count == 0 ? null : json;
    }
}

/// <summary>
/// One file (or one folder of images) a split was read from. <see cref="Hashed"/> says what the
/// SHA-256 covers: "file" the bytes as stored (what `sha256sum FILE` prints); "content" the
/// uncompressed IDX content (what the manifest of the known datasets lists); "tree" an image
/// folder: SHA-256 of the text made of one line "SHA256  RELATIVE/PATH\n" per image read (sha256sum's
/// line format, '/' separators, lines in ordinal order of the path), so it changes when any image
/// is added, removed, renamed or edited.
/// </summary>
public sealed record DataFileRecord(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("hashed")] string Hashed,
    [property: JsonPropertyName("images"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Images = null)
{
    public const string WholeFile = "file", Content = "content", Tree = "tree";
}
