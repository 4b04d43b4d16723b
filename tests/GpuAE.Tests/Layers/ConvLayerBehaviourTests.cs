using GpuAE.Compute.Cpu;
using GpuAE.Layers;

namespace GpuAE.Tests.Layers;

/// <summary>Shapes, modes and errors of the convolutional layers.</summary>
public sealed class ConvLayerBehaviourTests
{
    private readonly CpuAccelerator _acc = new();

    private T Build<T>(T layer, TensorShape input, int rows) where T : Layer
    {
        layer.Build(_acc, input, rows, new ParameterInitializer(5), computeInputGradient: true);
        return layer;
    }

    [Fact]
    public void BatchNorm2d_eval_mode_normalises_with_the_running_statistics()
    {
        var bn = Build(new BatchNorm2d(), new TensorShape(2, 3, 3), 4);
        using var x = _acc.Allocate(TestData.Uniform(4 * 18, 1, -1f, 3f));
        bn.Forward(x, 4, training: true);
        var mean = bn.RunningMean.Value.ToArray(); var variance = bn.RunningVar.Value.ToArray();
        Assert.All(mean, m => Assert.NotEqual(0f, m));
        bn.Forward(x, 4, training: false);
        var input = x.ToArray(); var y = bn.Output.ToArray();
        for (int i = 0; i < 4 * 18; i++)
        {
            int c = i / 9 % 2;
            Assert.Equal((input[i] - mean[c]) / Math.Sqrt(variance[c] + 1e-5), y[i], 1e-4);
        }
    }

    [Fact]
    public void BatchNorm2d_exposes_running_statistics_as_state_not_parameters()
    {
        var bn = Build(new BatchNorm2d(), new TensorShape(3, 2, 2), 2);
        Assert.Equal(["weight", "bias"], bn.Parameters.Select(p => p.Name));
        Assert.Equal(["running_mean", "running_var"], bn.State.Select(s => s.Name));
        Assert.Equal([0f, 0f, 0f], bn.RunningMean.Value.ToArray());
        Assert.Equal([1f, 1f, 1f], bn.RunningVar.Value.ToArray());
    }

    [Fact]
    public void Dropout_in_eval_mode_is_the_identity()
    {
        var dropout = Build(new Dropout(0.5f), TensorShape.Vector(50), 3);
        var values = TestData.Uniform(150, 2);
        using var x = _acc.Allocate(values);
        dropout.Forward(x, 3, training: false);
        Assert.Equal(values, dropout.Output.ToArray());
    }

    [Fact]
    public void Dropout_gradient_passes_exactly_where_the_forward_pass_kept_values()
    {
        var dropout = Build(new Dropout(0.4f), new TensorShape(2, 5, 7), 3);
        var values = TestData.AwayFromZero(3 * 70, 3);
        using var x = _acc.Allocate(values);
        dropout.Forward(x, 3, training: true);
        var y = dropout.Output.ToArray();
        var gy = TestData.Uniform(3 * 70, 4);
        using var dgy = _acc.Allocate(gy);
        dropout.Backward(dgy, 3);
        var gx = dropout.InputGradient!.ToArray();
        for (int i = 0; i < 3 * 70; i++)
            Assert.Equal(y[i] == 0 ? 0f : gy[i] / (1 - 0.4), gx[i], 1e-5);
    }

    [Fact]
    public void Dropout_draws_a_new_mask_every_training_pass()
    {
        var dropout = Build(new Dropout(0.5f), TensorShape.Vector(64), 2);
        using var x = _acc.Allocate(TestData.AwayFromZero(128, 5));
        dropout.Forward(x, 2, training: true);
        var first = dropout.Output.ToArray();
        dropout.Forward(x, 2, training: true);
        Assert.NotEqual(first, dropout.Output.ToArray());
    }

    [Fact]
    public void Dropout_keeps_its_next_mask_through_a_shapes_only_pass()
    {
        using var x = _acc.Allocate(TestData.AwayFromZero(128, 5));
        var fresh = Build(new Dropout(0.5f), TensorShape.Vector(64), 2);
        fresh.Forward(x, 2, training: true);
        var tuned = Build(new Dropout(0.5f), TensorShape.Vector(64), 2);
        _acc.ShapesOnly = true; // what kernel tuning does before training starts
        try { tuned.Forward(x, 2, training: true); }
        finally { _acc.ShapesOnly = false; }
        tuned.Forward(x, 2, training: true);
        Assert.Equal(fresh.Output.ToArray(), tuned.Output.ToArray());
    }

    [Theory]
    [InlineData(5, 7, 1, 3, 4)]
    [InlineData(5, 7, 2, 2, 3)]
    public void MaxPool2d_output_shape_follows_the_mode(int h, int w, int ceil, int oh, int ow) =>
        Assert.Equal(new TensorShape(2, oh, ow), new MaxPool2d(ceil == 1).InferOutputShape(new TensorShape(2, h, w)));

    [Fact]
    public void ConvTranspose2d_output_size_follows_pytorch() =>
        Assert.Equal(new TensorShape(4, 14, 14), new ConvTranspose2d(4, 3, stride: 2, padding: 1, outputPadding: 1).InferOutputShape(new TensorShape(2, 7, 7)));

    [Fact]
    public void Same_padding_keeps_the_size() =>
        Assert.Equal(new TensorShape(6, 5, 7), Conv2d.Same(6, 5).InferOutputShape(new TensorShape(1, 5, 7)));

    [Fact]
    public void Same_padding_with_an_even_kernel_is_rejected() =>
        Assert.Contains("odd kernel", Assert.Throws<ArgumentException>(() => Conv2d.Same(3, 4)).Message);

    [Fact]
    public void A_kernel_that_does_not_fit_names_the_input() =>
        Assert.Contains("1x2x2", Assert.Throws<ArgumentException>(() => new Conv2d(1, 5).InferOutputShape(new TensorShape(1, 2, 2))).Message);

    [Fact]
    public void Output_padding_not_below_stride_is_rejected() =>
        Assert.Throws<ArgumentException>(() => new ConvTranspose2d(1, 3, stride: 2, outputPadding: 2));

    [Fact]
    public void Reshape_to_a_different_size_is_rejected() =>
        Assert.Contains("cannot view", Assert.Throws<ArgumentException>(() => new Reshape(2, 3, 3).InferOutputShape(TensorShape.Vector(17))).Message);
}
