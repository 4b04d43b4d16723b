using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using GpuAE.Compute;
using GpuAE.IO;
using GpuAE.Layers;
using GpuAE.Models;

namespace GpuAE.Checkpoints;

/// <summary>
/// The .gae checkpoint: a model's config, weights and non-trainable layer state (BatchNorm
/// running statistics), nothing executable.
/// Layout (little-endian): magic "GPUAECKP", uint32 version (1), uint32 n + n bytes of UTF-8
/// JSON (ModelConfig), uint32 tensor count, then per tensor: uint16 n + name, uint8 rank,
/// rank x int32 dims, float32 data; finally uint32 CRC-32 of every preceding byte.
/// Loading checks magic, version, CRC and every shape before touching the model.
/// </summary>
public static class Checkpoint
{
    private static readonly byte[] Magic = "GPUAECKP"u8.ToArray();
    public const uint Version = 1;

    public static void Save(string path, ModelConfig config, Network network)
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(Magic);
        w.Write(Version);
        var json = JsonSerializer.SerializeToUtf8Bytes(config);
        w.Write((uint)json.Length);
        w.Write(json);
        var tensors = NamedTensors(network).ToList();
        w.Write((uint)tensors.Count);
        foreach (var (name, shape, value) in tensors)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            w.Write((ushort)nameBytes.Length);
            w.Write(nameBytes);
            w.Write((byte)shape.Length);
            foreach (int d in shape) w.Write(d);
            var data = value.ToArray();
            w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
        }
        w.Flush();
        uint crc = Crc32.Compute(ms.GetBuffer().AsSpan(0, (int)ms.Length));
        w.Write(crc);
        w.Flush();
        AtomicFile.WriteAllBytes(path, ms.GetBuffer().AsSpan(0, (int)ms.Length));
    }

    /// <summary>
    /// Names like "0.weight", "2.bias", "3.running_mean": layer index and tensor name; each
    /// layer's parameters, then its non-trainable state.
    /// </summary>
    private static IEnumerable<(string Name, int[] Shape, DeviceBuffer Value)> NamedTensors(Network network) =>
        network.Layers.SelectMany((layer, i) =>
            layer.Parameters.Select(p => ($"{i}.{p.Name}", p.Shape, p.Value))
                .Concat(layer.State.Select(s => ($"{i}.{s.Name}", s.Shape, s.Value))));

    /// <summary>Reads the config only (to build the model before loading weights).</summary>
    public static ModelConfig ReadConfig(string path) => Parse(path).Config;

    /// <summary>Builds the model on the accelerator and loads the weights into it.</summary>
    public static (ModelConfig Config, Network Network) Load(string path, Accelerator accelerator, int maxBatch)
    {
        var parsed = Parse(path);
        var network = ModelCatalog.Create(parsed.Config);
        try
        {
            var input = new TensorShape(parsed.Config.InputChannels, parsed.Config.InputHeight, parsed.Config.InputWidth);
            // the model the config describes must fit the values the file holds: checked before building, so a
            // damaged config cannot make us allocate and initialise a model far larger than the file
            long needed;
            try { needed = MemoryPlan.Buffers(network.Layers, input, 1).Where(b => b.Buffer.IsParameter).Sum(b => b.Buffer.Elements); }
            catch (OverflowException) { throw Bad(path, $"describes a model too large to count (input {input})"); }
            long held = parsed.Tensors.Values.Sum(t => (long)t.Data.Length);
            if (needed > held) throw Bad(path, $"describes a model of {needed:N0} parameters but holds {held:N0} values");
            network.Build(accelerator, input, maxBatch, seed: 0);
            LoadTensors(path, parsed, network);
        }
        catch
        {
            network.Dispose(); // a rejected checkpoint leaves no device memory behind
            throw;
        }
        return (parsed.Config, network);
    }

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

    private static void LoadTensors(string path, Parsed parsed, Network network)
    {
        var expected = NamedTensors(network).ToList();
        if (expected.Count != parsed.Tensors.Count)
            throw Bad(path, $"has {parsed.Tensors.Count} tensors, model '{Text.Printable.Of(parsed.Config.Name)}' needs {expected.Count}");
        foreach (var (name, shape, value) in expected)
        {
            if (!parsed.Tensors.TryGetValue(name, out var t)) throw Bad(path, $"tensor '{name}' is missing");
            if (!t.Shape.SequenceEqual(shape))
                throw Bad(path, $"tensor '{name}' has shape [{Text.Printable.Of(string.Join(",", t.Shape))}], model needs [{string.Join(",", shape)}]");
            value.Upload(t.Data);
        }
    }

    private sealed record Parsed(ModelConfig Config, Dictionary<string, (int[] Shape, float[] Data)> Tensors);

    private static Parsed Parse(string path)
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
            if (version != Version) throw Bad(path, $"has version {version}; this GpuAE reads version {Version}");
            uint configLength = r.ReadUInt32();
            if (configLength > r.BaseStream.Length - r.BaseStream.Position) throw Bad(path, "is truncated (its config is longer than the file)");
            var config = JsonSerializer.Deserialize<ModelConfig>(r.ReadBytes((int)configLength))
                ?? throw Bad(path, "has an empty config");
            uint count = r.ReadUInt32();
            var tensors = new Dictionary<string, (int[], float[])>();
            for (uint i = 0; i < count; i++)
            {
                string name = Encoding.UTF8.GetString(r.ReadBytes(r.ReadUInt16()));
                var shape = new int[r.ReadByte()];
                for (int d = 0; d < shape.Length; d++) shape[d] = r.ReadInt32();
                long length = shape.Aggregate(1L, (a, b) => checked(a * b));
                if (length < 0 || length * 4 > r.BaseStream.Length - r.BaseStream.Position) throw Bad(path, $"tensor '{Text.Printable.Of(name)}' is truncated");
                var data = new float[length];
                r.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
                tensors[name] = (shape, data);
            }
            return new Parsed(config, tensors);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or OverflowException)
        {
            throw Bad(path, $"is malformed ({Text.Printable.Of(e.Message, 160)})");
        }
    }

    private static CheckpointException Bad(string path, string what) => new($"checkpoint '{path}' {what}");
}

public sealed class CheckpointException(string message) : Exception(message);
