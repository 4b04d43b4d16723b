using GpuAE.Losses;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Text;

namespace GpuAE.Models;

/// <summary>
/// How a model is trained when the command line is silent: the optimizer, learning rate, loss,
/// batch size, training noise and epochs of the study it comes from (the seed papers in
/// shared/seeds). <see cref="Note"/> says where the study is silent and what GpuAE chose, or
/// where GpuAE departs from it.
/// </summary>
public sealed record Recipe(OptimizerKind Optimizer, float LearningRate, LossKind Loss, int Batch, NoiseSpec Noise, int Epochs, string Source)
{
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;
    public string Note { get; init; } = "";

    public OptimizerSpec OptimizerSpec => new(Optimizer, LearningRate);

    /// <summary>"adam lr 0.001, mse, batch 128, saltpepper:0.1, 20 epochs" (what `gpuae models` prints).</summary>
    public string Summary =>
        $"{OptimizerSpec}{(Schedule == LearningRateSchedule.Constant ? "" : $" ({Schedule})")}, {Loss.Name()}, batch {Batch}, noise {Noise}, {Plural.Of(Epochs, "epoch")}";
}

/// <summary>The recipe of every catalog model (by name); a model without one trains with its task's fallback.</summary>
public static class ModelRecipes
{
    private const string Ogety = "Ogety report";
    private const string Windsor = "Windsor report";
    private const string Cs307 = "CS 307 report";
    private const string Ijesrt = "IJESRT paper";
    private const string Group2 = "Group2 report";

    private static readonly NoiseSpec GroupTwoNoise = NoiseSpec.Parse("saltpepper:0.2");

