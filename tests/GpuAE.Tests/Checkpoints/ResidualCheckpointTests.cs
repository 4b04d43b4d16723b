using GpuAE.Checkpoints;
using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Models;

namespace GpuAE.Tests.Checkpoints;

public sealed class ResidualCheckpointTests : IDisposable
{
    private readonly CpuAccelerator _acc = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("gpuae-ckpt-res-").FullName;
    private static readonly TensorShape Input = new(1, 8, 8);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Two residual blocks (identity, then a projection shortcut), each with batch norms.</summary>
    private Network Build(ulong seed)
    {
        var network = new Network([
            Conv2d.Same(4, 3), new ReLU(),
            new ResidualBlock([Conv2d.Same(4, 3), new BatchNorm2d(), new ReLU(), Conv2d.Same(4, 3), new BatchNorm2d()]), new ReLU(),
            new ResidualBlock([new Conv2d(8, 3, stride: 2, padding: 1), new BatchNorm2d(), new ReLU(), Conv2d.Same(8, 3), new BatchNorm2d()],
                [new Conv2d(8, 1, stride: 2), new BatchNorm2d()]), new ReLU(),
            new Flatten(), new Dense(10)]);
        network.Build(_acc, Input, 4, seed);
        return network;
    }

    private float[] Outputs(Network network, float[] input, bool training)
    {
        using var x = _acc.Allocate(input);
        return network.Forward(x, 4, training).ToArray();
    }

    [Fact]
    public void A_network_with_two_residual_blocks_round_trips_weights_and_running_statistics()
    {
        using var original = Build(seed: 3);
        for (int i = 0; i < 3; i++) Outputs(original, TestData.Uniform(4 * 64, 10 + i), training: true); // moves the running statistics
        string path = Path.Combine(_dir, "residual.gae");
        var config = new ModelConfig { Name = "residual-test", InputHeight = 8, InputWidth = 8 };
        Checkpoint.Save(path, config, original);

        using var loaded = Build(seed: 99);
        Assert.Equal(config, Checkpoint.LoadInto(path, loaded));
        var input = TestData.Uniform(4 * 64, 1);
        Assert.Equal(Outputs(original, input, training: false), Outputs(loaded, input, training: false));
        var originalState = original.Layers.SelectMany(l => l.State).Select(s => s.Value.ToArray()).ToList();
        var loadedState = loaded.Layers.SelectMany(l => l.State).Select(s => s.Value.ToArray()).ToList();
        Assert.Equal(10, originalState.Count);
        Assert.Equal(originalState, loadedState);
    }
}
