using GpuAE.Layers;

namespace GpuAE.Models;

/// <summary>The classifiers of the catalog: 1 x 28 x 28 images in, ModelConfig.Classes logits out.</summary>
internal static class ClassifierModels
{
    private const InitScheme He = InitScheme.He;

    /// <summary>LeNet-5 (LeCun et al. 1998) with ReLU and max-pooling, padded so 28x28 inputs keep its 32x32 geometry.</summary>
    public static List<Layer> LeNet(ModelConfig c) =>
    [
        new Conv2d(6, 5, padding: 2, init: He), new ReLU(), new MaxPool2d(),
        new Conv2d(16, 5, init: He), new ReLU(), new MaxPool2d(),
        new Flatten(), new Dense(120, He), new ReLU(), new Dense(84, He), new ReLU(), new Dense(c.Classes),
    ];

    /// <summary>
    /// VGG (Simonyan and Zisserman 2015) shrunk to 28x28: three blocks of two 3x3 conv + BatchNorm +
    /// ReLU, each closed by a 2x2 max-pool (28 -> 14 -> 7 -> 3), then a dense head with dropout.
    /// </summary>
    public static List<Layer> VggSmall(ModelConfig c) =>
    [
        .. VggBlock(VggWidths[0]), .. VggBlock(VggWidths[1]), .. VggBlock(VggWidths[2]),
        new Flatten(), new Dense(VggHead, He), new ReLU(), new Dropout(0.5f), new Dense(c.Classes),
    ];

    public static readonly int[] VggWidths = [16, 32, 64];
    public const int VggHead = 128;

    private static IEnumerable<Layer> VggBlock(int channels) =>
    [
        Conv2d.Same(channels, 3, He), new BatchNorm2d(), new ReLU(),
        Conv2d.Same(channels, 3, He), new BatchNorm2d(), new ReLU(),
        new MaxPool2d(),
    ];

    /// <summary>
    /// ResNet-18's design (He et al. 2016) at CIFAR scale: a 3x3 stem, three stages of two basic
    /// blocks (16 @ 28x28, 32 @ 14x14, 64 @ 7x7), the first block of a later stage strided with a
    /// 1x1 projection shortcut, global average pooling and one dense layer.
    /// </summary>
    public static List<Layer> ResNetSmall(ModelConfig c)
    {
        var layers = new List<Layer> { Conv2d.Same(ResNetWidths[0], 3, He), new BatchNorm2d(), new ReLU() };
        int previous = ResNetWidths[0];
        foreach (int width in ResNetWidths)
        {
            layers.AddRange(ResNetBlocks.Basic(previous, width));
            layers.AddRange(ResNetBlocks.Basic(width, width));
            previous = width;
        }
        layers.AddRange([new GlobalAvgPool2d(), new Dense(c.Classes)]);
        return layers;
    }

    public static readonly int[] ResNetWidths = [16, 32, 64];

    /// <summary>
    /// AlexNet (Krizhevsky et al. 2012) adapted to 28x28 instead of resizing to 224: a large 5x5
    /// first kernel, five ReLU convolutions with three 2x2 max-pools (28 -> 14 -> 7 -> 3), and a
    /// two-layer dense head with dropout 0.5, as the original's.
    /// </summary>
    public static List<Layer> AlexNetSmall(ModelConfig c) =>
    [
        Conv2d.Same(32, 5, He), new ReLU(), new MaxPool2d(),
        Conv2d.Same(64, 3, He), new ReLU(), new MaxPool2d(),
        Conv2d.Same(64, 3, He), new ReLU(),
        Conv2d.Same(64, 3, He), new ReLU(),
        Conv2d.Same(64, 3, He), new ReLU(), new MaxPool2d(),
        new Flatten(), new Dropout(0.5f), new Dense(128, He), new ReLU(), new Dropout(0.5f), new Dense(128, He), new ReLU(), new Dense(c.Classes),
    ];
}
