using GpuAE.Compute;
using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Optimizers;
using GpuAE.Tests.Compute;

namespace GpuAE.Tests.Training;

/// <summary>
/// Every conv-family op in one tiny denoising network (conv, max-pool, batch norm, dropout,
/// x2 upsampling, transposed conv, the activations, a dense bottleneck), trained step by step
/// on 8x8 images: the ILGPU kernels follow the CPU's loss curve. Sized for ilgpu-cpu (ILGPU's CPU
/// accelerator costs microseconds per work-item); the catalog's conv models train on GPUs in
/// ConvTrainingParityTests.
/// </summary>
[Collection(AcceleratorCollection.Name)]
public sealed class SmallConvTrainingParityTests(ITestOutputHelper output)
{
    private const int Rows = 6, Steps = 6;
    private static readonly TensorShape Input = new(1, 8, 8);

    private static Network Model() => new([
        Conv2d.Same(4, 3), new BatchNorm2d(), new LeakyReLU(), new MaxPool2d(ceilMode: true),   // 4x4x4
        new Conv2d(6, 3, stride: 2, padding: 1), new Tanh(), new Dropout(0.25f),                  // 6x2x2
        new Flatten(), new Dense(12), new ReLU(), new Dense(24), new Reshape(6, 2, 2),
        new Upsample2d(), new ConvTranspose2d(3, 3, stride: 2, padding: 1, outputPadding: 1),    // 3x8x8
        Conv2d.Same(1, 3), new Sigmoid()]);

    /// <summary>The mean batch loss after each step on one fixed batch (MSE against the clean images).</summary>
    private static double[] Train(Accelerator acc)
    {
        using var network = Model();
        network.Build(acc, Input, Rows, seed: 7);
        using var optimizer = new Adam(0.01f);
        var clean = TestData.Images(Rows, 8, 8, 11);
        using var x = acc.Allocate(clean);
        using var noisy = acc.Allocate(Rows * Input.Size);
        using var gradient = acc.Allocate(Rows * Input.Size);
        using var rowLoss = acc.Allocate(Rows);
        var losses = new double[Steps];
        for (int step = 0; step < Steps; step++)
        {
            acc.ApplyNoise(x, noisy, Rows, 8, 8, new NoiseParameters(NoiseKind.Gaussian, 0.2f), 3, (uint)step, 0);
            var output = network.Forward(noisy, Rows, training: true);
            acc.MseLoss(output, x, gradient, rowLoss, Rows, Input.Size, 1f / Rows);
            network.Backward(gradient, Rows, network.Layers.Count - 1);
            optimizer.Step(acc, network.Parameters);
            losses[step] = rowLoss.ToArray().Average(v => (double)v);
        }
        return losses;
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void A_small_conv_network_trains_on_the_ilgpu_kernels_as_on_the_cpu(string spec)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        var cpu = Train(new CpuAccelerator());
        var gpu = Train(acc);
        for (int s = 0; s < Steps; s++)
        {
            output.WriteLine($"step {s + 1}: cpu {cpu[s]:G7}, {spec} {gpu[s]:G7}");
            Assert.Equal(cpu[s], gpu[s], 1e-4 * cpu[s]);
        }
        Assert.True(cpu[^1] < cpu[0], $"the loss should fall on one repeated batch ({cpu[0]:G4} -> {cpu[^1]:G4})");
    }
}
