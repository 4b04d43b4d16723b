using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using GpuAE.Compute;
using GpuAE.IO;
using GpuAE.Layers;
using GpuAE.Models;
using GpuAE.Text;

namespace GpuAE.Checkpoints;

/// <summary>
/// The .gae checkpoint: a model's config, what it was trained on, its weights and non-trainable
/// layer state (BatchNorm running statistics), nothing executable.
/// Layout (little-endian): magic "GPUAECKP", uint32 version (2), uint32 n + n bytes of UTF-8
/// JSON (ModelConfig), uint32 m + m bytes of UTF-8 JSON (<see cref="TrainingData"/>; m = 0 when
/// nothing is recorded), uint32 tensor count, then per tensor: uint16 n + name, uint8 rank,
/// rank x int32 dims, float32 data; finally uint32 CRC-32 of every preceding byte. Version 1 is
/// the same without the training-data block and still loads (with no training data).
/// Loading checks magic, version, CRC and every shape before touching the model.
/// </summary>
public static class Checkpoint
{
    private static readonly byte[] Magic = "GPUAECKP"u8.ToArray();
    public const uint Version = 2;

    /// <summary>The first version, without the training-data block: read, never written.</summary>
    public const uint Version1 = 1;

    public static void Save(string path, ModelConfig config, Network network, TrainingData? training = null) =>
        Save(path, config, training, NamedTensors(network).Select(t => (t.Name, t.Shape, t.Value.ToArray())));

