using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GpuAE.Compute;
using GpuAE.Layers;
using GpuAE.Metrics;
using GpuAE.Optimizers;

namespace GpuAE.Training;

/// <summary>
/// resume.gae: a training run's full state after its last finished epoch, so `--resume` can
/// continue a killed run and end exactly where an uninterrupted one would (bit for bit on the
/// CPU accelerator). The header says what ran (<see cref="Kind"/>, the options) and how far it
/// got: the epoch, the records of every evaluated epoch so far with full precision, the first
/// epoch's training loss (the divergence warning compares with it) and the seconds spent; the
/// tensors hold the network, the optimizer's moments and step count, and dropout's mask
/// counters (<see cref="NetworkState"/>). Shuffles, noise and the learning-rate schedule follow
/// from the seed and the epoch number, so nothing else is needed.
/// </summary>
public sealed class ResumeState
{
    public const string FileName = "resume.gae", Format = "gpuae-resume/1";

    private ResumeState(JsonObject header, IReadOnlyDictionary<string, StateTensorData> tensors, string path)
    {
        Header = header;
        Tensors = tensors;
        Path = path;
    }

    public JsonObject Header { get; }
    public IReadOnlyDictionary<string, StateTensorData> Tensors { get; }
    public string Path { get; }

    /// <summary>What the state belongs to: "train" (a denoiser or classifier run), "stacked", "classify-folds".</summary>
    public string Kind => Read("kind", n => n.GetValue<string>()) ?? "";

    /// <summary>The last finished epoch of the fit in progress.</summary>
    public int Epoch => Read("epoch", n => n.GetValue<int>() is var e && e >= 0 ? e : throw new FormatException("a negative epoch"));

    public double FirstTrainLoss => Header["first_train_loss"] is null ? double.NaN : Read("first_train_loss", n => n.Deserialize<double>(Json));

    public double WallSeconds => Read("wall_seconds", n => n.GetValue<double>());

    /// <summary>
    /// A header entry read by <paramref name="read"/>; an entry of the wrong kind or out of range is a
    /// one-line <see cref="StateFileException"/> naming it, as a damaged state file must be.
    /// </summary>
    public T Read<T>(string key, Func<JsonNode, T> read)
    {
        var node = Header[key] ?? throw new StateFileException($"resume state '{Path}' has no '{key}'");
        try { return read(node); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            throw new StateFileException($"resume state '{Path}' has a malformed '{key}' ({Text.Printable.Of(e.Message, 120)})");
        }
    }

    /// <summary>
    /// What a resumed run must find again of the data it started on, for its settings: the data's
    /// name and kind, each file's SHA-256, the image size and the class names. Paths are left out,
    /// since a resumed run may read the same files from another --data-dir.
    /// </summary>
    public static JsonObject DataIdentity(Data.Dataset data) => new()
    {
        ["name"] = data.Origin?.Name ?? data.Name,
        ["kind"] = data.Origin?.Kind ?? "memory",
        ["sha256"] = new JsonArray([.. (data.Origin?.Files ?? []).Select(f => (JsonNode)f.Sha256)]),
        ["image"] = $"{data.Width}x{data.Height}",
        ["class_names"] = new JsonArray([.. data.ClassNames.Select(c => (JsonNode)c)]),
    };

    public static string PathIn(string folder) => System.IO.Path.Combine(folder, FileName);

    public static bool ExistsIn(string folder) => File.Exists(PathIn(folder));

    /// <summary>Reads a folder's resume.gae; a damaged file is a one-line <see cref="StateFileException"/>.</summary>
    public static ResumeState Load(string folder)
    {
        string path = PathIn(folder);
        var (header, tensors) = StateFile.Load(path);
        string? format = header["format"] is JsonValue v && v.TryGetValue(out string? f) ? f : null;
        if (format != Format)
            throw new StateFileException($"resume state '{path}' has format '{Text.Printable.Of(format ?? header["format"]?.ToJsonString())}', not {Format}");
        return new ResumeState(header, tensors, path);
    }

    /// <summary>
    /// The state a folder holds for a command of <paramref name="kind"/> saved with these same
    /// <paramref name="settings"/> (the options that decide the results); another kind or other
    /// settings are a <see cref="StateFileException"/> naming the first difference.
    /// </summary>
    public static ResumeState LoadFor(string folder, string kind, JsonObject settings)
    {
        var loaded = Load(folder);
        if (loaded.Kind != kind) throw new StateFileException($"resume state '{loaded.Path}' belongs to `gpuae {loaded.Kind}`, not `gpuae {kind}`");
        var saved = loaded.Header["settings"]?.AsObject() ?? [];
        var key = saved.Select(p => p.Key).Union(settings.Select(p => p.Key)).FirstOrDefault(k => !JsonNode.DeepEquals(saved[k], settings[k]));
        if (key is not null)
            throw new StateFileException($"resume state '{loaded.Path}' was saved with other settings ({key}: {Text.Printable.Of(saved[key]?.ToJsonString() ?? "none")}, " +
                $"now {Text.Printable.Of(settings[key]?.ToJsonString() ?? "none")}); run the same command with --resume, or use --force to start over");
        return loaded;
    }

