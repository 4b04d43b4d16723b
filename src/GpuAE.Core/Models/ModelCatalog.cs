using GpuAE.Layers;

namespace GpuAE.Models;

/// <summary>The named models `--model` accepts, and how each is built from its config.</summary>
public static class ModelCatalog
{
    /// <summary>A catalog model: denoising autoencoders map images to images, classifiers images to class logits.</summary>
    public sealed record Entry(string Name, string Description, string DefaultLoss, Func<ModelConfig, List<Layer>> Build, ModelTask Task = ModelTask.Autoencoder)
    {
        public bool IsClassifier => Task == ModelTask.Classifier;
    }

    public static readonly IReadOnlyList<Entry> All =
    [
        new("dense", "denoising autoencoder of Vincent et al. 2008: 784 -> H (sigmoid) -> 784 (sigmoid); --hidden H (default 1000)", "bce", DenseAutoencoder),
        new("conv-keras", "the Windsor report's convolutional autoencoder: conv 64, 32, 16 (3x3 ReLU, same) each with 2x2 max-pooling (last ceil: 7 -> 4); conv 16, 32 each with x2 upsampling, conv 64 valid (16 -> 14), x2 upsampling, linear conv 1; 49,761 parameters", "mse", ConvModels.Keras),
        new("conv-mnist", "the IJESRT denoiser: conv 32 3x3 same + LeakyReLU(0.2) + 2x2 max-pool, twice (28x28x1 -> 7x7x32); conv 32 3x3 same + LeakyReLU; transposed conv 32 3x3 stride 2 (padding 1, output padding 1) + LeakyReLU, twice; conv 1 3x3 same + sigmoid", "bce", ConvModels.Mnist),
        new("conv-linear", "strided convs 1->8->16 (BatchNorm)->32 (28 -> 14 -> 7 -> 3), flatten 288, dense 128, dense --latent L (default 4); mirrored decoder with dense 128, 288, transposed convs 32->16->8->1 (BatchNorm) and sigmoid", "mse", ConvModels.Linear),
        new("lenet", "LeNet-5 for 28x28: conv 6 5x5 (pad 2) ReLU, 2x2 max-pool, conv 16 5x5 ReLU, max-pool, dense 120, 84 (ReLU), 10 logits", "softmax-ce", ClassifierModels.LeNet, ModelTask.Classifier),
        new("vgg-small", "VGG-style for 28x28: blocks of two conv 3x3 same + BatchNorm + ReLU, 16, 32, 64 channels, each closed by 2x2 max-pool (28 -> 14 -> 7 -> 3); flatten 576, dense 128 ReLU, dropout 0.5, 10 logits; 147,386 parameters", "softmax-ce", ClassifierModels.VggSmall, ModelTask.Classifier),
        new("resnet-small", "ResNet-18-style for 28x28: conv 16 3x3 + BatchNorm + ReLU; three stages of two basic blocks (conv 3x3-BN-ReLU-conv 3x3-BN + shortcut, ReLU after the add) at 16 @ 28x28, 32 @ 14x14, 64 @ 7x7, stride-2 first conv and 1x1 stride-2 conv + BN projection between stages; global average pooling, dense 10; 175,530 parameters", "softmax-ce", ClassifierModels.ResNetSmall, ModelTask.Classifier),
        new("alexnet-small", "AlexNet-style for 28x28: conv 32 5x5 same ReLU, max-pool; conv 64 3x3 ReLU, max-pool; conv 64, 64, 64 3x3 ReLU, max-pool (28 -> 14 -> 7 -> 3); flatten 576, dropout 0.5, dense 128 ReLU, dropout 0.5, dense 128 ReLU, 10 logits; 221,770 parameters", "softmax-ce", ClassifierModels.AlexNetSmall, ModelTask.Classifier),
        new("vgg-dae", "VGG-style denoiser: conv 16, 16 (3x3 + BatchNorm + ReLU), max-pool, conv 32, 32, max-pool (-> 32x7x7); x2 upsampling, conv 32, 16, x2 upsampling, conv 16, conv 1 3x3 + sigmoid; 33,025 parameters", "bce", DeepDenoiserModels.Vgg),
        new("resnet-dae", "ResNet-style denoiser: conv 16 3x3 + BatchNorm + ReLU, basic blocks 16->32 and 32->64 (stride 2, 1x1 projection shortcuts; -> 64x7x7); transposed conv 32 3x3 stride 2 + BN + ReLU, basic block 32, transposed conv 16 3x3 stride 2 + BN + ReLU, conv 1 3x3 + sigmoid; 114,689 parameters", "bce", DeepDenoiserModels.ResNet),
        new("alexnet-dae", "AlexNet-style denoiser: conv 32 5x5 ReLU, max-pool, conv 64 3x3 ReLU, max-pool, conv 64 3x3 ReLU (-> 64x7x7); transposed conv 32, 16 (3x3 stride 2) ReLU, conv 1 5x5 + sigmoid; 79,745 parameters", "bce", DeepDenoiserModels.AlexNet),
        new("vgg16-dae", "the Group2 report's VGG-16 denoiser: VGG-16's 13 3x3 ReLU convs (32, 64 | 128 x 2 | 256 x 3 | 512 x 3 | 512 x 3, 2x2 max-pool after each block: 28 -> 1x1x512) and their mirror with x2 upsampling, conv 1 + sigmoid; for GPUs", "bce", Group2Models.Vgg16Denoiser),
        new("alexnet224-dae", "the Group2 report's AlexNet denoiser: x8 upsampling to 224x224, AlexNet's convs (96 11x11 s4, 256 5x5, 384, 384, 256 3x3) with 2x2 max-pools to 256x7x7, mirrored with upsampling and transposed convs to 224, an 8x8 stride-8 conv to 28x28, sigmoid; for GPUs", "bce", Group2Models.AlexNet224Denoiser),
        new("resnet18-dae", "the Group2 report's ResNet-18 denoiser: conv 64 7x7 s2 + BN, max-pool, basic-block stages 64, 128, 256, 512 (-> 512x1x1); decoder of x2 upsampling + basic blocks to 32x32, a 5x5 valid conv to 28x28, sigmoid; for GPUs", "bce", Group2Models.ResNet18Denoiser),
        new("vgg16", "VGG-16 classifier for 28x28 (Group2 report): the 13 convs of vgg16-dae's encoder, dense 4096, 4096 (ReLU, dropout 0.5), 10 logits; for GPUs", "softmax-ce", Group2Models.Vgg16, ModelTask.Classifier),
        new("alexnet224", "AlexNet classifier on MNIST resized to 224x224 (Group2 report): conv 96 11x11 s4, 256 5x5, 384, 384, 256 3x3 with 2x2 max-pools (55 -> 27 -> 13 -> 6), dropout 0.5, dense 4096, 4096, 10 logits; for GPUs", "softmax-ce", Group2Models.AlexNet224, ModelTask.Classifier),
        new("resnet18", "ResNet-18 classifier without its last stage (Group2 report): conv 64 7x7 s2 + BN, basic-block stages 64, 128, 256 (-> 256x4x4), flatten, dense 10; for GPUs", "softmax-ce", Group2Models.ResNet18, ModelTask.Classifier),
        new("stacked", "stacked denoising autoencoder (Vincent et al. 2010): sigmoid layers of ModelConfig.Units (default 500, 300, 100), then 10 logits; pretrained and fine-tuned by `gpuae stacked`", "softmax-ce", StackedModel.Build, ModelTask.Classifier),
        new("cnn-keras", "the Windsor report's CNN denoiser: valid 3x3 convs 32, 64 (tanh), each with 2x2 max-pool, BatchNorm, dropout 0.2; valid convs 128, 128 (tanh, BatchNorm; -> 1x1); flatten, dropout 0.2, dense 328, dropout 0.2, dense 784 (linear), reshape 1x28x28", "mse", ConvModels.CnnKeras),
    ];

    /// <summary>Finds a model and checks it does the task the command needs (one clear line otherwise).</summary>
    public static Entry Find(string name, ModelTask task)
    {
        var entry = Find(name);
        if (entry.Task != task)
            throw new ArgumentException($"--model: '{entry.Name}' is a {Describe(entry.Task)}, this command needs a {Describe(task)} (available: {string.Join(", ", All.Where(e => e.Task == task).Select(e => e.Name))})");
        return entry;
    }

    private static string Describe(ModelTask t) => t == ModelTask.Classifier ? "classifier" : "denoising autoencoder";

    public static Entry Find(string name) =>
        All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"--model: unknown model '{Text.Printable.Of(name)}' (available: {string.Join(", ", All.Select(e => e.Name))})");

    public static Network Create(ModelConfig config) => new(Find(config.Name).Build(config));

    private static List<Layer> DenseAutoencoder(ModelConfig c)
    {
        if (c.Hidden <= 0) throw new ArgumentException($"--hidden must be positive, got {c.Hidden}");
        int pixels = c.InputChannels * c.InputHeight * c.InputWidth;
        return [new Dense(c.Hidden), new Sigmoid(), new Dense(pixels), new Sigmoid()];
    }
}

public enum ModelTask { Autoencoder, Classifier }
