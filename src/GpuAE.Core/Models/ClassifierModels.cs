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
}
