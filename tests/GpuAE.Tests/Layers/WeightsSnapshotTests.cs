using GpuAE.Compute.Cpu;
using GpuAE.Layers;

namespace GpuAE.Tests.Layers;

public sealed class WeightsSnapshotTests
{
    private static Network Built(CpuAccelerator acc, ulong seed)
    {
        var network = new Network([new Dense(7), new Sigmoid(), new Dense(3)]);
        network.Build(acc, new TensorShape(1, 5, 5), 4, seed);
        return network;
    }

    private static float[][] Values(Network n) => [.. n.Parameters.Select(p => p.Value.ToArray())];

    [Fact]
    public void Restoring_a_snapshot_brings_back_every_parameter()
    {
        using var acc = new CpuAccelerator();
        using var network = Built(acc, 1);
        var before = Values(network);
        var snapshot = WeightsSnapshot.Take(network);
        foreach (var p in network.Parameters) p.Value.Upload(TestData.Uniform(p.Length, 9));
        Assert.NotEqual(before[0], Values(network)[0]);
        snapshot.RestoreTo(network);
        Assert.Equal(before, Values(network));
    }

    [Fact]
    public void A_snapshot_does_not_fit_a_network_of_another_shape()
    {
        using var acc = new CpuAccelerator();
        using var small = Built(acc, 1);
        using var other = new Network([new Dense(8), new Sigmoid(), new Dense(3)]);
        other.Build(acc, new TensorShape(1, 5, 5), 4, 1);
        Assert.Throws<ArgumentException>(() => WeightsSnapshot.Take(small).RestoreTo(other));
    }
}
