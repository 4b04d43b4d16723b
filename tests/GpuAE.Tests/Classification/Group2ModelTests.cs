using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Models;

namespace GpuAE.Tests.Classification;

/// <summary>The six Group2 networks built once (batch 1) for all the tests of <see cref="Group2ModelTests"/>.</summary>
public sealed class Group2Models : IDisposable
{
    private readonly Dictionary<string, Network> _built = new();

    public CpuAccelerator Accelerator { get; } = new();

    public Network this[string name]
    {
        get
        {
            lock (_built)
            {
                if (_built.TryGetValue(name, out var network)) return network;
                var task = ModelCatalog.Find(name).Task;
                network = ModelCatalog.Create(new ModelConfig { Name = name, Loss = task == ModelTask.Classifier ? "softmax-ce" : "bce" });
                network.Build(Accelerator, new TensorShape(1, 28, 28), 1, seed: 3);
                return _built[name] = network;
            }
        }
    }

    public void Dispose()
    {
        foreach (var n in _built.Values) n.Dispose();
        Accelerator.Dispose();
    }
}

/// <summary>The Group2 report's networks at their real size: the sizes its text gives, stage by stage.</summary>
public sealed class Group2ModelTests(Group2Models models) : IClassFixture<Group2Models>
{
    private static TensorShape Bottleneck(Network n) => n.Layers.MinBy(l => l.OutputShape.Size)!.OutputShape;

    [Theory]
    [InlineData("vgg16-dae")]
    [InlineData("alexnet224-dae")]
    [InlineData("resnet18-dae")]
    public void A_real_size_denoiser_maps_a_28x28_image_to_a_28x28_image_in_0_to_1(string name)
    {
        var network = models[name];
        Assert.Equal(new TensorShape(1, 28, 28), network.OutputShape);
        using var x = models.Accelerator.Allocate(TestData.Images(1, 28, 28, 1));
        Assert.All(network.Forward(x, 1, training: false).ToArray().AsSpan(0, 784).ToArray(), v => Assert.InRange(v, 0f, 1f));
    }

    [Theory]
    [InlineData("vgg16")]
    [InlineData("alexnet224")]
    [InlineData("resnet18")]
    public void A_real_size_classifier_gives_ten_finite_logits(string name)
    {
        var network = models[name];
        Assert.Equal(10, network.OutputShape.Size);
        using var x = models.Accelerator.Allocate(TestData.Images(1, 28, 28, 2));
        Assert.All(network.Forward(x, 1, training: false).ToArray().AsSpan(0, 10).ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Vgg16_has_thirteen_convolutions_down_to_512_channels_at_1x1()
    {
        Assert.Equal(13, models["vgg16"].Layers.OfType<Conv2d>().Count());
        Assert.Equal(new TensorShape(512, 1, 1), models["vgg16"].Layers.OfType<MaxPool2d>().Last().OutputShape);
        Assert.Equal(new TensorShape(512, 1, 1), Bottleneck(models["vgg16-dae"]));
    }

    [Fact]
    public void Alexnet_sees_224x224_and_its_denoiser_encodes_to_the_reports_7x7()
    {
        var denoiser = models["alexnet224-dae"];
        Assert.Equal(new TensorShape(1, 224, 224), denoiser.Layers[2].OutputShape);
        Assert.Equal(new TensorShape(96, 56, 56), denoiser.Layers[3].OutputShape);
        Assert.Equal(new TensorShape(256, 7, 7), denoiser.Layers.OfType<MaxPool2d>().Last().OutputShape);
        Assert.Equal([new TensorShape(96, 27, 27), new TensorShape(256, 13, 13), new TensorShape(256, 6, 6)],
            models["alexnet224"].Layers.OfType<MaxPool2d>().Select(p => p.OutputShape));
    }

    [Fact]
    public void Resnet18_encodes_28x28_into_the_reports_1x1x512_and_classifies_from_4x4x256()
    {
        Assert.Equal(new TensorShape(512, 1, 1), Bottleneck(models["resnet18-dae"]));
        Assert.Equal(new TensorShape(256, 4, 4), models["resnet18"].Layers.OfType<Flatten>().Single().InputShape);
    }
}
