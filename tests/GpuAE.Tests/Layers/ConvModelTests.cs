using GpuAE.Checkpoints;
using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Models;

namespace GpuAE.Tests.Layers;

/// <summary>The convolutional models of the catalog: sizes, shapes, a training step, checkpoints.</summary>
public sealed class ConvModelTests : IDisposable
{
    private readonly CpuAccelerator _acc = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("gpuae-conv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Network Build(string name, int batch)
    {
        var network = ModelCatalog.Create(new ModelConfig { Name = name });
        network.Build(_acc, new TensorShape(1, 28, 28), batch, seed: 7);
        return network;
    }

    [Fact]
    public void Conv_keras_has_exactly_49761_parameters()
    {
        using var network = Build("conv-keras", 1);
        Assert.Equal(49_761, network.ParameterCount);
    }

    [Fact]
    public void Cnn_keras_has_the_541208_trainable_parameters_of_the_windsor_authors_train_cnn_py()
    {
        using var network = Build("cnn-keras", 1);
        Assert.Equal(541_208, network.ParameterCount); // Keras counts batch norm's scale and shift as trainable, its running statistics not
        Assert.Equal(new TensorShape(128, 1, 1), network.Layers.OfType<Conv2d>().Last().OutputShape);
    }

    [Fact]
    public void Conv_mnist_has_the_ijesrt_decoders_conv_32_at_7x7_before_its_two_transposed_convolutions()
    {
        using var network = Build("conv-mnist", 1);
        var convs = network.Layers.Where(l => l is Conv2d or ConvTranspose2d).ToList();
        Assert.Equal(6, convs.Count);
        Assert.IsType<Conv2d>(convs[2]);
        Assert.Equal(new TensorShape(32, 7, 7), convs[2].OutputShape);
        Assert.Equal(37_601, network.ParameterCount);
    }

    /// <summary>Windsor's models regress pixels through a linear output; the others end in a sigmoid.</summary>
    private static bool LinearOutput(string name) => name is "conv-keras" or "cnn-keras";

    [Theory]
    [InlineData("conv-keras")]
    [InlineData("conv-mnist")]
    [InlineData("conv-linear")]
    [InlineData("cnn-keras")]
    public void Model_maps_1x28x28_images_to_1x28x28_images(string name)
    {
        using var network = Build(name, 2);
        Assert.Equal(new TensorShape(1, 28, 28), network.OutputShape);
    }

    [Theory]
    [InlineData("conv-keras")]
    [InlineData("conv-mnist")]
    [InlineData("conv-linear")]
    [InlineData("cnn-keras")]
    public void Model_runs_a_finite_forward_and_backward_pass(string name)
    {
        using var network = Build(name, 3);
        using var x = _acc.Allocate(TestData.Images(3, 28, 28, 1));
        var y = network.Forward(x, 3, training: true).ToArray();
        Assert.All(y.AsSpan(0, 3 * 784).ToArray(), v => Assert.True(LinearOutput(name) ? float.IsFinite(v) : v is >= 0f and <= 1f, $"output {v}"));
        using var g = _acc.Allocate(TestData.Uniform(3 * 784, 2));
        network.Backward(g, 3, network.Layers.Count - 1);
        foreach (var p in network.Parameters) Assert.All(p.Gradient.ToArray(), v => Assert.True(float.IsFinite(v), $"{p.Name} gradient"));
    }

    [Fact]
    public void Conv_linear_checkpoint_round_trip_keeps_batchnorm_running_statistics()
    {
        var config = new ModelConfig { Name = "conv-linear", Latent = 6, Loss = "mse" };
        using var original = ModelCatalog.Create(config);
        original.Build(_acc, new TensorShape(1, 28, 28), 4, seed: 3);
        using var x = _acc.Allocate(TestData.Images(4, 28, 28, 4));
        for (int i = 0; i < 3; i++) original.Forward(x, 4, training: true); // moves the running statistics off 0 and 1
        string path = Path.Combine(_dir, "model.gae");
        Checkpoint.Save(path, config, original);

        var (loadedConfig, loaded) = Checkpoint.Load(path, _acc, 4);
        using var _ = loaded;
        Assert.Equal(6, loadedConfig.Latent);
        var before = original.Layers.SelectMany(l => l.State).Select(s => s.Value.ToArray()).ToList();
        var after = loaded.Layers.SelectMany(l => l.State).Select(s => s.Value.ToArray()).ToList();
        Assert.Equal(3 * 2, before.Count);
        Assert.Equal(before, after);
        Assert.DoesNotContain(before, s => s.All(v => v is 0f or 1f));
        var expected = original.Forward(x, 4, training: false).ToArray();
        Assert.Equal(expected, loaded.Forward(x, 4, training: false).ToArray());
    }
}