    /// <summary>
    /// Writes the state of a fit after <paramref name="epoch"/> atomically: <paramref name="header"/>
    /// (kind, options, anything the caller needs) plus the fit's progress and the network's tensors.
    /// </summary>
    public static void Save<T>(string folder, JsonObject header, FitState<T> fit, Network network, Optimizer optimizer, IEnumerable<StateTensorData>? extra = null) where T : ITestResult
    {
        header["format"] = Format;
        header["epoch"] = fit.Epoch;
        header["first_train_loss"] = JsonSerializer.SerializeToNode(fit.FirstTrainLoss, Json);
        header["wall_seconds"] = fit.WallSeconds;
        header["records"] = JsonSerializer.SerializeToNode(fit.Records, Json);
        foreach (var (key, value) in NetworkState.Header(network, optimizer)) header[key] = value?.DeepClone();
        StateFile.Save(PathIn(folder), header, NetworkState.Tensors(network, optimizer).Concat(extra ?? []));
    }

    /// <summary>The evaluated epochs recorded so far, as they were (full precision).</summary>
    public IReadOnlyList<EpochRecord<T>> Records<T>() where T : ITestResult => Read("records", n =>
    {
        var records = n.Deserialize<List<EpochRecord<T>>>(Json) ?? [];
        return records.Any(r => r is null || r.Test is null) ? throw new FormatException("a record without its test result") : records;
    });

    /// <summary>Deserializes a header entry written by the caller (options, settings).</summary>
    public T Get<T>(string key) => Read(key, n => n.Deserialize<T>(Json) ?? throw new FormatException("empty"));

    /// <summary>Puts the network, optimizer and dropout state back (the network built as the saved one was).</summary>
    public void RestoreInto(Accelerator acc, Network network, Optimizer optimizer) => NetworkState.Restore(acc, network, optimizer, Header, Tensors, Path);

    /// <summary>The fit settings that continue the saved fit at the epoch after the saved one.</summary>
    public FitSettings Continue(FitSettings settings) => settings with { FirstEpoch = Epoch + 1, FirstTrainLoss = FirstTrainLoss, EarlierSeconds = WallSeconds };

    /// <summary>Tensors saved under a prefix by the caller ("snapshot/0", "snapshot/1", ...), in order.</summary>
    public float[][] Extra(string prefix)
    {
        var list = new List<float[]>();
        for (int i = 0; Tensors.TryGetValue($"{prefix}/{i}", out var t); i++) list.Add(t.Data);
        return [.. list];
    }

    /// <summary>Non-finite doubles ("NaN") are allowed and confusion matrices are written as rows of counts.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new ConfusionMatrixJsonConverter() },
    };
}

/// <summary>How far a fit got: the last finished epoch, its records, the first epoch's training loss and the seconds spent.</summary>
public sealed record FitState<T>(int Epoch, IReadOnlyList<EpochRecord<T>> Records, double FirstTrainLoss, double WallSeconds) where T : ITestResult;

/// <summary>A confusion matrix as its rows of counts ([[50, 1], [2, 47]]).</summary>
public sealed class ConfusionMatrixJsonConverter : JsonConverter<ConfusionMatrix>
{
    public override ConfusionMatrix Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var rows = JsonSerializer.Deserialize<int[][]>(ref reader, options) ?? throw new JsonException("a confusion matrix is an array of rows");
        int n = rows.Length;
        var counts = new int[n, n];
        for (int t = 0; t < n; t++)
        {
            if (rows[t].Length != n) throw new JsonException($"confusion matrix row {t} has {rows[t].Length} counts, not {n}");
            for (int p = 0; p < n; p++) counts[t, p] = rows[t][p];
        }
        return new ConfusionMatrix(counts);
    }

    public override void Write(Utf8JsonWriter writer, ConfusionMatrix value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        for (int t = 0; t < value.ClassCount; t++)
        {
            writer.WriteStartArray();
            for (int p = 0; p < value.ClassCount; p++) writer.WriteNumberValue(value.Counts[t, p]);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }
}
