using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Tests.Compute;
using GpuAE.Training;

namespace GpuAE.Tests.Training;

/// <summary>
/// A training split kept on the device (each step gathers its batch there) trains bit for bit as
/// copying each batch from the host does, on the same device: the same floats reach the noise,
/// whose counters do not depend on the path. Two epochs of two steps (the second one short), so
/// each epoch's order is uploaded and partial batches are gathered; conv-mnist takes one step
/// per epoch (its weight gradients take about a second each on ilgpu-cpu, at any image size).
/// </summary>
[Collection(AcceleratorCollection.Name)]
public sealed class DeviceSplitTrainingTests(ITestOutputHelper output)
{
    private const int Batch = 4, Epochs = 2;
    private static readonly SplitResidence HostCopy = SplitResidence.Host("the test compares both paths");

    private static Dataset Split(int images, int side) => TestData.Split(images, side, 5);

    /// <summary>Every epoch's loss and every parameter's final values, after training with the given path.</summary>
    private sealed record Run(double[] Losses, float[][] Weights, SplitResidence Residence, string? GraphNote);

    private static Run Train(Accelerator acc, Func<Network> model, int images, int side, bool classifier, SplitResidence? residence, bool graph = false)
    {
        using var network = model();
        network.Build(acc, new TensorShape(1, side, side), Batch, seed: 9);
        using var optimizer = new Adam(0.01f);
        using var loss = classifier ? null : Loss.Create("bce");
        loss?.Build(acc, network);
        using var session = classifier
            ? TrainingSession.ForClassifier(acc, network, optimizer, Split(images, side), NoiseSpec.Parse("saltpepper:0.2"), 3, residence: residence)
            : new TrainingSession(acc, network, loss!, optimizer, Split(images, side), NoiseSpec.Parse("saltpepper:0.2"), 3, residence: residence);
        if (graph) session.UseStepGraph();
        var losses = Enumerable.Range(1, Epochs).Select(e => session.RunEpoch((uint)e, Epochs, SilentObserver.Instance).Loss).ToArray();
        return new Run(losses, [.. network.Parameters.Select(p => p.Value.ToArray())], session.Feeder.Residence, session.GraphNote);
    }

    private static void Identical(Run host, Run device)
    {
        Assert.Equal(host.Losses, device.Losses);
        Assert.Equal(host.Weights.Length, device.Weights.Length);
        for (int p = 0; p < host.Weights.Length; p++) Assert.Equal(host.Weights[p], device.Weights[p]);
    }

    private void TrainsIdentically(string spec, Func<Network> model, int images, int side, bool classifier = false)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        var host = Train(acc, model, images, side, classifier, HostCopy);
        var device = Train(acc, model, images, side, classifier, residence: null);
        Assert.True(device.Residence.OnDevice, device.Residence.Reason);
        output.WriteLine($"epoch losses: host copy {string.Join(", ", host.Losses)}; device gather {string.Join(", ", device.Losses)}");
        Identical(host, device);
    }

    private static Network Dense() => ModelCatalog.Create(new ModelConfig { Name = "dense", Hidden = 16, Loss = "bce" });

    /// <summary>conv-mnist's layers on 4x4 images (two pools and two x2 transposed convs need a side divisible by 4): its 32-channel convs take minutes at 28x28 on ilgpu-cpu, a minute at 8x8.</summary>
    private static Network ConvMnist() => ModelCatalog.Create(new ModelConfig { Name = "conv-mnist", InputHeight = 4, InputWidth = 4, Loss = "bce" });

    private static Network SmallClassifier() => new([new Flatten(), new Dense(8), new Sigmoid(), new Dense(10)]);

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void The_dense_autoencoder_trains_bit_identically_on_a_split_kept_on_the_device(string spec) => TrainsIdentically(spec, Dense, images: 7, side: 28);

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void The_conv_mnist_autoencoder_trains_bit_identically_on_a_split_kept_on_the_device(string spec) => TrainsIdentically(spec, ConvMnist, images: Batch, side: 4);

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void A_classifier_trains_bit_identically_on_labels_gathered_on_the_device(string spec) => TrainsIdentically(spec, SmallClassifier, images: 7, side: 8, classifier: true);

    [Fact]
    public void Asking_for_a_step_graph_where_none_can_be_recorded_trains_the_device_split_as_without_one()
    {
        var acc = AcceleratorSpecs.TryOpen("ilgpu-cpu", output);
        // 13 images: three full steps per epoch, so the session reaches its graph (after two eager full steps).
        var plain = Train(acc, Dense, 13, 28, classifier: false, HostCopy);
        var graph = Train(acc, Dense, 13, 28, classifier: false, residence: null, graph: true);
        Assert.True(graph.Residence.OnDevice);
        Assert.Contains("cannot record step graphs", graph.GraphNote);
        Identical(plain, graph);
    }
}
