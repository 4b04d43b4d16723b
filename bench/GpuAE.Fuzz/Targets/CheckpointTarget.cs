using GpuAE.Checkpoints;
using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Models;

namespace GpuAE.Fuzz.Targets;

/// <summary>
/// model.gae: checkpoints of a dense, a convolutional (with batch norm) and a classifier model,
/// loaded as `eval` loads them (the model is built from the config, then every tensor checked).
/// Mutations hit the bytes, the header fields (version, config length, tensor count, name
/// lengths, ranks, dimensions) and the config JSON; the CRC is then recomputed for most cases.
/// </summary>
public sealed class CheckpointTarget : FuzzTarget
{
    private readonly CpuAccelerator _acc = new();

    public override string Name => "checkpoint";

    public override IReadOnlyList<Seed> Seeds() =>
    [
        Save(new ModelConfig { Name = "dense", Hidden = 16 }),
        Save(new ModelConfig { Name = "vgg-dae" }),
        Save(new ModelConfig { Name = "lenet", Classes = 10 }),
    ];

    private Seed Save(ModelConfig config)
    {
        string dir = Directory.CreateTempSubdirectory("gpuae-fuzz-seed-").FullName;
        using var network = ModelCatalog.Create(config);
        network.Build(_acc, new TensorShape(config.InputChannels, config.InputHeight, config.InputWidth), 2, seed: 1);
        string path = Path.Combine(dir, "model.gae");
        Checkpoint.Save(path, config, network);
        var bytes = File.ReadAllBytes(path);
        Directory.Delete(dir, recursive: true);
        return new Seed("model.gae", bytes);
    }

    public override byte[] Mutate(Seed seed, Random r, IReadOnlyList<Seed> all) => FramedFile.Mutate(seed, r, all);

    public override void Read(string folder, Seed seed, byte[] input)
    {
        string path = Path.Combine(folder, seed.Name);
        File.WriteAllBytes(path, input);
        using var acc = new CpuAccelerator();
        var (_, network) = Checkpoint.Load(path, acc, 2);
        network.Dispose();
    }
}