    /// <summary>Writes a checkpoint from host tensors (name, shape, values) in the given order (`gpuae import`).</summary>
    public static void Save(string path, ModelConfig config, TrainingData? training, IEnumerable<(string Name, int[] Shape, float[] Data)> tensors)
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(Magic);
        w.Write(Version);
        WriteBlock(w, JsonSerializer.SerializeToUtf8Bytes(config));
        WriteBlock(w, training is null ? [] : JsonSerializer.SerializeToUtf8Bytes(training));
        var list = tensors.ToList();
        w.Write((uint)list.Count);
        foreach (var (name, shape, data) in list)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            w.Write((ushort)nameBytes.Length);
            w.Write(nameBytes);
            w.Write((byte)shape.Length);
            foreach (int d in shape) w.Write(d);
            w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
        }
        w.Flush();
        uint crc = Crc32.Compute(ms.GetBuffer().AsSpan(0, (int)ms.Length));
        w.Write(crc);
        w.Flush();
        AtomicFile.WriteAllBytes(path, ms.GetBuffer().AsSpan(0, (int)ms.Length));
    }

    private static void WriteBlock(BinaryWriter w, byte[] json)
    {
        w.Write((uint)json.Length);
        w.Write(json);
    }

    /// <summary>
    /// Names like "0.weight", "2.bias", "3.running_mean": layer index and tensor name; each
    /// layer's parameters, then its non-trainable state.
    /// </summary>
    public static IEnumerable<(string Name, int[] Shape, DeviceBuffer Value)> NamedTensors(Network network) =>
        network.Layers.SelectMany((layer, i) =>
            layer.Parameters.Select(p => ($"{i}.{p.Name}", p.Shape, p.Value))
                .Concat(layer.State.Select(s => ($"{i}.{s.Name}", s.Shape, s.Value))));

    /// <summary>Reads the config only (to build the model before loading weights).</summary>
    public static ModelConfig ReadConfig(string path) => Parse(path).Config;

    /// <summary>What the checkpoint's model was trained on; null for a checkpoint that does not say (version 1, or trained on data made in memory).</summary>
    public static TrainingData? ReadTrainingData(string path) => Parse(path).Training;

    /// <summary>Everything in the file on the host: config, training data, and every tensor by name in file order.</summary>
    public static Contents Read(string path) => Parse(path);

    /// <summary>A checkpoint's parts as read: the tensors keep the file's order.</summary>
    public sealed record Contents(ModelConfig Config, TrainingData? Training, IReadOnlyList<(string Name, int[] Shape, float[] Data)> Tensors);

    /// <summary>
    /// Builds the model on the accelerator and loads the weights into it. <paramref name="input"/>
    /// builds it for another input size than it was trained at (a fully convolutional model takes
    /// other sizes as they are); a model whose weights or shapes do not allow that is a one-line
    /// error naming both sizes.
    /// </summary>
    public static (ModelConfig Config, Network Network) Load(string path, Accelerator accelerator, int maxBatch, TensorShape? input = null)
    {
        var parsed = Parse(path);
        var config = parsed.Config;
        var trained = new TensorShape(config.InputChannels, config.InputHeight, config.InputWidth);
        var shape = input ?? trained;
        bool other = shape != trained;
        var network = ModelCatalog.Create(config);
        try
        {
            network.Build(accelerator, shape, maxBatch, seed: 0);
            LoadTensors(path, parsed, network);
            if (other && !ModelCatalog.Find(config.Name).IsClassifier && network.OutputShape.Size != shape.Size)
                throw new CheckpointException($"it would turn them into {network.OutputShape.Describe()}");
            return (config, network);
        }
        catch (Exception e) when (other && e is ArgumentException or CheckpointException)
        {
            network.Dispose();
            throw new CheckpointException($"checkpoint '{path}': model {config.Name} was trained on {Side(trained)} images and cannot take {Side(shape)} images " +
                $"({Reason(e.Message)}); --resize {config.InputHeight} resamples the data to its size");
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private static string Side(TensorShape s) => $"{s.Width}x{s.Height}";

    private static string Reason(string message) => message.StartsWith("checkpoint '", StringComparison.Ordinal)
        ? message[(message.IndexOf("' ", StringComparison.Ordinal) + 2)..] : message;

    /// <summary>
    /// Loads the weights and state into a network the caller has already built (a model that is
    /// not in <see cref="ModelCatalog"/>); returns the checkpoint's config.
    /// </summary>
    public static ModelConfig LoadInto(string path, Network network)
    {
        var parsed = Parse(path);
        LoadTensors(path, parsed, network);
        return parsed.Config;
    }

    private static void LoadTensors(string path, Contents parsed, Network network)
    {
        var expected = NamedTensors(network).ToList();
        if (expected.Count != parsed.Tensors.Count)
            throw Bad(path, $"has {parsed.Tensors.Count} tensors, model '{parsed.Config.Name}' needs {expected.Count}");
        var byName = new Dictionary<string, (int[] Shape, float[] Data)>();
        foreach (var (name, shape, data) in parsed.Tensors) byName[name] = (shape, data);
        foreach (var (name, shape, value) in expected)
        {
            if (!byName.TryGetValue(name, out var t)) throw Bad(path, $"tensor '{name}' is missing");
            if (!t.Shape.SequenceEqual(shape))
                throw Bad(path, $"tensor '{name}' has shape [{string.Join(",", t.Shape)}], model needs [{string.Join(",", shape)}]");
            value.Upload(t.Data);
        }
    }

    private static Contents Parse(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException($"checkpoint '{path}' not found");
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length + 12 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw Bad(path, "is not a GpuAE checkpoint (bad magic)");
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4));
        if (Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4)) != stored)
            throw Bad(path, "is corrupt (CRC mismatch)");
        try
        {
            var r = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - 4));
            r.ReadBytes(Magic.Length);
            uint version = r.ReadUInt32();
            if (version is not (Version1 or Version)) throw Bad(path, $"has version {version}; this GpuAE reads versions {Version1} and {Version}");
            var config = JsonSerializer.Deserialize<ModelConfig>(ReadBlock(r, path, "config"))
                ?? throw Bad(path, "has an empty config");
            TrainingData? training = null;
            if (version >= Version)
            {
                byte[] block = ReadBlock(r, path, "training data");
                if (block.Length > 0) training = JsonSerializer.Deserialize<TrainingData>(block);
            }
            uint count = r.ReadUInt32();
            var tensors = new List<(string, int[], float[])>();
            var names = new HashSet<string>();
            for (uint i = 0; i < count; i++)
            {
                string name = Encoding.UTF8.GetString(r.ReadBytes(r.ReadUInt16()));
                if (!names.Add(name)) throw Bad(path, $"holds tensor '{Printable.Of(name)}' twice");
                var shape = new int[r.ReadByte()];
                for (int d = 0; d < shape.Length; d++) shape[d] = r.ReadInt32();
                long length = shape.Aggregate(1L, (a, b) => b < 0 ? -1 : a * b);
                if (length < 0 || length * 4 > r.BaseStream.Length - r.BaseStream.Position) throw Bad(path, $"tensor '{Printable.Of(name)}' is truncated");
                var data = new float[length];
                r.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
                tensors.Add((name, shape, data));
            }
            if (r.BaseStream.Position != r.BaseStream.Length) throw Bad(path, $"has {r.BaseStream.Length - r.BaseStream.Position} unexpected bytes after its tensors");
            return new Contents(config, training, tensors);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or OverflowException or NotSupportedException)
        {
            throw Bad(path, $"is malformed ({e.Message})");
        }
    }

    private static byte[] ReadBlock(BinaryReader r, string path, string what)
    {
        uint length = r.ReadUInt32();
        if (length > r.BaseStream.Length - r.BaseStream.Position) throw Bad(path, $"is truncated inside its {what}");
        return r.ReadBytes((int)length);
    }

    private static CheckpointException Bad(string path, string what) => new($"checkpoint '{path}' {what}");
}

public sealed class CheckpointException(string message) : Exception(message);
