using GpuAE.Compute;
using GpuAE.Compute.Cpu;
using GpuAE.Layers;

namespace GpuAE.Tests.Layers;

public sealed class ResidualBlockTests
{
    private readonly CpuAccelerator _acc = new();

    private static ResidualBlock Basic(int channels) =>
        new([Conv2d.Same(channels, 3), new BatchNorm2d(), new ReLU(), Conv2d.Same(channels, 3), new BatchNorm2d()]);

    private static ResidualBlock Downsampling(int channels) =>
        new([new Conv2d(channels, 3, stride: 2, padding: 1), new BatchNorm2d(), new ReLU(), Conv2d.Same(channels, 3), new BatchNorm2d()],
            [new Conv2d(channels, 1, stride: 2), new BatchNorm2d()]);

    private ResidualBlock Built(ResidualBlock block, TensorShape input, int rows = 3)
    {
        block.Build(_acc, input, rows, new ParameterInitializer(7), computeInputGradient: true);
        return block;
    }

    private static float[] Sum(float[] a, float[] b, int n) => a.Take(n).Select((v, i) => v + b[i]).ToArray();

    [Fact]
    public void Identity_shortcut_output_is_the_main_branch_plus_the_input()
    {
        using var block = Built(Basic(2), new TensorShape(2, 4, 5));
        var x = TestData.Uniform(3 * 40, 1);
        using var input = _acc.Allocate(x);
        block.Forward(input, 3, training: true);
        Assert.Equal(Sum(block.Main[^1].Output.ToArray(), x, x.Length), block.Output.ToArray()[..x.Length]);
    }

    [Fact]
    public void Projection_shortcut_output_is_the_sum_of_both_branches()
    {
        using var block = Built(Downsampling(4), new TensorShape(2, 5, 7));
        using var input = _acc.Allocate(TestData.Uniform(3 * 70, 2));
        block.Forward(input, 3, training: true);
        int n = 3 * block.OutputShape.Size;
        Assert.Equal(new TensorShape(4, 3, 4), block.OutputShape);
        Assert.Equal(Sum(block.Main[^1].Output.ToArray(), block.Shortcut[^1].Output.ToArray(), n), block.Output.ToArray()[..n]);
    }

    [Fact]
    public void Identity_shortcut_input_gradient_is_the_main_branch_gradient_plus_the_output_gradient()
    {
        using var block = Built(Basic(2), new TensorShape(2, 4, 5));
        using var input = _acc.Allocate(TestData.Uniform(3 * 40, 3));
        var dy = TestData.Uniform(3 * 40, 4);
        using var outputGradient = _acc.Allocate(dy);
        block.Forward(input, 3, training: true);
        block.Backward(outputGradient, 3);
        Assert.Equal(Sum(block.Main[0].InputGradient!.ToArray(), dy, dy.Length), block.InputGradient!.ToArray()[..dy.Length]);
    }

    [Fact]
    public void Branches_of_different_shapes_are_refused_naming_both()
    {
        var block = new ResidualBlock([new Conv2d(4, 3, stride: 2, padding: 1)]);
        var e = Assert.Throws<ArgumentException>(() => block.InferOutputShape(new TensorShape(2, 6, 6)));
        Assert.Contains("main branch gives 4x3x3, the shortcut 2x6x6", e.Message);
    }

    [Fact]
    public void An_empty_main_branch_is_refused() =>
        Assert.Contains("main branch", Assert.Throws<ArgumentException>(() => new ResidualBlock([])).Message);

    [Fact]
    public void Parameters_and_state_are_the_sublayers_in_order_with_branch_prefixes()
    {
        using var block = Built(Downsampling(4), new TensorShape(2, 5, 7));
        Assert.Equal(
            ["main0.weight", "main0.bias", "main1.weight", "main1.bias", "main3.weight", "main3.bias", "main4.weight", "main4.bias",
             "short0.weight", "short0.bias", "short1.weight", "short1.bias"],
            block.Parameters.Select(p => p.Name));
        Assert.Equal(["main1.running_mean", "main1.running_var", "main4.running_mean", "main4.running_var", "short1.running_mean", "short1.running_var"],
            block.State.Select(s => s.Name));
        Assert.Same(((Conv2d)block.Main[0]).Weights.Value, block.Parameters[0].Value);
    }

    [Fact]
    public void Describe_lists_both_branches_on_one_line()
    {
        using var block = Built(Downsampling(32), new TensorShape(16, 8, 8));
        Assert.Equal("Residual[Conv2d 16->32 3x3 s2, BatchNorm2d, ReLU, Conv2d, BatchNorm2d | Conv2d 16->32 1x1 s2, BatchNorm2d]", block.Describe());
    }

    [Fact]
    public void Describe_of_an_identity_block_has_no_shortcut_part()
    {
        using var block = Built(Basic(4), new TensorShape(4, 6, 6));
        Assert.Equal("Residual[Conv2d, BatchNorm2d, ReLU, Conv2d, BatchNorm2d]", block.Describe());
    }

    [Fact]
    public void The_network_table_stays_aligned_around_a_long_residual_line()
    {
        using var network = new Network([Conv2d.Same(16, 3), Downsampling(32), new Flatten(), new Dense(3)]);
        network.Build(_acc, new TensorShape(1, 8, 8), 2, 1);
        var lines = network.Describe().ToList();
        int outputColumn = lines[0].IndexOf("output", StringComparison.Ordinal);
        foreach (var (line, layer) in lines.Skip(1).Zip(network.Layers))
            Assert.StartsWith(layer.OutputShape.ToString(), line[outputColumn..]);
    }

    [Fact]
    public void Network_parameter_count_includes_the_sublayers()
    {
        using var network = new Network([Downsampling(4)]);
        network.Build(_acc, new TensorShape(2, 5, 7), 2, seed: 1);
        long conv1 = 4 * 2 * 9 + 4, conv2 = 4 * 4 * 9 + 4, projection = 4 * 2 + 4, norms = 3 * 8;
        Assert.Equal(conv1 + conv2 + projection + norms, network.ParameterCount);
    }

    [Fact]
    public void Dispose_releases_the_sublayers_buffers()
    {
        long before = _acc.AllocatedBytes;
        Built(Downsampling(4), new TensorShape(2, 5, 7)).Dispose();
        Assert.Equal(before, _acc.AllocatedBytes);
    }

    [Fact]
    public void Dropout_inside_a_block_draws_its_masks_from_the_model_seed()
    {
        float[] Run(ulong seed)
        {
            using var network = new Network([new ResidualBlock([new Dropout(0.5f)])]);
            network.Build(_acc, TensorShape.Vector(64), 2, seed);
            using var input = _acc.Allocate(TestData.Uniform(128, 5));
            return network.Forward(input, 2, training: true).ToArray();
        }
        Assert.Equal(Run(3), Run(3));
        Assert.NotEqual(Run(3), Run(4));
    }
}
