using GpuAE.Layers;

namespace GpuAE.Models;

/// <summary>
/// Denoising autoencoders with encoders from the classifier families (the Group2 report's deep
/// denoisers): each maps 1 x 28 x 28 images to 1 x 28 x 28 images through a 7 x 7 bottleneck and
/// ends in a sigmoid, so bce (the default) and mse both apply.
/// </summary>
internal static class DeepDenoiserModels
{
    private const InitScheme He = InitScheme.He;

    /// <summary>VGG blocks (two 3x3 conv + BN + ReLU, then max-pool) down to 32 x 7 x 7; mirrored with x2 upsampling.</summary>
    public static List<Layer> Vgg(ModelConfig c) =>
    [
        .. ConvBnRelu(16), .. ConvBnRelu(16), new MaxPool2d(),
        .. ConvBnRelu(32), .. ConvBnRelu(32), new MaxPool2d(),
        new Upsample2d(), .. ConvBnRelu(32), .. ConvBnRelu(16),
        new Upsample2d(), .. ConvBnRelu(16), Conv2d.Same(c.InputChannels, 3), new Sigmoid(),
    ];

    /// <summary>
    /// A ResNet stem and two strided basic blocks down to 64 x 7 x 7; the decoder mirrors them with
    /// stride-2 transposed convolutions (+ BN + ReLU) and a basic block at 14 x 14.
    /// </summary>
    public static List<Layer> ResNet(ModelConfig c) =>
    [
        .. ConvBnRelu(16),
        .. ResNetBlocks.Basic(16, 32), .. ResNetBlocks.Basic(32, 64),
        .. UpBnRelu(32), .. ResNetBlocks.Basic(32, 32),
        .. UpBnRelu(16), Conv2d.Same(c.InputChannels, 3), new Sigmoid(),
    ];

    /// <summary>AlexNet's large 5x5 first kernel and ReLU convolutions with max-pools to 64 x 7 x 7; transposed convolutions back.</summary>
    public static List<Layer> AlexNet(ModelConfig c) =>
    [
        Conv2d.Same(32, 5, He), new ReLU(), new MaxPool2d(),
        Conv2d.Same(64, 3, He), new ReLU(), new MaxPool2d(),
        Conv2d.Same(64, 3, He), new ReLU(),
        new ConvTranspose2d(32, 3, stride: 2, padding: 1, outputPadding: 1, init: He), new ReLU(),
        new ConvTranspose2d(16, 3, stride: 2, padding: 1, outputPadding: 1, init: He), new ReLU(),
        Conv2d.Same(c.InputChannels, 5), new Sigmoid(),
    ];

    private static IEnumerable<Layer> ConvBnRelu(int channels) => [Conv2d.Same(channels, 3, He), new BatchNorm2d(), new ReLU()];

    /// <summary>A stride-2 3x3 transposed convolution that doubles height and width, + BN + ReLU.</summary>
    private static IEnumerable<Layer> UpBnRelu(int channels) =>
        [new ConvTranspose2d(channels, 3, stride: 2, padding: 1, outputPadding: 1, init: He), new BatchNorm2d(), new ReLU()];
}
