using GpuAE.Compute;
using GpuAE.Compute.Cpu;
using GpuAE.Tests.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Training;

namespace GpuAE.Tests.Training;

/// <summary>Asking for a recorded step graph where none can be recorded changes nothing and says why.</summary>
[Collection(AcceleratorCollection.Name)]
public sealed class StepGraphTests(ITestOutputHelper output)
{
    private static Dataset Synthetic(int n) => new("synthetic", "train", TestData.Images(n, 28, 28, 4), new byte[n], KnownDatasets.DigitClassNames);

    private static (double Loss, string? Note) Train(string model, bool graph)
    {
        using var acc = new CpuAccelerator();
        var entry = ModelCatalog.Find(model);
        using var network = ModelCatalog.Create(new ModelConfig { Name = model, Hidden = 32, Loss = entry.DefaultLoss });
        network.Build(acc, new TensorShape(1, 28, 28), 8, seed: 3);
        using var loss = Loss.Create(entry.DefaultLoss);
        loss.Build(acc, network);
        using var optimizer = new Sgd(0.005f); // small enough for every model here (cnn-keras has a linear output)
        using var session = new TrainingSession(acc, network, loss, optimizer, Synthetic(40), NoiseSpec.Parse("mask:0.2"), 5);
        if (graph) session.UseStepGraph();
        var (trainLoss, _) = session.RunEpoch(1, 1, SilentObserver.Instance);
        Assert.False(session.GraphReplaying);
        return (trainLoss, session.GraphNote);
    }

    [Fact]
    public void OnTheCpuTheStepRunsEagerlyWithTheSameLossAndANote()
    {
        var (eager, none) = Train("dense", graph: false);
        var (asked, note) = Train("dense", graph: true);
        Assert.Equal(eager, asked);
        Assert.Null(none);
        Assert.Contains("CUDA only", note);
    }

    /// <summary>Training records step graphs by default where the device can: on CUDA, and nowhere else.</summary>
    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void ExactlyTheCudaDevicesRecordStepGraphs(string spec)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        Assert.Equal(acc.Type == AcceleratorType.Cuda, acc.RecordsStepGraphs);
    }

    [Fact]
    public void ANetworkWithDropoutIsNeverRecorded()
    {
        var (_, note) = Train("cnn-keras", graph: true);
        Assert.Contains("dropout", note);
    }
}
