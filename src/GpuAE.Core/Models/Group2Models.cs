using GpuAE.Layers;

namespace GpuAE.Models;

/// <summary>
/// The Group2 report's six networks at their real size, for MNIST's 1 x 28 x 28 images: VGG-16,
/// AlexNet on images resized to 224 x 224 and ResNet-18, each as a denoiser (report sections 2.x.2)
/// and as a classifier (2.x.3). GpuAE's pooling is 2 x 2 with stride 2, so where the originals pool
/// otherwise (AlexNet's overlapping 3 x 3, ResNet's 3 x 3 stride-2, the report's 2 x 1 in VGG) a
/// 2 x 2 pool of the same or nearest output size stands in; AlexNet's local response normalisation
/// is left out (GpuAE has none). These are for GPUs: a VGG-16 denoiser step on 28 x 28 images costs
/// about 1.7 GFLOP per image, AlexNet at 224 x 224 several.
/// </summary>
internal static class Group2Models
{
    private const InitScheme He = InitScheme.He;

    /// <summary>
    /// VGG-16's thirteen 3x3 convolutions with the report's widths (section 2.1.2): 32, 64 | 128, 128 |
    /// 256 x 3 | 512 x 3 | 512 x 3, ReLU, a 2 x 2 max-pool after each block (28 -> 14 -> 7 -> 4 -> 2 -> 1;
    /// the report's 2 x 1 pools end at 1 x 4 x 512, GpuAE's 2 x 2 at 1 x 1 x 512).
    /// </summary>
    private static IEnumerable<Layer> Vgg16Encoder() =>
    [
        .. Convs(32, 64), new MaxPool2d(),
        .. Convs(128, 128), new MaxPool2d(),
        .. Convs(256, 256, 256), new MaxPool2d(ceilMode: true),
        .. Convs(512, 512, 512), new MaxPool2d(),
        .. Convs(512, 512, 512), new MaxPool2d(),
    ];

    /// <summary>
    /// The VGG-16 encoder and its mirror (section 2.1.2: "the inverse of the encoding process"): x2
    /// upsampling then conv 512 x 3, twice (1 -> 2 -> 4); upsampling to 8 and a 2 x 2 valid conv 256 to
    /// reach 7, conv 256 x 2; upsampling, conv 128 x 2 (14); upsampling, conv 64, conv 32 (28); conv 1 + sigmoid.
    /// </summary>
    public static List<Layer> Vgg16Denoiser(ModelConfig c) =>
    [
        .. Vgg16Encoder(),
        new Upsample2d(), .. Convs(512, 512, 512),
        new Upsample2d(), .. Convs(512, 512, 512),
        new Upsample2d(), new Conv2d(256, 2, init: He), new ReLU(), .. Convs(256, 256),
        new Upsample2d(), .. Convs(128, 128),
        new Upsample2d(), .. Convs(64, 32),
        Conv2d.Same(c.InputChannels, 3), new Sigmoid(),
    ];

    /// <summary>VGG-16 as a classifier ("all the layers of VGG-16", section 2.1.3): the encoder, then dense 4096, 4096 (ReLU, dropout 0.5) and the logits.</summary>
    public static List<Layer> Vgg16(ModelConfig c) =>
    [
        .. Vgg16Encoder(), new Flatten(),
        new Dense(4096, He), new ReLU(), new Dropout(0.5f),
        new Dense(4096, He), new ReLU(), new Dropout(0.5f),
        new Dense(c.Classes),
    ];

    /// <summary>Nearest-neighbour x8 (three x2 upsamplings): MNIST's 28 x 28 to AlexNet's 224 x 224 (section 2.2.2).</summary>
    private static IEnumerable<Layer> ResizeTo224() => [new Upsample2d(), new Upsample2d(), new Upsample2d()];

    /// <summary>
    /// AlexNet's convolutional part as the report's denoiser encoder (section 2.2.2): 224 -> conv 96 11x11
    /// stride 4 (56) -> pool (28) -> conv 256 5x5 -> pool (14) -> conv 384, 384, 256 3x3 -> pool: "an
    /// output with the size of 7*7"; the decoder inverts it with x2 upsampling and transposed
    /// convolutions back to 224 (the 11x11 stride-4 one last), and a learned 8x8 stride-8 convolution
    /// brings the 224 x 224 reconstruction to MNIST's 28 x 28, where the loss is taken.
    /// </summary>
    public static List<Layer> AlexNet224Denoiser(ModelConfig c) =>
    [
        .. ResizeTo224(),
        new Conv2d(96, 11, stride: 4, padding: 4, init: He), new ReLU(), new MaxPool2d(),
        Conv2d.Same(256, 5, He), new ReLU(), new MaxPool2d(),
        .. Convs(384, 384, 256), new MaxPool2d(),
        new Upsample2d(), .. TransposedConvs(384, 384, 256),
        new Upsample2d(), new ConvTranspose2d(96, 5, padding: 2, init: He), new ReLU(),
        new Upsample2d(), new ConvTranspose2d(32, 11, stride: 4, padding: 4, outputPadding: 1, init: He), new ReLU(),
        new Conv2d(c.InputChannels, 8, stride: 8), new Sigmoid(),
    ];

