using GpuAE.Classification;
using GpuAE.Layers;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Training;
using GpuAE.Losses;
using GpuAE.Text;

namespace GpuAE.Reproduce;

/// <summary>
/// `gpuae reproduce deep-denoise-classify`, the Group2 report: MNIST corrupted with random pixel
/// noise, denoised by vgg-dae, resnet-dae and alexnet-dae, then classified by the classifier of
/// the same family with 5-fold cross-validation (the report's 99.08 % VGG, 89.00 % ResNet,
/// 99.29 % AlexNet).
///
/// "Random pixel noise" is read as salt-and-pepper: a random subset of pixels is replaced by
/// random extreme values, leaving the rest untouched. mask:P only blacks pixels out (dropout
/// noise) and gaussian:S perturbs every pixel, so neither is "random pixels". The level 0.2 (a
/// fifth of the pixels) costs a clean-trained classifier clearly measurable accuracy on MNIST
/// while the digits stay legible, which is the regime where denoising can show its worth.
///
/// Each family: train the denoiser on noisy -> clean, train the classifier on clean images (Adam
/// 1e-3 with a cosine schedule: the decay settles batch norm's running statistics), then
/// (a) the trained classifier on the test split clean, noisy and denoised, and (b) K-fold
/// cross-validation of the classifier architecture on the training split (a fresh classifier per
/// fold, measured on the held-out fold clean, noisy and denoised by the trained denoiser), twice:
/// the folds' classifiers trained on clean images, then on denoised ones (the report does not say
/// which; both readings are measured). The paper's figure is set beside (b)'s mean denoised accuracies.
/// </summary>
public static class DeepDenoiseClassify
{
    public const string Paper = "Group2 report (VGG, ResNet and AlexNet denoisers and classifiers on MNIST with random pixel noise, 5-fold cross-validation)";
    public const string Noise = "saltpepper:0.2";
    public const string Dataset = "mnist";

    /// <summary>(denoiser, classifier, the report's cross-validated accuracy in %) per family.</summary>
    public static readonly IReadOnlyList<(string Denoiser, string Classifier, double PaperAccuracy)> Families =
    [
        ("vgg-dae", "vgg-small", 99.08),
        ("resnet-dae", "resnet-small", 89.00),
        ("alexnet-dae", "alexnet-small", 99.29),
    ];

    /// <summary>How much data and training each stage gets.</summary>
    public sealed record Scale(int? TrainLimit, int? TestLimit, int DenoiserEpochs, int ClassifierEpochs, int Folds, int? FoldImages, int FoldEpochs, int Batch);

    /// <summary>The report's setting: all of MNIST, 5 folds over the 60,000 training images (hours on two CPU cores).</summary>
    public static readonly Scale Full = new(null, null, DenoiserEpochs: 10, ClassifierEpochs: 10, Folds: 5, FoldImages: null, FoldEpochs: 5, Batch: 128);

    /// <summary>A few minutes on two CPU cores: 10,000 training / 1000 test images, one epoch each; 2 folds over 6000 images, 2 epochs per fold.</summary>
    public static readonly Scale Quick = new(10_000, 1000, DenoiserEpochs: 1, ClassifierEpochs: 1, Folds: 2, FoldImages: 6000, FoldEpochs: 2, Batch: 64);

    public static void Run(ReproduceContext c) => Run(c, c.Quick ? Quick : Full);

    public static void Run(ReproduceContext c, Scale s)
    {
        foreach (var (denoiserName, classifierName, paper) in Families)
        {
            TrainDenoiser(c, s, denoiserName);
            TrainClassifier(c, s, classifierName);
            using var denoiser = GpuAE.Checkpoints.Checkpoint.Load(Checkpoint(c, denoiserName), c.Accelerator, s.Batch).Network;
            string setting = $"{denoiserName} -> {classifierName}";

            var test = TestConditions(c, s, classifierName, denoiser);
            c.Rows.Add(new ComparisonRow(setting, "test accuracy, denoised (%)", null, 100 * test.Denoised!.Accuracy,
                $"clean {test.Clean.Accuracy:P2}, noisy {test.Noisy.Accuracy:P2}"));

            foreach (bool trainOnDenoised in new[] { false, true })
            {
                var folds = CrossValidate(c, s, classifierName, denoiser, trainOnDenoised);
                var (mean, std) = CrossValidation.MeanStd(folds.Select(f => f.Results.Denoised!.Accuracy).ToList());
                var (cleanMean, _) = CrossValidation.MeanStd(folds.Select(f => f.Results.Clean.Accuracy).ToList());
                var (noisyMean, _) = CrossValidation.MeanStd(folds.Select(f => f.Results.Noisy.Accuracy).ToList());
                string metric = $"{s.Folds}-fold CV accuracy, {(trainOnDenoised ? "trained and tested on denoised" : "denoised")} (%)";
                c.Rows.Add(new ComparisonRow(setting, metric, paper, 100 * mean, $"± {100 * std:F2}; clean {100 * cleanMean:F2} %, noisy {100 * noisyMean:F2} %"));
            }
        }
    }

