using GpuAE.Layers;

namespace GpuAE.Models;

/// <summary>The convolutional autoencoders of the catalog; each takes and returns 1 x 28 x 28 images.</summary>
internal static class ConvModels
{
    private const InitScheme He = InitScheme.He, Glorot = InitScheme.Glorot;

    /// <summary>
    /// The Windsor report's convolutional autoencoder (AutoEncoder.py in the authors' repository, a
    /// wider Keras-blog model): 28 -> 14 -> 7 -> 4 (ceil pooling, Keras' padding="same") -> 8 -> 16
    /// -> 14 (valid conv) -> 28, and a linear 3x3 output conv (no activation: the authors' model
    /// regresses pixels with MSE); 49,761 parameters.
    /// </summary>
    public static List<Layer> Keras(ModelConfig c) =>
    [
        Conv2d.Same(64, 3, He), new ReLU(), new MaxPool2d(),
        Conv2d.Same(32, 3, He), new ReLU(), new MaxPool2d(),
        Conv2d.Same(16, 3, He), new ReLU(), new MaxPool2d(ceilMode: true),
        Conv2d.Same(16, 3, He), new ReLU(), new Upsample2d(),
        Conv2d.Same(32, 3, He), new ReLU(), new Upsample2d(),
        new Conv2d(64, 3, init: He), new ReLU(), new Upsample2d(),
        Conv2d.Same(1, 3),
    ];

    /// <summary>
    /// The IJESRT paper's denoiser (its Figures 3 and 4): conv 32 + LeakyReLU + 2x2 max-pool, twice, to
    /// 32 x 7 x 7; the decoder's conv 32 at 7 x 7, two stride-2 transposed convolutions back to 28 x 28,
    /// and a conv 1 + sigmoid. LeakyReLU's alpha is TensorFlow's tf.nn.leaky_relu default, 0.2 (the
    /// paper names a hyperparameter alpha without a value).
    /// </summary>
    public static List<Layer> Mnist(ModelConfig c) =>
    [
        Conv2d.Same(32, 3, He), new LeakyReLU(MnistLeak), new MaxPool2d(),
        Conv2d.Same(32, 3, He), new LeakyReLU(MnistLeak), new MaxPool2d(),
        Conv2d.Same(32, 3, He), new LeakyReLU(MnistLeak),
        new ConvTranspose2d(32, 3, stride: 2, padding: 1, outputPadding: 1, init: He), new LeakyReLU(MnistLeak),
        new ConvTranspose2d(32, 3, stride: 2, padding: 1, outputPadding: 1, init: He), new LeakyReLU(MnistLeak),
        Conv2d.Same(1, 3), new Sigmoid(),
    ];

    public const float MnistLeak = 0.2f;

    /// <summary>Strided convolutions to 32 x 3 x 3, dense layers to a --latent vector, and the mirror image back.</summary>
    public static List<Layer> Linear(ModelConfig c)
    {
        if (c.Latent <= 0) throw new ArgumentException($"--latent must be positive, got {c.Latent}");
        return
        [
            new Conv2d(8, 3, stride: 2, padding: 1, init: He), new ReLU(),
            new Conv2d(16, 3, stride: 2, padding: 1, init: He), new BatchNorm2d(), new ReLU(),
            new Conv2d(32, 3, stride: 2, padding: 0, init: He), new ReLU(),
            new Flatten(), new Dense(128, He), new ReLU(), new Dense(c.Latent),
            new Dense(128, He), new ReLU(), new Dense(288, He), new ReLU(), new Reshape(32, 3, 3),
            new ConvTranspose2d(16, 3, stride: 2, outputPadding: 0, init: He), new BatchNorm2d(), new ReLU(),
            new ConvTranspose2d(8, 3, stride: 2, padding: 1, outputPadding: 1, init: He), new BatchNorm2d(), new ReLU(),
            new ConvTranspose2d(1, 3, stride: 2, padding: 1, outputPadding: 1), new Sigmoid(),
        ];
    }

    /// <summary>
    /// The Windsor report's CNN denoiser (train_cnn.py in the authors' repository): valid 3x3 convs
    /// 32 and 64 (tanh), each with 2x2 max-pool, batch norm and dropout 0.2 (28 -> 26 -> 13 -> 11 ->
    /// 5); valid 3x3 convs 128 and 128 (tanh, batch norm; 5 -> 3 -> 1), dropout 0.2 between; flatten,
    /// dropout 0.2, dense 328 (linear), dropout 0.2, dense 784 (linear) reshaped to 1 x 28 x 28.
    /// </summary>
    public static List<Layer> CnnKeras(ModelConfig c) =>
    [
        new Conv2d(32, 3, init: Glorot), new Tanh(), new MaxPool2d(), new BatchNorm2d(), new Dropout(0.2f),
        new Conv2d(64, 3, init: Glorot), new Tanh(), new MaxPool2d(), new BatchNorm2d(), new Dropout(0.2f),
        new Conv2d(128, 3, init: Glorot), new Tanh(), new BatchNorm2d(), new Dropout(0.2f),
        new Conv2d(128, 3, init: Glorot), new Tanh(), new BatchNorm2d(),
        new Flatten(), new Dropout(0.2f), new Dense(328), new Dropout(0.2f),
        new Dense(c.InputChannels * c.InputHeight * c.InputWidth), new Reshape(c.InputChannels, c.InputHeight, c.InputWidth),
    ];
}
