using GpuAE.Analysis;
using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Models;

namespace GpuAE.Tests.Training;

public sealed class LatentCodesTests
{
    private static int Bottleneck(ModelConfig config)
    {
        using var acc = new CpuAccelerator();
        using var network = ModelCatalog.Create(config);
        network.Build(acc, new TensorShape(1, 28, 28), 2, 1);
        int layer = LatentCodes.BottleneckLayer(network);
        return network.Layers[layer].OutputShape.Size;
    }

    [Fact]
    public void An_overcomplete_dense_autoencoder_is_encoded_by_its_hidden_layer_not_its_output() =>
        Assert.Equal(1000, Bottleneck(new ModelConfig { Name = "dense", Hidden = 1000 }));

    [Fact]
    public void An_undercomplete_dense_autoencoder_is_encoded_by_its_hidden_layer() =>
        Assert.Equal(64, Bottleneck(new ModelConfig { Name = "dense", Hidden = 64 }));

    [Fact]
    public void The_conv_linear_model_is_encoded_by_its_latent_layer() =>
        Assert.Equal(4, Bottleneck(new ModelConfig { Name = "conv-linear", Latent = 4 }));
}
