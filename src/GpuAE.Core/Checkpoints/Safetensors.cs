using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using GpuAE.Text;

namespace GpuAE.Checkpoints;

/// <summary>
/// The safetensors format (what `gpuae export` writes and `gpuae import` reads): a little-endian
/// uint64 N, then N bytes of UTF-8 JSON (padded with spaces to a multiple of 8), then the tensors'
/// raw bytes. The JSON maps each tensor name to {"dtype": "F32", "shape": [...], "data_offsets":
/// [begin, end]} (byte offsets into the data after the header; the tensors lie back to back and
/// fill it) and "__metadata__" to string pairs. GpuAE writes float32 little-endian tensors named
/// as in its checkpoints ("0.weight", "3.main0.bias", "5.running_mean"), in the checkpoint's order,
/// and the metadata "format" ("pt"), "gpuae.model" (the ModelConfig JSON), "gpuae.training" (the
/// TrainingData JSON, when the checkpoint records it) and "gpuae.format" ("1"). The reader checks
/// everything the format promises, in one line naming the file: header size and JSON, dtype, shape
/// against byte length, offsets in range, back to back and covering the data. Tensors of other
/// dtypes are checked the same way but their values are not kept (GpuAE works in float32).
/// </summary>
public static class Safetensors
{
    public const string MetadataKey = "__metadata__", ModelKey = "gpuae.model", TrainingKey = "gpuae.training", FormatKey = "gpuae.format";

    /// <summary>Largest header accepted (the reference implementation's limit).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>A tensor as read: <see cref="Data"/> holds an F32 tensor's values; other dtypes are checked for size and kept only as their name.</summary>
    public sealed record Tensor(string Name, int[] Shape, float[] Data, string Dtype = "F32")
    {
        public bool IsFloat32 => Dtype == "F32";
    }

