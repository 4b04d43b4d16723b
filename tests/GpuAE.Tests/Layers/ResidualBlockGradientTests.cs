using GpuAE.Compute.Cpu;
using GpuAE.Layers;

namespace GpuAE.Tests.Layers;

/// <summary>
/// Finite-difference checks of the residual block, batch norm inside in training mode. Tanh
/// stands in for ReLU between the convolutions: finite differences need a smooth branch.
/// </summary>
public sealed class ResidualBlockGradientTests
{
    private readonly CpuAccelerator _acc = new();

    private void Check(Layer layer, TensorShape input, int rows) =>
        GradientCheck.Layer(_acc, layer, input, rows, TestData.Uniform(rows * input.Size, 31));

    [Fact]
    public void Identity_shortcut_backward_matches_finite_differences() =>
        Check(new ResidualBlock([Conv2d.Same(3, 3), new BatchNorm2d(), new Tanh(), Conv2d.Same(3, 3), new BatchNorm2d()]),
            new TensorShape(3, 5, 6), 3);

    [Fact]
    public void Projection_shortcut_backward_matches_finite_differences() =>
        Check(new ResidualBlock(
                [new Conv2d(4, 3, stride: 2, padding: 1), new BatchNorm2d(), new Tanh(), Conv2d.Same(4, 3), new BatchNorm2d()],
                [new Conv2d(4, 1, stride: 2), new BatchNorm2d()]),
            new TensorShape(2, 5, 7), 3);

    [Fact]
    public void Nested_block_backward_matches_finite_differences() =>
        Check(new ResidualBlock([new ResidualBlock([Conv2d.Same(2, 3), new BatchNorm2d()]), new Tanh()]),
            new TensorShape(2, 4, 5), 2);
}
