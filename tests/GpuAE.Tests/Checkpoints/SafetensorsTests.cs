using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using GpuAE.Checkpoints;
using GpuAE.Compute.Cpu;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Models;

namespace GpuAE.Tests.Checkpoints;

/// <summary>`gpuae export` writes the safetensors layout; `gpuae import` reads it back, checked tensor by tensor; bad files are one line.</summary>
public sealed class SafetensorsTests : IDisposable
{
    private readonly CpuAccelerator _acc = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("gpuae-st-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File_(string name) => Path.Combine(_dir, name);

    private static readonly TrainingData Training = new() { ImageHeight = 28, ImageWidth = 28, ClassNames = KnownDatasets.DigitClassNames, Noise = "mask:0.2" };

    /// <summary>A checkpoint of a model with parameters and BatchNorm state (conv-linear), weights from the seed.</summary>
    private string SavedCheckpoint(string name = "model.gae", string model = "conv-linear")
    {
        var config = new ModelConfig { Name = model, Hidden = 12, Latent = 3 };
        using var network = ModelCatalog.Create(config);
        network.Build(_acc, new TensorShape(1, 28, 28), 2, seed: 11);
        string path = File_(name);
        Checkpoint.Save(path, config, network, Training);
        return path;
    }

    [Fact]
    public void Export_writes_the_header_length_json_header_and_raw_little_endian_float32()
    {
        string checkpoint = SavedCheckpoint();
        string file = File_("m.safetensors");

        SafetensorsExchange.Export(checkpoint, file);

        byte[] bytes = File.ReadAllBytes(file);
        long n = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, n % 8);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)n).TrimEnd(' '));
        var metadata = header.RootElement.GetProperty("__metadata__");
        Assert.Equal(JsonSerializer.Serialize(Checkpoint.ReadConfig(checkpoint)), metadata.GetProperty("gpuae.model").GetString());
        Assert.Equal("mask:0.2", JsonDocument.Parse(metadata.GetProperty("gpuae.training").GetString()!).RootElement.GetProperty("noise").GetString());
        long expectedBegin = 0;
        foreach (var (name, shape, data) in Checkpoint.Read(checkpoint).Tensors)
        {
            var entry = header.RootElement.GetProperty(name);
            Assert.Equal("F32", entry.GetProperty("dtype").GetString());
            Assert.Equal(shape, entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
            long begin = entry.GetProperty("data_offsets")[0].GetInt64(), end = entry.GetProperty("data_offsets")[1].GetInt64();
            Assert.Equal((expectedBegin, expectedBegin + 4L * data.Length), (begin, end));
            var stored = Enumerable.Range(0, data.Length).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(8 + (int)n + (int)begin + 4 * i)));
            Assert.Equal(data, stored);
            expectedBegin = end;
        }
        Assert.Equal(bytes.Length - 8 - n, expectedBegin);
    }

    [Fact]
    public void Export_then_import_gives_back_the_same_checkpoint_byte_for_byte()
    {
        string checkpoint = SavedCheckpoint();
        SafetensorsExchange.Export(checkpoint, File_("m.safetensors"));

        var r = SafetensorsExchange.Import(File_("m.safetensors"), null, File_("back.gae"));

        Assert.True(r.ConfigFromFile);
        Assert.Equal(File.ReadAllBytes(checkpoint), File.ReadAllBytes(File_("back.gae")));
    }

    [Fact]
    public void Import_without_metadata_takes_the_model_it_is_given()
    {
        var tensors = Checkpoint.Read(SavedCheckpoint()).Tensors.Select(t => new Safetensors.Tensor(t.Name, t.Shape, t.Data)).ToList();
        File.WriteAllBytes(File_("bare.safetensors"), Safetensors.Write(tensors, new Dictionary<string, string>()));

        var e = Assert.Throws<ArgumentException>(() => SafetensorsExchange.Import(File_("bare.safetensors"), null, File_("x.gae")));
        Assert.Contains("has no gpuae.model metadata", e.Message);
        Assert.Contains("give --model NAME", e.Message);

        var r = SafetensorsExchange.Import(File_("bare.safetensors"), new ModelConfig { Name = "conv-linear", Latent = 3 }, File_("x.gae"));
        Assert.Equal((false, tensors.Count), (r.ConfigFromFile, r.Tensors));
        Assert.Null(Checkpoint.ReadTrainingData(File_("x.gae")));
    }

    [Fact]
    public void Import_skips_pytorchs_int64_batch_counters()
    {
        var contents = Checkpoint.Read(SavedCheckpoint());
        var raw = WithExtraTensor(contents, "4.num_batches_tracked", "I64", [], BitConverter.GetBytes(7L));
        File.WriteAllBytes(File_("torch.safetensors"), raw);

        var r = SafetensorsExchange.Import(File_("torch.safetensors"), null, File_("t.gae"));

        Assert.Equal(1, r.Skipped);
        Assert.Equal(contents.Tensors.Select(t => t.Data), Checkpoint.Read(File_("t.gae")).Tensors.Select(t => t.Data));
    }

    [Fact]
    public void Import_names_a_missing_tensor()
    {
        var contents = Checkpoint.Read(SavedCheckpoint());
        WriteFile("short.safetensors", contents, contents.Tensors.Skip(1));

        var e = Assert.Throws<CheckpointException>(() => SafetensorsExchange.Import(File_("short.safetensors"), null, File_("x.gae")));

        Assert.Contains($"tensor '{contents.Tensors[0].Name}' of model conv-linear is missing", e.Message);
        Assert.False(File.Exists(File_("x.gae")));
    }

    [Fact]
    public void Import_names_a_tensor_of_the_wrong_shape()
    {
        var contents = Checkpoint.Read(SavedCheckpoint());
        var t0 = contents.Tensors[0];
        WriteFile("bad.safetensors", contents, [(t0.Name, [t0.Data.Length], t0.Data), .. contents.Tensors.Skip(1)]);

        var e = Assert.Throws<CheckpointException>(() => SafetensorsExchange.Import(File_("bad.safetensors"), null, File_("x.gae")));

        Assert.Contains($"tensor '{t0.Name}' has shape [{t0.Data.Length}], model conv-linear needs [{string.Join(",", t0.Shape)}]", e.Message);
    }

    [Fact]
    public void Import_rejects_a_tensor_the_model_does_not_have()
    {
        var contents = Checkpoint.Read(SavedCheckpoint());
        WriteFile("extra.safetensors", contents, [.. contents.Tensors, ("99.weight", [2], [1f, 2f])]);

        var e = Assert.Throws<CheckpointException>(() => SafetensorsExchange.Import(File_("extra.safetensors"), null, File_("x.gae")));

        Assert.Contains("tensor '99.weight' is not part of model conv-linear", e.Message);
    }

    [Fact]
    public void Import_asks_for_float32_weights()
    {
        var contents = Checkpoint.Read(SavedCheckpoint());
        var t0 = contents.Tensors[0];
        File.WriteAllBytes(File_("half.safetensors"), WithExtraTensor(contents with { Tensors = contents.Tensors.Skip(1).ToList() }, t0.Name, "F16", t0.Shape, new byte[2 * t0.Data.Length]));

        var e = Assert.Throws<CheckpointException>(() => SafetensorsExchange.Import(File_("half.safetensors"), null, File_("x.gae")));

        Assert.Contains($"tensor '{t0.Name}' is F16; GpuAE reads float32 (F32) weights: convert with tensor.float()", e.Message);
    }

    [Theory]
    [InlineData("length", "declares a 999999-byte header but holds only")]
    [InlineData("huge", "over the format's limit of 100000000")]
    [InlineData("json", "has a header that is not valid JSON")]
    [InlineData("brace", "the header does not start with '{'")]
    [InlineData("gap", "starts at byte 8, expected 4")]
    [InlineData("overlap", "starts at byte 0, expected 4")]
    [InlineData("trailing", "has 4 bytes after its last tensor")]
    [InlineData("size", "of shape [3] F32 needs 12 bytes, its data_offsets give 8")]
    [InlineData("range", "has data_offsets [0, 400] outside the 8 data bytes")]
    [InlineData("dtype", "has dtype 'F33', which the safetensors format does not define")]
    [InlineData("twice", "names 'a' twice in its header")]
    [InlineData("metadata", "has __metadata__ entry 'k' that is not a string")]
    public void A_malformed_file_is_one_line_naming_the_problem(string defect, string expected)
    {
        byte[] bytes = defect switch
        {
            "length" => Raw("{}", [], headerLength: 999_999),
            "huge" => Raw("{}", [], headerLength: 100_000_001),
            "json" => Raw("{\"a\": ", []),
            "brace" => Raw("[1]", []),
            "gap" => Raw("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""", new byte[12]),
            "overlap" => Raw("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", new byte[4]),
            "trailing" => Raw("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", new byte[8]),
            "size" => Raw("""{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", new byte[8]),
            "range" => Raw("""{"a":{"dtype":"F32","shape":[100],"data_offsets":[0,400]}}""", new byte[8]),
            "dtype" => Raw("""{"a":{"dtype":"F33","shape":[1],"data_offsets":[0,4]}}""", new byte[4]),
            "twice" => Raw("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", new byte[8]),
            _ => Raw("""{"__metadata__":{"k":1}}""", []),
        };
        File.WriteAllBytes(File_("bad.safetensors"), bytes);

        var e = Assert.Throws<CheckpointException>(() => Safetensors.Read(bytes, File_("bad.safetensors")));

        Assert.StartsWith(File_("bad.safetensors") + ": ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_header_that_is_not_utf8_is_rejected()
    {
        byte[] header = [(byte)'{', (byte)'"', 0xff, (byte)'"', (byte)':', (byte)'1', (byte)'}', (byte)' '];
        byte[] bytes = [8, 0, 0, 0, 0, 0, 0, 0, .. header];

        Assert.Contains("has a header that is not valid UTF-8", Assert.Throws<CheckpointException>(() => Safetensors.Read(bytes, "x")).Message);
    }

    [Fact]
    public void A_file_too_short_for_its_length_is_rejected() =>
        Assert.Contains("too short for a safetensors header", Assert.Throws<CheckpointException>(() => Safetensors.Read([1, 2, 3], "x")).Message);

    private static byte[] Raw(string json, byte[] data, long? headerLength = null)
    {
        var header = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)(headerLength ?? header.Length));
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    private void WriteFile(string name, Checkpoint.Contents contents, IEnumerable<(string Name, int[] Shape, float[] Data)> tensors) =>
        File.WriteAllBytes(File_(name), Safetensors.Write([.. tensors.Select(t => new Safetensors.Tensor(t.Name, t.Shape, t.Data))],
            new Dictionary<string, string> { [Safetensors.ModelKey] = JsonSerializer.Serialize(contents.Config) }));

    /// <summary>The checkpoint's tensors as F32 plus one tensor of another dtype, written by hand.</summary>
    private static byte[] WithExtraTensor(Checkpoint.Contents contents, string name, string dtype, int[] shape, byte[] data)
    {
        var header = new Dictionary<string, object> { ["__metadata__"] = new Dictionary<string, string> { [Safetensors.ModelKey] = JsonSerializer.Serialize(contents.Config) } };
        var body = new MemoryStream();
        foreach (var t in contents.Tensors)
        {
            header[t.Name] = new { dtype = "F32", shape = t.Shape, data_offsets = new[] { body.Length, body.Length + 4L * t.Data.Length } };
            foreach (float v in t.Data) body.Write(BitConverter.GetBytes(v));
        }
        header[name] = new { dtype, shape, data_offsets = new[] { body.Length, body.Length + data.Length } };
        body.Write(data);
        return Raw(JsonSerializer.Serialize(header), body.ToArray());
    }
}
