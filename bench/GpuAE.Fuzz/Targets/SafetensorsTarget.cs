using System.Buffers.Binary;
using System.Text;
using GpuAE.Checkpoints;
using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Models;

namespace GpuAE.Fuzz.Targets;

/// <summary>
/// .safetensors files as `gpuae import` reads them (header, tensors, then the model check and a
/// written model.gae): `gpuae export` files of a dense model (with the training data in its
/// metadata) and a convolutional one with batch norm, and a PyTorch-style file without GpuAE
/// metadata (imported as `--model dense` describes it) that carries an I64 num_batches_tracked
/// counter. Mutations hit the bytes, the uint64 header length (set to an extreme) or the header
/// JSON (kept parseable, the length and padding rewritten so the data still follows it).
/// </summary>
public sealed class SafetensorsTarget : FuzzTarget
{
    /// <summary>The config `--model dense --hidden 16` gives the file without metadata.</summary>
    private static readonly ModelConfig PyTorchModel = new() { Name = "dense", Hidden = 16 };

    public override string Name => "safetensors";

    public override IReadOnlyList<Seed> Seeds() =>
    [
        Export("dense.safetensors", new ModelConfig { Name = "dense", Hidden = 16 },
            new TrainingData { ImageHeight = 28, ImageWidth = 28, ClassNames = ["zero", "one"], Noise = "mask:0.2" }),
        Export("vgg-dae.safetensors", new ModelConfig { Name = "vgg-dae" }, null),
        PyTorchStyle(),
    ];

    private static Seed Export(string name, ModelConfig config, TrainingData? training)
    {
        string dir = Directory.CreateTempSubdirectory("gpuae-fuzz-seed-").FullName;
        using var acc = new CpuAccelerator();
        using var network = ModelCatalog.Create(config);
        network.Build(acc, new TensorShape(config.InputChannels, config.InputHeight, config.InputWidth), 2, seed: 1);
        string checkpoint = Path.Combine(dir, "model.gae"), output = Path.Combine(dir, name);
        Checkpoint.Save(checkpoint, config, network, training);
        SafetensorsExchange.Export(checkpoint, output);
        var bytes = File.ReadAllBytes(output);
        Directory.Delete(dir, recursive: true);
        return new Seed(name, bytes);
    }

    /// <summary>The dense model's tensors as PyTorch would save them: no GpuAE metadata, plus a BatchNorm-style I64 counter.</summary>
    private static Seed PyTorchStyle()
    {
        var exported = Safetensors.Read(Export("x.safetensors", PyTorchModel, null).Bytes, "x");
        var bytes = Safetensors.Write(exported.Tensors, new Dictionary<string, string> { ["format"] = "pt" });
        // Append an 8-byte I64 tensor by rewriting the header: the format allows any dtype, GpuAE skips the counter.
        var (json, data) = Split(bytes);
        long end = data.Length;
        string header = Encoding.UTF8.GetString(json).TrimEnd();
        header = header[..^1] + $",\"1.num_batches_tracked\":{{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[{end},{end + 8}]}}}}";
        return new Seed("pytorch.safetensors", Join(Encoding.UTF8.GetBytes(header), [.. data, .. new byte[8]]));
    }

    public override byte[] Mutate(Seed seed, Random r, IReadOnlyList<Seed> all)
    {
        switch (r.Next(3))
        {
            case 0: return base.Mutate(seed, r, all);
            case 1:
                {
                    var copy = (byte[])seed.Bytes.Clone();
                    if (r.Next(2) == 0) Mutator.SetField(copy, 0, 4, r); // the low half of the uint64 length
                    else BinaryPrimitives.WriteUInt64LittleEndian(copy, new ulong[] { ulong.MaxValue, 1UL << 63, 1UL << 32, (ulong)Safetensors.MaxHeaderBytes + 1, 0 }[r.Next(5)]);
                    return copy;
                }
            default:
                {
                    var (json, data) = Split(seed.Bytes);
                    return Join(JsonMutator.Mutate(json, r), data);
                }
        }
    }

    public override void Read(string folder, Seed seed, byte[] input)
    {
        string path = Path.Combine(folder, seed.Name);
        File.WriteAllBytes(path, input);
        var config = seed.Name == "pytorch.safetensors" ? PyTorchModel : null;
        SafetensorsExchange.Import(path, config, Path.Combine(folder, "model.gae"));
    }

    private static (byte[] Json, byte[] Data) Split(byte[] file)
    {
        int n = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        return (file[8..(8 + n)], file[(8 + n)..]);
    }

    /// <summary>A file from a header (padded with spaces to a multiple of 8, as writers do) and the data after it.</summary>
    private static byte[] Join(byte[] json, byte[] data)
    {
        int padded = (json.Length + 7) / 8 * 8;
        var file = new byte[8 + padded + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        json.CopyTo(file, 8);
        file.AsSpan(8 + json.Length, padded - json.Length).Fill((byte)' ');
        data.CopyTo(file, 8 + padded);
        return file;
    }
}