    /// <summary>Bytes per element of the dtypes the format defines.</summary>
    private static readonly Dictionary<string, int> ElementBytes = new()
    {
        ["F64"] = 8, ["F32"] = 4, ["F16"] = 2, ["BF16"] = 2, ["I64"] = 8, ["I32"] = 4, ["I16"] = 2, ["I8"] = 1, ["U64"] = 8, ["U32"] = 4, ["U16"] = 2, ["U8"] = 1,
        ["BOOL"] = 1, ["F8_E4M3"] = 1, ["F8_E5M2"] = 1,
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public sealed record Contents(IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<Tensor> Tensors);

    public static byte[] Write(IReadOnlyList<Tensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        using var json = new MemoryStream();
        using (var w = new Utf8JsonWriter(json))
        {
            w.WriteStartObject();
            w.WriteStartObject(MetadataKey);
            foreach (var (key, value) in metadata) w.WriteString(key, value);
            w.WriteEndObject();
            long offset = 0;
            foreach (var t in tensors)
            {
                long bytes = 4L * t.Data.Length;
                w.WriteStartObject(t.Name);
                w.WriteString("dtype", "F32");
                w.WriteStartArray("shape");
                foreach (int d in t.Shape) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset + bytes);
                w.WriteEndArray();
                w.WriteEndObject();
                offset += bytes;
            }
            w.WriteEndObject();
        }
        int headerLength = (int)((json.Length + 7) / 8 * 8);
        var result = new byte[checked(8 + headerLength + tensors.Sum(t => 4L * t.Data.Length))];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)headerLength);
        json.ToArray().CopyTo(result, 8);
        result.AsSpan(8 + (int)json.Length, headerLength - (int)json.Length).Fill((byte)' ');
        int at = 8 + headerLength;
        foreach (var t in tensors)
        {
            var bytes = MemoryMarshal.AsBytes(t.Data.AsSpan());
            bytes.CopyTo(result.AsSpan(at));
            if (!BitConverter.IsLittleEndian) ReverseFloats(result.AsSpan(at, bytes.Length));
            at += bytes.Length;
        }
        return result;
    }

    /// <param name="path">Names the file in errors.</param>
    public static Contents Read(byte[] bytes, string path)
    {
        if (bytes.Length < 8) throw Bad(path, $"is {bytes.Length} bytes long, too short for a safetensors header");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (n > MaxHeaderBytes) throw Bad(path, $"declares a {n}-byte header, over the format's limit of {MaxHeaderBytes}");
        if ((long)n > bytes.Length - 8) throw Bad(path, $"declares a {n}-byte header but holds only {bytes.Length - 8} bytes after the length");
        var header = bytes.AsSpan(8, (int)n);
        if (header.Length == 0 || header[0] != (byte)'{') throw Bad(path, "is not a safetensors file (the header does not start with '{')");
        try { _ = StrictUtf8.GetCharCount(header); }
        catch (DecoderFallbackException) { throw Bad(path, "has a header that is not valid UTF-8"); }
        JsonDocument doc;
        try { doc = JsonDocument.Parse(bytes.AsMemory(8, (int)n)); }
        catch (JsonException e) { throw Bad(path, $"has a header that is not valid JSON ({e.Message})"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Bad(path, "has a header that is not a JSON object");
            long dataLength = bytes.Length - 8 - (long)n;
            var metadata = new Dictionary<string, string>();
            var entries = new List<(string Name, string Dtype, int[] Shape, long Begin, long End)>();
            var names = new HashSet<string>();
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name)) throw Bad(path, $"names '{Printable.Of(property.Name)}' twice in its header");
                if (property.Name == MetadataKey) ReadMetadata(property.Value, metadata, path);
                else entries.Add(ReadEntry(property.Name, property.Value, dataLength, path));
            }
            CheckBackToBack(entries, dataLength, path);
            int start = 8 + (int)n;
            var tensors = entries.Select(e =>
            {
                if (e.Dtype != "F32") return new Tensor(e.Name, e.Shape, [], e.Dtype);
                var data = new float[(e.End - e.Begin) / 4];
                var source = bytes.AsSpan(start + (int)e.Begin, (int)(e.End - e.Begin));
                source.CopyTo(MemoryMarshal.AsBytes(data.AsSpan()));
                if (!BitConverter.IsLittleEndian) ReverseFloats(MemoryMarshal.AsBytes(data.AsSpan()));
                return new Tensor(e.Name, e.Shape, data);
            }).ToList();
            return new Contents(metadata, tensors);
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Bad(path, $"has a {MetadataKey} that is not an object of strings");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String) throw Bad(path, $"has {MetadataKey} entry '{Printable.Of(item.Name)}' that is not a string");
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static (string, string, int[], long, long) ReadEntry(string name, JsonElement value, long dataLength, string path)
    {
        string shown = Printable.Of(name);
        if (value.ValueKind != JsonValueKind.Object) throw Bad(path, $"tensor '{shown}' is not described by an object");
        if (!value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String) throw Bad(path, $"tensor '{shown}' has no dtype");
        string type = dtype.GetString()!;
        if (!ElementBytes.TryGetValue(type, out int width)) throw Bad(path, $"tensor '{shown}' has dtype '{Printable.Of(type)}', which the safetensors format does not define");
        if (!value.TryGetProperty("shape", out var shapeJson) || shapeJson.ValueKind != JsonValueKind.Array) throw Bad(path, $"tensor '{shown}' has no shape");
        var shape = new int[shapeJson.GetArrayLength()];
        int i = 0;
        long elements = 1;
        foreach (var d in shapeJson.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out shape[i]) || shape[i] < 0) throw Bad(path, $"tensor '{shown}' has shape entry {Printable.Of(d.GetRawText())}, not a size");
            elements = shape[i] == 0 || elements <= dataLength ? elements * shape[i] : elements;
            i++;
        }
        if (!value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2
            || !offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end))
            throw Bad(path, $"tensor '{shown}' has no data_offsets [begin, end]");
        if (begin < 0 || end < begin || end > dataLength) throw Bad(path, $"tensor '{shown}' has data_offsets [{begin}, {end}] outside the {dataLength} data bytes");
        if (elements > dataLength || width * elements != end - begin)
            throw Bad(path, $"tensor '{shown}' of shape [{string.Join(",", shape)}] {type} needs {(elements > dataLength ? "more than the file's" : (width * elements).ToString())} bytes, its data_offsets give {end - begin}");
        return (name, type, shape, begin, end);
    }

    /// <summary>The tensors must lie back to back from offset 0 and fill the data exactly, as the format requires.</summary>
    private static void CheckBackToBack(List<(string Name, string Dtype, int[] Shape, long Begin, long End)> entries, long dataLength, string path)
    {
        long expected = 0;
        foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.Begin != expected)
                throw Bad(path, $"tensor '{Printable.Of(e.Name)}' starts at byte {e.Begin}, expected {expected} (tensors must lie back to back without gaps or overlaps)");
            expected = e.End;
        }
        if (expected != dataLength) throw Bad(path, $"has {dataLength - expected} bytes after its last tensor");
    }

    private static void ReverseFloats(Span<byte> bytes)
    {
        for (int i = 0; i + 4 <= bytes.Length; i += 4) bytes.Slice(i, 4).Reverse();
    }

    private static CheckpointException Bad(string path, string what) => new($"{path}: {what}");
}
