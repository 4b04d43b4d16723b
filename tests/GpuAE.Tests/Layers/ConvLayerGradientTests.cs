using GpuAE.Compute.Cpu;
using GpuAE.Layers;

namespace GpuAE.Tests.Layers;

/// <summary>Finite-difference checks of every convolutional layer at small awkward sizes.</summary>
public sealed class ConvLayerGradientTests
{
    private readonly CpuAccelerator _acc = new();

    private void Check(Layer layer, TensorShape input, int rows, float[]? x = null) =>
        GradientCheck.Layer(_acc, layer, input, rows, x ?? TestData.Uniform(rows * input.Size, 21));

    [Theory]
    [InlineData("im2col")]
    [InlineData("direct")]
    public void Conv2d_same_backward_matches_finite_differences(string variant)
    {
        _acc.Kernels.Set("conv", variant);
        Check(Conv2d.Same(3, 3), new TensorShape(2, 5, 7), 3);
    }

    [Fact]
    public void Conv2d_stride2_padded_backward_matches_finite_differences() =>
        Check(new Conv2d(3, 3, stride: 2, padding: 1), new TensorShape(2, 5, 7), 2);

    [Fact]
    public void Conv2d_even_kernel_unpadded_backward_matches_finite_differences() =>
        Check(new Conv2d(2, 2, stride: 1, padding: 0, init: InitScheme.He), new TensorShape(3, 5, 4), 2);

    [Fact]
    public void ConvTranspose2d_stride2_output_padding_backward_matches_finite_differences() =>
        Check(new ConvTranspose2d(3, 3, stride: 2, padding: 1, outputPadding: 1), new TensorShape(2, 5, 7), 2);

    [Fact]
    public void ConvTranspose2d_unpadded_backward_matches_finite_differences() =>
        Check(new ConvTranspose2d(2, 3, stride: 2), new TensorShape(3, 3, 4), 3);

    [Fact]
    public void ConvTranspose2d_with_uncovered_output_padding_rows_backward_matches_finite_differences() =>
        Check(new ConvTranspose2d(2, 3, stride: 3, padding: 0, outputPadding: 2), new TensorShape(2, 3, 2), 2);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MaxPool2d_backward_matches_finite_differences(bool ceil) =>
        Check(new MaxPool2d(ceil), new TensorShape(3, 5, 7), 2, TestData.Distinct(2 * 3 * 5 * 7, 22));

    [Fact]
    public void Upsample2d_backward_matches_finite_differences() =>
        Check(new Upsample2d(), new TensorShape(2, 3, 5), 3);

    [Fact]
    public void BatchNorm2d_training_backward_matches_finite_differences() =>
        Check(new BatchNorm2d(), new TensorShape(3, 5, 7), 2);

    [Fact]
    public void BatchNorm2d_on_vectors_backward_matches_finite_differences() =>
        Check(new BatchNorm2d(), TensorShape.Vector(5), 4);

    [Fact]
    public void Flatten_backward_matches_finite_differences() =>
        Check(new Flatten(), new TensorShape(2, 3, 5), 2);

    [Fact]
    public void Reshape_backward_matches_finite_differences() =>
        Check(new Reshape(3, 2, 5), TensorShape.Vector(30), 2);
}
