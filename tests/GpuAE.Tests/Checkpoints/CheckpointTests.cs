using GpuAE.Checkpoints;
using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Models;

namespace GpuAE.Tests.Checkpoints;

public sealed class CheckpointTests : IDisposable
{
    private readonly CpuAccelerator _acc = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("gpuae-ckpt-").FullName;
    private static readonly ModelConfig Config = new() { Name = "dense", Hidden = 17 };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (string Path, Network Network) SaveTrainedLookingModel()
    {
        var network = ModelCatalog.Create(Config);
        network.Build(_acc, new TensorShape(1, 28, 28), 4, seed: 3);
        string path = Path.Combine(_dir, "model.gae");
        Checkpoint.Save(path, Config, network);
        return (path, network);
    }

    private float[] Outputs(Network network, float[] input)
    {
        using var x = _acc.Allocate(input);
        return network.Forward(x, 4, training: false).ToArray();
    }

    [Fact]
    public void A_saved_model_loads_back_to_identical_outputs()
    {
        var (path, original) = SaveTrainedLookingModel();
        var input = TestData.Images(4, 28, 28, 1);
        var (config, loaded) = Checkpoint.Load(path, _acc, 4);
        Assert.Equal(Config, config);
        Assert.Equal(Outputs(original, input), Outputs(loaded, input));
    }

    [Fact]
    public void A_flipped_byte_is_rejected_as_corrupt()
    {
        var (path, _) = SaveTrainedLookingModel();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, _acc, 4));
        Assert.Contains("CRC mismatch", e.Message);
    }

    [Fact]
    public void A_truncated_file_is_rejected()
    {
        var (path, _) = SaveTrainedLookingModel();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
        Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, _acc, 4));
    }

    [Fact]
    public void A_file_that_is_not_a_checkpoint_is_rejected_by_its_magic()
    {
        string path = Path.Combine(_dir, "notes.gae");
        File.WriteAllText(path, "this is not a model, just some text long enough");
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.ReadConfig(path));
        Assert.Contains("bad magic", e.Message);
    }

    [Fact]
    public void A_missing_checkpoint_names_the_path()
    {
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.ReadConfig(Path.Combine(_dir, "nope.gae")));
        Assert.Contains("nope.gae", e.Message);
    }
}
