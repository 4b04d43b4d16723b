using GpuAE.Layers;

namespace GpuAE.Models;

/// <summary>The convolutional autoencoders of the catalog; each takes and returns 1 x 28 x 28 images.</summary>
internal static class ConvModels
{
    private const InitScheme He = InitScheme.He, Glorot = InitScheme.Glorot;

    /// <summary>
    /// The Keras blog's convolutional autoencoder: 28 -> 14 -> 7 -> 4 (ceil pooling, Keras'
    /// padding="same") -> 8 -> 16 -> 14 (valid conv) -> 28; 49,761 parameters.
    /// </summary>
    public static List<Layer> Keras(ModelConfig c) =>
    [
        Conv2d.Same(64, 3, He), new ReLU(), new MaxPool2d(),
        Conv2d.Same(32, 3, He), new ReLU(), new MaxPool2d(),
        Conv2d.Same(16, 3, He), new ReLU(), new MaxPool2d(ceilMode: true),
        Conv2d.Same(16, 3, He), new ReLU(), new Upsample2d(),
        Conv2d.Same(32, 3, He), new ReLU(), new Upsample2d(),
        new Conv2d(64, 3, init: He), new ReLU(), new Upsample2d(),
        Conv2d.Same(1, 3), new Sigmoid(),
    ];

    /// <summary>Conv/LeakyReLU/pool twice to 32 x 7 x 7, two stride-2 transposed convolutions back to 28 x 28.</summary>
    public static List<Layer> Mnist(ModelConfig c) =>
    [
        Conv2d.Same(32, 3, He), new LeakyReLU(), new MaxPool2d(),
        Conv2d.Same(32, 3, He), new LeakyReLU(), new MaxPool2d(),
        new ConvTranspose2d(32, 3, stride: 2, padding: 1, outputPadding: 1, init: He), new LeakyReLU(),
        new ConvTranspose2d(32, 3, stride: 2, padding: 1, outputPadding: 1, init: He), new LeakyReLU(),
        Conv2d.Same(1, 3), new Sigmoid(),
    ];

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
    /// A Keras-style CNN autoencoder: Conv 32, 32 (tanh, batch-normalised), pool, dropout 0.25,
    /// Conv 64, 64 (tanh, batch-normalised), pool, dropout 0.25, then Dense 256 (tanh) and
    /// Dense 784 reshaped to 1 x 28 x 28 and squashed by a sigmoid.
    /// </summary>
    public static List<Layer> CnnKeras(ModelConfig c) =>
    [
        Conv2d.Same(32, 3, Glorot), new Tanh(), new BatchNorm2d(),
        Conv2d.Same(32, 3, Glorot), new Tanh(), new BatchNorm2d(), new MaxPool2d(), new Dropout(0.25f),
        Conv2d.Same(64, 3, Glorot), new Tanh(), new BatchNorm2d(),
        Conv2d.Same(64, 3, Glorot), new Tanh(), new BatchNorm2d(), new MaxPool2d(), new Dropout(0.25f),
        new Flatten(), new Dense(256), new Tanh(), new Dropout(0.25f),
        new Dense(c.InputChannels * c.InputHeight * c.InputWidth), new Reshape(c.InputChannels, c.InputHeight, c.InputWidth), new Sigmoid(),
    ];
}
