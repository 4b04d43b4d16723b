using GpuAE.Compute;
using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Optimizers;
using GpuAE.Tests.Compute;

namespace GpuAE.Tests.Training;

/// <summary>
/// A tiny residual classifier (identity and projection blocks with batch norm, softmax
/// cross-entropy) trained step by step on a GPU runtime follows the CPU's loss curve.
/// </summary>
[Collection(AcceleratorCollection.Name)]
public sealed class ResidualTrainingParityTests(ITestOutputHelper output)
{
    private const int Rows = 12, Classes = 5, Steps = 8;
    private static readonly TensorShape Input = new(1, 8, 8);

    private static Network Model() => new([
        Conv2d.Same(4, 3), new ReLU(),
        new ResidualBlock([Conv2d.Same(4, 3), new BatchNorm2d(), new ReLU(), Conv2d.Same(4, 3), new BatchNorm2d()]), new ReLU(),
        new ResidualBlock([new Conv2d(8, 3, stride: 2, padding: 1), new BatchNorm2d(), new ReLU(), Conv2d.Same(8, 3), new BatchNorm2d()],
            [new Conv2d(8, 1, stride: 2), new BatchNorm2d()]), new ReLU(),
        new Flatten(), new Dense(Classes)]);

    /// <summary>The mean batch loss after each of `Steps` optimizer steps on one fixed batch.</summary>
    private static double[] Train(Accelerator acc, Func<Optimizer> optimizer)
    {
        using var network = Model();
        network.Build(acc, Input, Rows, seed: 5);
        using var opt = optimizer();
        using var x = acc.Allocate(TestData.Uniform(Rows * Input.Size, 8));
        using var labels = acc.Allocate(Enumerable.Range(0, Rows).Select(i => (float)(i % Classes)).ToArray());
        using var gradient = acc.Allocate(Rows * Classes);
        using var rowLoss = acc.Allocate(Rows);
        var losses = new double[Steps];
        for (int step = 0; step < Steps; step++)
        {
            var logits = network.Forward(x, Rows, training: true);
            acc.SoftmaxCrossEntropyLoss(logits, labels, gradient, rowLoss, Rows, Classes, 1f / Rows);
            network.Backward(gradient, Rows, network.Layers.Count - 1);
            opt.Step(acc, network.Parameters);
            losses[step] = rowLoss.ToArray().Average(v => (double)v);
        }
        return losses;
    }

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var spec in AcceleratorSpecs.Specs().Where(s => s != "cpu"))
            foreach (var optimizer in new[] { "sgd", "adadelta" }) data.Add(spec, optimizer);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_residual_network_trains_on_a_gpu_runtime_as_on_the_cpu(string spec, string optimizer)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        if (acc is null) return;
        Func<Optimizer> create = optimizer == "sgd" ? () => new Sgd(0.05f, momentum: 0.9f) : () => new Adadelta();
        var cpu = Train(new CpuAccelerator(), create);
        var gpu = Train(acc, create);
        for (int s = 0; s < Steps; s++)
        {
            output.WriteLine($"{optimizer} step {s + 1}: cpu {cpu[s]:G7}, {spec} {gpu[s]:G7}");
            Assert.Equal(cpu[s], gpu[s], 1e-4 * cpu[s]);
        }
        Assert.True(cpu[^1] < cpu[0], $"{optimizer}: the loss should fall on one repeated batch ({cpu[0]:G4} -> {cpu[^1]:G4})");
    }
}