    private static string DenoiserOf(string classifier) => Families.First(f => f.Classifier == classifier).Denoiser;

    private static string Checkpoint(ReproduceContext c, string run) => Path.Combine(c.Folder, run, "model.gae");

    private static void TrainDenoiser(ReproduceContext c, Scale s, string model) =>
        c.Train(model, new TrainingOptions { Model = model, Dataset = Dataset, Noise = NoiseSpec.Parse(Noise), Loss = LossKind.Bce, Optimizer = OptimizerKind.Adam, LearningRate = 1e-3f,
            Batch = s.Batch, Epochs = s.DenoiserEpochs, TrainLimit = s.TrainLimit, TestLimit = s.TestLimit });

    private static void TrainClassifier(ReproduceContext c, Scale s, string model)
    {
        var options = new TrainingOptions { Model = model, Dataset = Dataset, Noise = NoiseSpec.Parse("none"), Optimizer = OptimizerKind.Adam, LearningRate = 1e-3f, LrSchedule = LearningRateSchedule.Cosine,
            Batch = s.Batch, Epochs = s.ClassifierEpochs, TrainLimit = s.TrainLimit, TestLimit = s.TestLimit, Out = Path.Combine(c.Folder, model), DataDir = "" };
        c.Observer.OnMessage($"== {model}: classifier on {Dataset}, clean images, {Plural.Of(options.Epochs, "epoch")}");
        Trainer.RunClassifier(options, c.Accelerator, c.Data(Dataset, "train", s.TrainLimit), c.Data(Dataset, "test", s.TestLimit), c.Observer);
    }

    /// <summary>The trained classifier on the test split clean, noisy and denoised; confusion matrices into Folder/&lt;denoiser&gt;_&lt;classifier&gt;.</summary>
    private static NoiseConditions TestConditions(ReproduceContext c, Scale s, string classifierName, Network denoiser)
    {
        var test = c.Data(Dataset, "test", s.TestLimit);
        using var classifier = GpuAE.Checkpoints.Checkpoint.Load(Checkpoint(c, classifierName), c.Accelerator, s.Batch).Network;
        var results = NoiseConditions.Measure(c.Accelerator, classifier, denoiser, test, NoiseSpec.Parse(Noise), seed: 1);
        var outputs = new ClassifyOutputs(Path.Combine(c.Folder, $"classify-{classifierName}"));
        outputs.WriteConfusions(results, test.ClassNames, classifierName, DenoiserOf(classifierName));
        outputs.WriteAccuracyChart(results, $"{classifierName} on {Dataset} test, noise {Noise}");
        return results;
    }

    /// <summary>K-fold CV of the classifier architecture, each fold trained on clean images or on denoised ones; outputs into Folder/folds[-denoised]-&lt;classifier&gt;.</summary>
    private static IReadOnlyList<FoldResult> CrossValidate(ReproduceContext c, Scale s, string classifierName, Network denoiser, bool trainOnDenoised)
    {
        var train = c.Data(Dataset, "train", s.FoldImages);
        var config = GpuAE.Checkpoints.Checkpoint.ReadConfig(Checkpoint(c, classifierName)); // the trained classifier's architecture
        var settings = new CrossValidation.Settings(s.Folds, s.FoldEpochs, s.Batch, new OptimizerSpec(OptimizerKind.Adam, 1e-3f), Seed: 1, NoiseSpec.None, LearningRateSchedule.Parse("cosine"),
            TrainOnDenoised: trainOnDenoised);
        c.Observer.OnMessage($"== {classifierName}: {s.Folds}-fold cross-validation on {train.Count} {(trainOnDenoised ? "denoised" : "clean")} training images");
        var folds = CrossValidation.Run(c.Accelerator, config, denoiser, train, NoiseSpec.Parse(Noise), settings, c.Observer);
        var outputs = new ClassifyOutputs(Path.Combine(c.Folder, $"folds{(trainOnDenoised ? "-denoised" : "")}-{classifierName}"));
        outputs.WriteFolds(folds);
        var pooled = CrossValidation.Pool(folds);
        outputs.WriteConfusions(pooled, train.ClassNames, $"{classifierName} ({s.Folds}-fold CV)", DenoiserOf(classifierName));
        outputs.WriteAccuracyChart(pooled, $"{classifierName}, {s.Folds}-fold CV, noise {Noise}");
        return folds;
    }
}