    /// <summary>
    /// The full AlexNet classifier on 224 x 224 (section 2.2.3): conv 96 11x11 stride 4 (55), pool (27),
    /// conv 256 5x5 (27), pool (13), conv 384, 384, 256 3x3, pool (6); dropout 0.5, dense 4096, dropout
    /// 0.5, dense 4096 (ReLU), the logits. 2 x 2 pools give the original's 55 -> 27 -> 13 -> 6.
    /// </summary>
    public static List<Layer> AlexNet224(ModelConfig c) =>
    [
        .. ResizeTo224(),
        new Conv2d(96, 11, stride: 4, padding: 2, init: He), new ReLU(), new MaxPool2d(),
        Conv2d.Same(256, 5, He), new ReLU(), new MaxPool2d(),
        .. Convs(384, 384, 256), new MaxPool2d(),
        new Flatten(), new Dropout(0.5f), new Dense(4096, He), new ReLU(), new Dropout(0.5f), new Dense(4096, He), new ReLU(),
        new Dense(c.Classes),
    ];

    /// <summary>ResNet-18's stem for 28 x 28: conv 64 7x7 stride 2 + BN + ReLU (14).</summary>
    private static IEnumerable<Layer> ResNetStem() => [new Conv2d(64, 7, stride: 2, padding: 3, init: He), new BatchNorm2d(), new ReLU()];

    /// <summary>
    /// ResNet-18 as the report's denoiser (section 2.3.2): stem, 2 x 2 max-pool (7), two basic blocks
    /// per stage at 64, 128, 256, 512 channels (7 -> 4 -> 2 -> 1: "28*28*1 into 1*1*512"); the decoder
    /// upsamples (x2) with a basic block per step (2, 4, 8, 16: 256, 128, 64, 64 channels), upsamples to
    /// 32, conv 32 + BN + ReLU, and a 5x5 valid conv to 28 x 28 ("a 1*5 convolution kernel for the last
    /// layer" read as one 5x5 filter) + sigmoid.
    /// </summary>
    public static List<Layer> ResNet18Denoiser(ModelConfig c) =>
    [
        .. ResNetStem(), new MaxPool2d(),
        .. Stage(64, 64), .. Stage(64, 128), .. Stage(128, 256), .. Stage(256, 512),
        new Upsample2d(), .. Block(512, 256, 1),
        new Upsample2d(), .. Block(256, 128, 1),
        new Upsample2d(), .. Block(128, 64, 1),
        new Upsample2d(), .. Block(64, 64, 1),
        new Upsample2d(), Conv2d.Same(32, 3, He), new BatchNorm2d(), new ReLU(),
        new Conv2d(c.InputChannels, 5), new Sigmoid(),
    ];

    /// <summary>
    /// ResNet-18 as the report's classifier (section 2.3.3): stem (14), stages at 64, 128, 256 channels
    /// (14 -> 7 -> 4; the last stage "removed ... so that the image size after the convolution layer is
    /// 4*4*256"), flatten and one dense layer.
    /// </summary>
    public static List<Layer> ResNet18(ModelConfig c) =>
    [
        .. ResNetStem(), .. Stage(64, 64), .. Stage(64, 128), .. Stage(128, 256),
        new Flatten(), new Dense(c.Classes),
    ];

    private static IEnumerable<Layer> Convs(params int[] widths) =>
        widths.SelectMany(w => new Layer[] { Conv2d.Same(w, 3, He), new ReLU() });

    private static IEnumerable<Layer> TransposedConvs(params int[] widths) =>
        widths.SelectMany(w => new Layer[] { new ConvTranspose2d(w, 3, padding: 1, init: He), new ReLU() });

    /// <summary>A ResNet stage: two basic blocks, the first strided (2) when the width changes.</summary>
    private static IEnumerable<Layer> Stage(int inChannels, int outChannels) =>
        [.. Block(inChannels, outChannels, inChannels == outChannels ? 1 : 2), .. Block(outChannels, outChannels, 1)];

    /// <summary>A basic block (conv 3x3-BN-ReLU-conv 3x3-BN + shortcut, ReLU after the sum); a 1x1 conv + BN shortcut when the shape changes.</summary>
    private static IEnumerable<Layer> Block(int inChannels, int outChannels, int stride)
    {
        var main = new List<Layer>
        {
            new Conv2d(outChannels, 3, stride, padding: 1, init: He), new BatchNorm2d(), new ReLU(),
            Conv2d.Same(outChannels, 3, He), new BatchNorm2d(),
        };
        List<Layer>? shortcut = inChannels != outChannels || stride != 1 ? [new Conv2d(outChannels, 1, stride, init: He), new BatchNorm2d()] : null;
        return [new ResidualBlock(main, shortcut), new ReLU()];
    }
}
