using GpuAE.Checkpoints;
using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Models;

namespace GpuAE.Tests.Classification;

/// <summary>The VGG, ResNet and AlexNet families of the catalog: sizes, shapes, tasks, checkpoints.</summary>
public sealed class DeepModelTests : IDisposable
{
    private readonly CpuAccelerator _acc = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("gpuae-deep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static readonly string[] Classifiers = ["vgg-small", "resnet-small", "alexnet-small"];
    public static readonly string[] Denoisers = ["vgg-dae", "resnet-dae", "alexnet-dae"];

    private Network Build(string name, int batch, ulong seed = 7)
    {
        var network = ModelCatalog.Create(new ModelConfig { Name = name });
        network.Build(_acc, new TensorShape(1, 28, 28), batch, seed);
        return network;
    }

    [Theory]
    [InlineData("vgg-small", 147_386)]
    [InlineData("resnet-small", 175_530)]
    [InlineData("alexnet-small", 221_770)]
    [InlineData("vgg-dae", 33_025)]
    [InlineData("resnet-dae", 114_689)]
    [InlineData("alexnet-dae", 79_745)]
    public void Model_has_the_parameter_count_its_description_gives(string name, int parameters)
    {
        using var network = Build(name, 1);
        Assert.Equal(parameters, network.ParameterCount);
        Assert.Contains($"{parameters:N0} parameters", ModelCatalog.Find(name).Description);
    }

    [Theory]
    [InlineData("vgg-small")]
    [InlineData("resnet-small")]
    [InlineData("alexnet-small")]
    public void Classifier_maps_an_image_to_ten_logits_and_is_catalogued_as_a_classifier(string name)
    {
        using var network = Build(name, 2);
        Assert.Equal(TensorShape.Vector(10), network.OutputShape);
        Assert.Equal(ModelTask.Classifier, ModelCatalog.Find(name).Task);
        Assert.Equal("softmax-ce", ModelCatalog.Find(name).DefaultLoss);
    }

    [Theory]
    [InlineData("vgg-dae")]
    [InlineData("resnet-dae")]
    [InlineData("alexnet-dae")]
    public void Denoiser_maps_1x28x28_images_to_1x28x28_images_in_0_to_1(string name)
    {
        using var network = Build(name, 3);
        Assert.Equal(new TensorShape(1, 28, 28), network.OutputShape);
        Assert.Equal(ModelTask.Autoencoder, ModelCatalog.Find(name).Task);
        Assert.IsType<Sigmoid>(network.Layers[^1]);
        using var x = _acc.Allocate(TestData.Images(3, 28, 28, 1));
        Assert.All(network.Forward(x, 3, training: false).ToArray().AsSpan(0, 3 * 784).ToArray(), v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void Resnet_small_has_three_stages_of_two_residual_blocks_with_projections_between_stages()
    {
        using var network = Build("resnet-small", 1);
        var blocks = network.Layers.OfType<ResidualBlock>().ToList();
        Assert.Equal(6, blocks.Count);
        Assert.Equal([false, false, true, false, true, false], blocks.Select(b => b.Shortcut.Count > 0));
        Assert.Equal([16, 16, 32, 32, 64, 64], blocks.Select(b => b.OutputShape.Channels));
        Assert.IsType<GlobalAvgPool2d>(network.Layers[^2]);
    }

    [Fact]
    public void Alexnet_small_has_three_max_pools_and_dropout_in_its_dense_head()
    {
        using var network = Build("alexnet-small", 1);
        Assert.Equal(3, network.Layers.OfType<MaxPool2d>().Count());
        Assert.Equal(5, ((Conv2d)network.Layers[0]).Kernel);
        Assert.All(network.Layers.OfType<Dropout>(), d => Assert.Equal(0.5f, d.Rate));
    }

    [Theory]
    [InlineData("resnet-small")]
    [InlineData("resnet-dae")]
    [InlineData("vgg-small")]
    public void Checkpoint_round_trip_reproduces_the_inference_outputs(string name)
    {
        var config = new ModelConfig { Name = name, Loss = ModelCatalog.Find(name).DefaultLoss };
        using var original = Build(name, 4, seed: 3);
        using var x = _acc.Allocate(TestData.Images(4, 28, 28, 4));
        for (int i = 0; i < 2; i++) original.Forward(x, 4, training: true); // moves the running statistics
        string path = Path.Combine(_dir, "model.gae");
        Checkpoint.Save(path, config, original);

        var (_, loaded) = Checkpoint.Load(path, _acc, 4);
        using var _ = loaded;
        var expected = original.Forward(x, 4, training: false).ToArray();
        Assert.Equal(expected, loaded.Forward(x, 4, training: false).ToArray());
    }
}