    public static readonly IReadOnlyDictionary<string, Recipe> Known = new Dictionary<string, Recipe>(StringComparer.OrdinalIgnoreCase)
    {
        ["dense"] = new(OptimizerKind.Sgd, 0.1f, LossKind.Bce, 128, NoiseSpec.Parse("mask:0.2"), 20, Ogety)
        {
            Note = "the report's lr 0.1, 1000 hidden units and 20 % masking; it ran 500 full-batch iterations on 5000 images (gpuae reproduce dense-lr) and names a squared-error cost, GpuAE uses the Theano tutorial's cross-entropy and minibatches of 128",
        },
        ["conv-keras"] = new(OptimizerKind.Adam, 1e-3f, LossKind.Mse, 128, NoiseSpec.Parse("saltpepper:0.1"), 20, Windsor)
        {
            Note = "Adam, MSE and salt-and-pepper 0.1 as the report; its authors' code trains 1000 epochs of batch 2048 (gpuae reproduce conv-saltpepper), GpuAE defaults to 20 of 128",
        },
        ["cnn-keras"] = new(OptimizerKind.Adam, 1e-3f, LossKind.Mse, 128, NoiseSpec.Parse("saltpepper:0.1"), 20, Windsor)
        {
            Note = "Adam, MSE and salt-and-pepper 0.1 as the report; it trained 600 epochs of batch 1000 (its authors' code), GpuAE defaults to 20 of 128 (--epochs 600 --batch 1000 for the report's)",
        },
        ["conv-linear"] = new(OptimizerKind.Adam, 1e-3f, LossKind.Mse, 128, NoiseSpec.Parse("erase"), 20, Cs307)
        {
            Note = "20 epochs and random erasing (the report's best noise); it gives no optimizer or batch size (Adam 0.001, batch 128 of the model it builds on)",
        },
        ["conv-mnist"] = new(OptimizerKind.Adam, 1e-3f, LossKind.Bce, 64, NoiseSpec.Parse("gaussian:0.5"), 25, Ijesrt)
        {
            Note = "Adam, cross-entropy, Gaussian noise 0.5, batch 64 and 25 epochs as the paper",
        },
        ["vgg-dae"] = new(OptimizerKind.Adam, 1e-3f, LossKind.Bce, 128, GroupTwoNoise, 100, Group2)
        {
            Note = "100 epochs at batch 128 as the report; it names no optimizer or loss for the VGG denoiser (Adam 0.001, cross-entropy as its other denoisers); random pixel noise read as saltpepper:0.2",
        },
        ["resnet-dae"] = new(OptimizerKind.Adadelta, 1f, LossKind.Bce, 128, GroupTwoNoise, 50, Group2)
        {
            Note = "Adadelta, binary cross-entropy, batch 128 and 50 epochs as the report (Adadelta's usual rate 1); random pixel noise read as saltpepper:0.2",
        },
        ["alexnet-dae"] = new(OptimizerKind.Adadelta, 1f, LossKind.Bce, 128, GroupTwoNoise, 100, Group2)
        {
            Note = "Adadelta, binary cross-entropy and 100 epochs as the report; no batch size given (128, as its ResNet denoiser)",
        },
        ["vgg-small"] = new(OptimizerKind.Adam, 1e-3f, LossKind.SoftmaxCrossEntropy, 32, NoiseSpec.None, 10, Group2)
        {
            Schedule = LearningRateSchedule.Cosine,
            Note = "10 epochs at batch 32 on clean images as the report; it names no optimizer (Adam 0.001 with a cosine schedule, which settles batch norm's running statistics)",
        },
        ["resnet-small"] = new(OptimizerKind.Adadelta, 1f, LossKind.SoftmaxCrossEntropy, 32, NoiseSpec.None, 100, Group2)
        {
            Note = "Adadelta and 100 epochs as the report (its binary cross-entropy on one-hot labels is softmax cross-entropy here); batch 32, Keras' default",
        },
        ["alexnet-small"] = new(OptimizerKind.Adam, 1e-3f, LossKind.SoftmaxCrossEntropy, 32, NoiseSpec.None, 50, Group2)
        {
            Note = "Adam and 50 epochs as the report; batch 32, Keras' default",
        },
        ["vgg16-dae"] = new(OptimizerKind.Adadelta, 1f, LossKind.Bce, 128, GroupTwoNoise, 100, Group2)
        {
            Note = "the real-size VGG-16 denoiser: 100 epochs at batch 128 as the report; Adadelta and cross-entropy as its other denoisers and the Keras blog it follows",
        },
        ["alexnet224-dae"] = new(OptimizerKind.Adadelta, 1f, LossKind.Bce, 128, GroupTwoNoise, 100, Group2)
        {
            Note = "the real-size AlexNet denoiser on 224x224: Adadelta, binary cross-entropy and 100 epochs as the report; batch 128 as its ResNet denoiser",
        },
        ["resnet18-dae"] = new(OptimizerKind.Adadelta, 1f, LossKind.Bce, 128, GroupTwoNoise, 50, Group2)
        {
            Note = "the real-size ResNet-18 denoiser: Adadelta, binary cross-entropy, batch 128 and 50 epochs as the report",
        },
        ["vgg16"] = new(OptimizerKind.Sgd, 0.01f, LossKind.SoftmaxCrossEntropy, 32, NoiseSpec.None, 10, Group2)
        {
            Note = "10 epochs at batch 32 as the report; SGD 0.01 (momentum 0.9 with --momentum 0.9) of the tutorial it follows (its reference 3)",
        },
        ["alexnet224"] = new(OptimizerKind.Adam, 1e-3f, LossKind.SoftmaxCrossEntropy, 128, NoiseSpec.None, 50, Group2)
        {
            Note = "Adam and 50 epochs as the report; batch 128 (not given)",
        },
        ["resnet18"] = new(OptimizerKind.Adadelta, 1f, LossKind.SoftmaxCrossEntropy, 128, NoiseSpec.None, 100, Group2)
        {
            Note = "Adadelta and 100 epochs as the report (its binary cross-entropy on one-hot labels is softmax cross-entropy here); batch 128 (not given)",
        },
        ["lenet"] = new(OptimizerKind.Adam, 1e-3f, LossKind.SoftmaxCrossEntropy, 128, NoiseSpec.None, 10, "none of the studies")
        {
            Note = "GpuAE's own baseline classifier: Adam 0.001, batch 128, 10 epochs on clean images",
        },
        ["stacked"] = new(OptimizerKind.Sgd, 0.1f, LossKind.SoftmaxCrossEntropy, 20, NoiseSpec.None, 30, Ogety)
        {
            Note = "`gpuae train` fits the stack and its head without pretraining; `gpuae stacked` follows the report (greedy pretraining, lr 0.1, batch 20)",
        },
    };

    /// <summary>The model's recipe, or its task's fallback (Adam 0.001, batch 128, 20 epochs) for a model the table does not name.</summary>
    public static Recipe For(string model)
    {
        if (Known.TryGetValue(model, out var recipe)) return recipe;
        var entry = ModelCatalog.Find(model);
        var loss = entry.IsClassifier ? LossKind.SoftmaxCrossEntropy : LossKinds.Parse(entry.DefaultLoss);
        return new Recipe(OptimizerKind.Adam, 1e-3f, loss, 128, entry.IsClassifier ? NoiseSpec.None : NoiseSpec.Parse("mask:0.2"), 20, "no study")
        {
            Note = "no recipe of its own: GpuAE's fallback",
        };
    }
}
