using GpuAE.Compute.Cpu;
using GpuAE.Layers;

namespace GpuAE.Tests.Layers;

public sealed class LayerGradientTests
{
    private readonly CpuAccelerator _acc = new();

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 7, 5)]
    [InlineData(5, 13, 17)]
    public void Dense_backward_matches_finite_differences(int rows, int inputs, int outputs) =>
        GradientCheck.Layer(_acc, new Dense(outputs), TensorShape.Vector(inputs), rows, TestData.Uniform(rows * inputs, 1));

    [Fact]
    public void Dense_with_he_init_backward_matches_finite_differences() =>
        GradientCheck.Layer(_acc, new Dense(9, InitScheme.He), TensorShape.Vector(6), 4, TestData.Uniform(24, 2));

    [Fact]
    public void Sigmoid_backward_matches_finite_differences() =>
        GradientCheck.Layer(_acc, new Sigmoid(), TensorShape.Vector(11), 3, TestData.Uniform(33, 3, -3f, 3f));

    [Fact]
    public void Tanh_backward_matches_finite_differences() =>
        GradientCheck.Layer(_acc, new Tanh(), TensorShape.Vector(11), 3, TestData.Uniform(33, 4, -2f, 2f));

    [Fact]
    public void ReLU_backward_matches_finite_differences() =>
        GradientCheck.Layer(_acc, new ReLU(), TensorShape.Vector(13), 3, TestData.AwayFromZero(39, 5));

    [Fact]
    public void LeakyReLU_backward_matches_finite_differences() =>
        GradientCheck.Layer(_acc, new LeakyReLU(0.2f), TensorShape.Vector(13), 3, TestData.AwayFromZero(39, 6));
}
