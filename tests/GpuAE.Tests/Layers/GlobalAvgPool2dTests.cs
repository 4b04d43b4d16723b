using GpuAE.Compute.Cpu;
using GpuAE.Layers;

namespace GpuAE.Tests.Layers;

/// <summary>Global average pooling: each channel's mean, and a backward that spreads the gradient evenly.</summary>
public sealed class GlobalAvgPool2dTests
{
    private readonly CpuAccelerator _acc = new();

    [Fact]
    public void Output_is_a_vector_of_one_value_per_channel() =>
        Assert.Equal(TensorShape.Vector(5), new GlobalAvgPool2d().InferOutputShape(new TensorShape(5, 7, 3)));

    [Fact]
    public void Forward_gives_the_mean_of_each_channel_of_each_sample()
    {
        var shape = new TensorShape(3, 4, 5);
        var x = TestData.Uniform(2 * shape.Size, 4);
        using var layer = new GlobalAvgPool2d();
        layer.Build(_acc, shape, 2, new ParameterInitializer(1), computeInputGradient: true);
        using var input = _acc.Allocate(x);
        layer.Forward(input, 2, training: false);
        var y = layer.Output.ToArray();
        for (int plane = 0; plane < 2 * 3; plane++)
            Assert.Equal(x.AsSpan(plane * 20, 20).ToArray().Average(), y[plane], 1e-5);
    }

    [Fact]
    public void Backward_matches_finite_differences() =>
        GradientCheck.Layer(_acc, new GlobalAvgPool2d(), new TensorShape(3, 5, 7), 3, TestData.Uniform(3 * 105, 8));

    [Fact]
    public void Backward_on_a_1x1_map_passes_the_gradient_through() =>
        GradientCheck.Layer(_acc, new GlobalAvgPool2d(), new TensorShape(4, 1, 1), 2, TestData.Uniform(8, 9));
}
