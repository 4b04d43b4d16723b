using System.Globalization;
using GpuAE.Classification;
using GpuAE.Layers;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Plots;
using GpuAE.Metrics;
using GpuAE.Losses;
using GpuAE.Text;
using GpuAE.Training;

namespace GpuAE.Reproduce;

/// <summary>
/// deep-denoise-classify, the Group2 report: MNIST corrupted with random pixel noise, denoised by a
/// VGG-16, an AlexNet and a ResNet-18 autoencoder, then classified by the network of the same family.
///
/// The report's recipe (`--recipe paper`, the default), family by family, with what its text leaves open:
/// <list type="bullet">
/// <item>Noise: "randomly picking pixel points from each image and randomly adding those pixel points"
/// is read as salt-and-pepper on a fifth of the pixels (saltpepper:0.2: random pixels replaced by
/// extremes, the rest untouched; mask only blacks out, gaussian touches every pixel). The level is not given.</item>
/// <item>Denoisers, trained noisy -> clean on the 60,000 training images and validated on the 10,000
/// test images: binary cross-entropy and Adadelta (stated for AlexNet and ResNet; assumed for VGG, as
/// the Keras blog the report follows uses it) at Keras' rate 1.0; VGG-16 100 epochs of batch 128 (the
/// report tried 32 first), AlexNet 100 epochs (batch 128 assumed), ResNet-18 50 epochs of batch 128.</item>
/// <item>VGG-16 classifier: 5-fold cross-validation of the denoised training images ("we first save the
/// clear images we have got from the denoising part"), 10 epochs of batch 32; SGD at 0.01 with momentum
/// 0.9 is assumed from the tutorial the section follows (reference 3). Reported: five fold accuracies
/// (Fig. 15) and their mean (Table 2).</item>
/// <item>AlexNet classifier at 224 x 224: Adam, 50 epochs, trained on clean training images ("part of the
/// whole MNIST data set": all of it here), evaluated once on the denoised test images (Fig. 21: 81.80 %;
/// Table 2 gives 89.00 % for the same model).</item>
/// <item>ResNet-18 classifier: Adadelta, 100 epochs, training images split 9:1 into training and
/// validation, tested on the 10,000 denoised test images (Table 2: 99.29 %).</item>
/// <item>The report's classifiers use Keras' binary cross-entropy on the softmax outputs; GpuAE trains
/// them with softmax cross-entropy.</item>
/// </list>
/// The real-size models (vgg16-dae, alexnet224-dae, resnet18-dae, vgg16, alexnet224, resnet18) are for
/// GPUs; `--quick` runs the same protocol with the small variants (vgg-dae, alexnet-dae, resnet-dae,
/// vgg-small, alexnet-small, resnet-small) on 10,000 training / 1000 test images with the epochs cut to
/// one or two, and every row says so.
///
/// `--recipe best` is GpuAE's own protocol with the small models: denoisers and classifiers trained
/// with Adam (classifiers on clean images, cosine schedule), each classifier measured on the test split
/// clean, noisy and denoised by its family's denoiser, then K-fold cross-validation of the classifier
/// architecture twice: folds trained on clean images, then on denoised ones.
/// </summary>
public static class DeepDenoiseClassify
{
    public const string Paper = "Group2 report (VGG-16, AlexNet and ResNet-18 denoisers and classifiers on MNIST with random pixel noise)";
    public const string Noise = "saltpepper:0.2";
    public const string Dataset = "mnist";

    public enum Protocol { CrossValidation, HoldOut, TrainValidationTest }

    /// <summary>A model's training recipe.</summary>
    public sealed record Fit(OptimizerKind Optimizer, float LearningRate, float Momentum, int Batch, int Epochs)
    {
        public OptimizerSpec Spec => new(Optimizer, LearningRate, Momentum);
    }

    /// <summary>One family of the report: its models (real size and small), recipes, protocol and numbers.</summary>
    public sealed record Family(string Name, string Denoiser, string SmallDenoiser, Fit DenoiserFit, string Classifier, string SmallClassifier, Fit ClassifierFit,
        Protocol Protocol, double TableAccuracy, double? FigureAccuracy, string FigureSource, double[] FoldAccuracies);

    public static readonly IReadOnlyList<Family> Families =
    [
        new("VGG-16", "vgg16-dae", "vgg-dae", new(OptimizerKind.Adadelta, 1f, 0f, 128, 100), "vgg16", "vgg-small", new(OptimizerKind.Sgd, 0.01f, 0.9f, 32, 10),
            Protocol.CrossValidation, 99.08, null, "", [99.042, 99.133, 99.083, 99.342, 99.117]),
        new("AlexNet", "alexnet224-dae", "alexnet-dae", new(OptimizerKind.Adadelta, 1f, 0f, 128, 100), "alexnet224", "alexnet-small", new(OptimizerKind.Adam, 1e-3f, 0f, 128, 50),
            Protocol.HoldOut, 89.00, 81.80, "Fig. 21: \"ACC: 81.80%\"", []),
        new("ResNet-18", "resnet18-dae", "resnet-dae", new(OptimizerKind.Adadelta, 1f, 0f, 128, 50), "resnet18", "resnet-small", new(OptimizerKind.Adadelta, 1f, 0f, 128, 100),
            Protocol.TrainValidationTest, 99.29, null, "", []),
    ];

    /// <summary>Table 2 of the report, row by row.</summary>
    public static string TableSource(Family f) => $"Table 2, row \"{f.Name switch { "AlexNet" => "Alex Net", "ResNet-18" => "Res Net-18", _ => f.Name }}\", column \"Average Accuracy\"";

    /// <summary>How much data and training each stage gets: the report's (null caps) or a cut for --quick and tests.</summary>
    public sealed record Scale(bool RealSize, int? TrainLimit, int? TestLimit, int? EpochCap, int Folds, int? FoldImages);

    public static readonly Scale Full = new(RealSize: true, TrainLimit: null, TestLimit: null, EpochCap: null, Folds: 5, FoldImages: null);

    /// <summary>A few minutes on two CPU cores: small models, 10,000 training / 1000 test images, one epoch per model, 2 folds over 6000 images.</summary>
    public static readonly Scale Quick = new(RealSize: false, TrainLimit: 10_000, TestLimit: 1000, EpochCap: 1, Folds: 2, FoldImages: 6000);

    public static void Run(ReproduceContext c)
    {
        if (c.Recipe == PresetRecipe.Best) RunBest(c, c.Quick ? BestQuick : BestFull);
        else Run(c, c.Quick ? Quick with { RealSize = c.Settings.RealSize } : Full);
    }

    /// <summary>The report's recipe at scale <paramref name="s"/>.</summary>
    public static void Run(ReproduceContext c, Scale s)
    {
        string size = s.RealSize ? "" : " (small variant: --quick)";
        var denoisers = new List<(string, string)>();
        foreach (var f in Families)
        {
            string denoiserName = s.RealSize ? f.Denoiser : f.SmallDenoiser, classifierName = s.RealSize ? f.Classifier : f.SmallClassifier;
            var denoiserFit = Capped(f.DenoiserFit, s);
            var result = TrainDenoiser(c, s, denoiserName, denoiserFit);
            denoisers.Add((f.Name, Checkpoint(c, denoiserName)));
            AddDenoiserRows(c, f, denoiserName, size, result, denoiserFit);
            using var denoiser = GpuAE.Checkpoints.Checkpoint.Load(Checkpoint(c, denoiserName), c.Accelerator, 128).Network;
            string setting = $"{denoiserName} -> {classifierName}{size}";
            var classifierFit = Capped(f.ClassifierFit, s);
            switch (f.Protocol)
            {
                case Protocol.CrossValidation: CrossValidate(c, s, f, classifierName, classifierFit, denoiser, setting); break;
                case Protocol.HoldOut: HoldOut(c, s, f, classifierName, classifierFit, denoiser, setting, validation: false); break;
                default: HoldOut(c, s, f, classifierName, classifierFit, denoiser, setting, validation: true); break;
            }
        }
        string figure = Path.Combine(c.Folder, "denoisers.png");
        ReconstructionFigures.DrawComparison(c.Accelerator, denoisers, c.Data(Dataset, "test", s.TestLimit), NoiseSpec.Parse(Noise), c.Seed, figure);
        c.Rows.Add(ComparisonRow.FigureOf("Table 1", "denoising results of the three models: rows clean, noisy, VGG-16, AlexNet, ResNet-18", c.Relative(figure),
            "the report's Table 1 has no clean row"));
        c.Rows.Add(ComparisonRow.NotRedrawn("Figs 1, 3, 4, 7, 8, 10, 11, 12", "the denoising flow and the encoding/decoding flows of the three models", "diagrams of the architectures, which vgg16-dae, alexnet224-dae and resnet18-dae follow (`gpuae models`)"));
        c.Rows.Add(ComparisonRow.NotRedrawn("Fig. 9", "ResNet's layer table for ImageNet (output sizes, FLOPs)", "ResNet-18's original table at 224x224, not the report's 28x28 network"));
        c.Rows.Add(ComparisonRow.NotRedrawn("Fig. 5", "VGG-16 denoising results at batch 32", "the report moved to batch 128 (Fig. 6), which GpuAE trains"));
        c.Rows.Add(ComparisonRow.FigureOf("Fig. 2", "images after adding noise (row 2 of Table 1's figure)", c.Relative(figure)));
    }

    private static Fit Capped(Fit fit, Scale s) => s.EpochCap is int cap ? fit with { Epochs = Math.Min(fit.Epochs, cap) } : fit;

    private static string Checkpoint(ReproduceContext c, string run) => Path.Combine(c.Folder, run, "model.gae");

    private static TrainingResult<Evaluation> TrainDenoiser(ReproduceContext c, Scale s, string model, Fit fit) =>
        c.Train(model, new TrainingOptions { Model = model, Dataset = Dataset, Noise = NoiseSpec.Parse(Noise), Loss = LossKind.Bce, Optimizer = fit.Optimizer, LearningRate = fit.LearningRate,
            Momentum = fit.Momentum, Batch = fit.Batch, Epochs = fit.Epochs, TrainLimit = s.TrainLimit, TestLimit = s.TestLimit });

    private static void AddDenoiserRows(ReproduceContext c, Family f, string denoiserName, string size, TrainingResult<Evaluation> result, Fit fit)
    {
        var last = result.Epochs[^1];
        string run = Path.Combine(c.Folder, denoiserName), setting = denoiserName + size;
        string figures = f.Name switch { "VGG-16" => "Figs 5, 6, 13", "AlexNet" => "Figs 17, 18", _ => "Figs 22, 23" };
        c.Rows.Add(ComparisonRow.NotReported(setting, "test PSNR, denoised (dB)", $"{figures} show images and loss curves only", last.Test.PsnrDenoised, $"noisy {last.Test.PsnrNoisy:F2} dB"));
        c.Rows.Add(ComparisonRow.NotReported(setting, "test SSIM, denoised", $"{figures} show images and loss curves only", last.Test.SsimDenoised, $"noisy {last.Test.SsimNoisy:F3}"));
        c.PerClass(run, c.Data(Dataset, "test", null).Take(result.Final.Images), NoiseSpec.Parse(Noise));
        if (f.Name == "VGG-16")
        {
            double seconds = result.Epochs.Average(e => e.Seconds);
            c.Rows.Add(ComparisonRow.Reported(setting, "seconds per denoiser epoch, batch 128", 8, "Sec. 2.1.2: \"8s for each epoch\" (their GPU unnamed)", seconds,
                $"{c.Accelerator}; batch {fit.Batch}"));
            c.Rows.Add(ComparisonRow.Reported(setting, "seconds per denoiser epoch, batch 32", 16, "Sec. 2.1.2: \"about 16s each\"", null, "GpuAE trains the report's final batch, 128"));
        }
        string curves = f.Name switch { "VGG-16" => "Fig. 16 (denoiser: not drawn in the report)", "AlexNet" => "Fig. 17", _ => "Fig. 22" };
        c.Rows.Add(ComparisonRow.FigureOf(curves, $"{f.Name} denoiser: loss per epoch", c.Relative(Path.Combine(run, "loss.png"))));
        string results = f.Name switch { "VGG-16" => "Figs 6, 13", "AlexNet" => "Fig. 18", _ => "Fig. 23" };
        c.Rows.Add(ComparisonRow.FigureOf(results, $"{f.Name} denoising results: test images clean, noisy, denoised", c.Relative(Path.Combine(run, "samples.png"))));
    }

    /// <summary>VGG-16: K-fold cross-validation of the classifier on the denoised training images (trained and tested on denoised).</summary>
    private static void CrossValidate(ReproduceContext c, Scale s, Family f, string classifierName, Fit fit, Network denoiser, string setting)
    {
        var train = c.Data(Dataset, "train", s.FoldImages ?? s.TrainLimit);
        var config = ClassifierConfig(classifierName, train.ClassCount);
        var settings = new CrossValidation.Settings(s.Folds, fit.Epochs, fit.Batch, fit.Spec, c.Seed, NoiseSpec.None, TrainOnDenoised: true);
        c.Observer.OnMessage($"== {classifierName}: {s.Folds}-fold cross-validation on {train.Count} denoised training images");
        var folds = CrossValidation.Run(c.Accelerator, config, denoiser, train, NoiseSpec.Parse(Noise), settings, c.Observer);
        string folder = Path.Combine(c.Folder, $"folds-{classifierName}");
        var outputs = new ClassifyOutputs(folder);
        outputs.WriteFolds(folds);
        outputs.WriteConfusions(CrossValidation.Pool(folds), train.ClassNames, $"{classifierName} ({s.Folds}-fold CV)", denoiser: "denoised");
        for (int i = 0; i < folds.Count; i++)
            c.Rows.Add(i < f.FoldAccuracies.Length
                ? ComparisonRow.Reported(setting, $"fold {i + 1} accuracy, denoised (%)", f.FoldAccuracies[i], $"Fig. 15, line {i + 1} (\"an example of the five accuracies\")", 100 * folds[i].Results.Denoised!.Accuracy)
                : ComparisonRow.NotReported(setting, $"fold {i + 1} accuracy, denoised (%)", "Fig. 15 lists five folds", 100 * folds[i].Results.Denoised!.Accuracy));
        var (mean, sd) = CrossValidation.MeanStd(folds.Select(r => 100 * r.Results.Denoised!.Accuracy).ToList());
        c.Rows.Add(ComparisonRow.Reported(setting, $"{s.Folds}-fold CV accuracy, denoised (%)", f.TableAccuracy, TableSource(f), mean,
            $"sd over folds {sd:F2}; mean of Fig. 15's folds {f.FoldAccuracies.Average():F3}; clean held-out {100 * folds.Average(r => r.Results.Clean.Accuracy):F2} %"));
        string curves = Path.Combine(folder, "learning-curves");
        DrawLearningCurves(folds, classifierName, curves);
        c.Rows.Add(ComparisonRow.FigureOf("Fig. 16", $"{f.Name} learning curves, one line per fold (held-out accuracy per epoch; the loss in learning-curves-loss.png)", c.Relative(curves + ".png")));
        c.Rows.Add(ComparisonRow.FigureOf("Fig. 14", $"{f.Name} classification of denoised images (pooled confusion matrix)", c.Relative(Path.Combine(folder, "confusion-denoised.png"))));
    }

    /// <summary>
    /// AlexNet (validation: false): trained on clean training images, validated per epoch on the test
    /// split, then measured on the denoised test images. ResNet-18 (validation: true): trained on 90 % of
    /// the training images, validated on the other 10 %, measured on the denoised test images.
    /// </summary>
    private static void HoldOut(ReproduceContext c, Scale s, Family f, string classifierName, Fit fit, Network denoiser, string setting, bool validation)
    {
        var all = c.Data(Dataset, "train", s.TrainLimit);
        var test = c.Data(Dataset, "test", s.TestLimit);
        GpuAE.Data.Dataset train = all, curve = test;
        if (validation)
        {
            var order = TrainingSession.ShuffledOrder(all.Count, c.Seed, epoch: 0);
            int trainCount = all.Count * 9 / 10;
            train = all.Select(order[..trainCount], "train (90 %)");
            curve = all.Select(order[trainCount..], "validation (10 %)");
        }
        var options = new TrainingOptions { Model = classifierName, Dataset = Dataset, Noise = NoiseSpec.Parse("none"), Optimizer = fit.Optimizer, LearningRate = fit.LearningRate,
            Momentum = fit.Momentum, Batch = fit.Batch, Epochs = fit.Epochs, Out = Path.Combine(c.Folder, classifierName), DataDir = "", Seed = c.Seed };
        c.Observer.OnMessage($"== {classifierName}: classifier on {train.Count} clean images, {Plural.Of(fit.Epochs, "epoch")} of {fit.Spec}, validated on {curve.Split}");
        Trainer.RunClassifier(options, c.Accelerator, train, curve, c.Observer);
        using var classifier = GpuAE.Checkpoints.Checkpoint.Load(Path.Combine(options.Out, "model.gae"), c.Accelerator, 128).Network;
        var results = NoiseConditions.Measure(c.Accelerator, classifier, denoiser, test, NoiseSpec.Parse(Noise), c.Seed);
        var outputs = new ClassifyOutputs(Path.Combine(c.Folder, $"classify-{classifierName}"));
        outputs.WriteConfusions(results, test.ClassNames, classifierName, "denoised");
        outputs.WriteAccuracyChart(results, $"{classifierName} on {Dataset} test, noise {Noise}");
        string note = $"{train.Count} training images; test images clean {100 * results.Clean.Accuracy:F2} %, noisy {100 * results.Noisy.Accuracy:F2} %";
        c.Rows.Add(ComparisonRow.Reported(setting, "test accuracy, denoised (%)", f.TableAccuracy, TableSource(f), 100 * results.Denoised!.Accuracy, note));
        if (f.FigureAccuracy is double figure)
            c.Rows.Add(ComparisonRow.Reported(setting, "test accuracy, denoised (%), Keras evaluation", figure, f.FigureSource, 100 * results.Denoised.Accuracy,
                "the report's two values for one model; GpuAE's one measurement stands beside both"));
        string curves = f.Name == "AlexNet" ? "Fig. 19" : "Fig. 24";
        c.Rows.Add(ComparisonRow.FigureOf(curves, $"{f.Name} classifier accuracy and loss per epoch", c.Relative(Path.Combine(options.Out, "accuracy.png"))));
        if (f.Name == "AlexNet")
            c.Rows.Add(ComparisonRow.FigureOf("Fig. 20", "AlexNet predictions on denoised images (confusion matrix)", c.Relative(Path.Combine(c.Folder, $"classify-{classifierName}", "confusion-denoised.png"))));
    }

    private static ModelConfig ClassifierConfig(string name, int classes) =>
        new() { Name = ModelCatalog.Find(name, ModelTask.Classifier).Name, Loss = "softmax-ce", Classes = classes };

    private static void DrawLearningCurves(IReadOnlyList<FoldResult> folds, string classifier, string path)
    {
        var chart = new LineChart { Title = $"{classifier}: held-out accuracy per epoch, one line per fold", XLabel = "epoch", YLabel = "held-out accuracy (%)" };
        foreach (var fold in folds.Where(f => f.Epochs is { Count: > 0 }))
            chart.AddSeries($"fold {fold.Fold}", fold.Epochs!.Select(e => (double)e.Epoch).ToList(), fold.Epochs!.Select(e => 100 * e.Test.Accuracy).ToList());
        chart.Save(path);
        var loss = new LineChart { Title = $"{classifier}: held-out cross-entropy per epoch, one line per fold", XLabel = "epoch", YLabel = "cross-entropy" };
        foreach (var fold in folds.Where(f => f.Epochs is { Count: > 0 }))
            loss.AddSeries($"fold {fold.Fold}", fold.Epochs!.Select(e => (double)e.Epoch).ToList(), fold.Epochs!.Select(e => e.TestLoss).ToList());
        loss.Save(path + "-loss");
    }

    // ---- GpuAE's own protocol (--recipe best) ----

    /// <summary>How much data and training GpuAE's protocol gets.</summary>
    public sealed record BestScale(int? TrainLimit, int? TestLimit, int DenoiserEpochs, int ClassifierEpochs, int Folds, int? FoldImages, int FoldEpochs, int Batch);

    public static readonly BestScale BestFull = new(null, null, DenoiserEpochs: 10, ClassifierEpochs: 10, Folds: 5, FoldImages: null, FoldEpochs: 5, Batch: 128);
    public static readonly BestScale BestQuick = new(10_000, 1000, DenoiserEpochs: 1, ClassifierEpochs: 1, Folds: 2, FoldImages: 6000, FoldEpochs: 2, Batch: 64);

    public static void RunBest(ReproduceContext c, BestScale s)
    {
        foreach (var f in Families)
        {
            c.Train(f.SmallDenoiser, new TrainingOptions { Model = f.SmallDenoiser, Dataset = Dataset, Noise = NoiseSpec.Parse(Noise), Loss = LossKind.Bce, Optimizer = OptimizerKind.Adam, LearningRate = 1e-3f,
                Batch = s.Batch, Epochs = s.DenoiserEpochs, TrainLimit = s.TrainLimit, TestLimit = s.TestLimit });
            var options = new TrainingOptions { Model = f.SmallClassifier, Dataset = Dataset, Noise = NoiseSpec.Parse("none"), Optimizer = OptimizerKind.Adam, LearningRate = 1e-3f, LrSchedule = LearningRateSchedule.Cosine,
                Batch = s.Batch, Epochs = s.ClassifierEpochs, Out = Path.Combine(c.Folder, f.SmallClassifier), DataDir = "", Seed = c.Seed };
            c.Observer.OnMessage($"== {f.SmallClassifier}: classifier on {Dataset}, clean images, {Plural.Of(options.Epochs, "epoch")}");
            Trainer.RunClassifier(options, c.Accelerator, c.Data(Dataset, "train", s.TrainLimit), c.Data(Dataset, "test", s.TestLimit), c.Observer);
            using var denoiser = GpuAE.Checkpoints.Checkpoint.Load(Checkpoint(c, f.SmallDenoiser), c.Accelerator, s.Batch).Network;
            string setting = $"{f.SmallDenoiser} -> {f.SmallClassifier}";

            var test = c.Data(Dataset, "test", s.TestLimit);
            using (var classifier = GpuAE.Checkpoints.Checkpoint.Load(Checkpoint(c, f.SmallClassifier), c.Accelerator, s.Batch).Network)
            {
                var results = NoiseConditions.Measure(c.Accelerator, classifier, denoiser, test, NoiseSpec.Parse(Noise), c.Seed);
                var outputs = new ClassifyOutputs(Path.Combine(c.Folder, $"classify-{f.SmallClassifier}"));
                outputs.WriteConfusions(results, test.ClassNames, f.SmallClassifier, f.SmallDenoiser);
                outputs.WriteAccuracyChart(results, $"{f.SmallClassifier} on {Dataset} test, noise {Noise}");
                c.Rows.Add(ComparisonRow.Reported(setting, "test accuracy, denoised (%)", f.TableAccuracy, TableSource(f), 100 * results.Denoised!.Accuracy,
                    $"GpuAE's protocol (classifier trained on clean images); clean {100 * results.Clean.Accuracy:F2} %, noisy {100 * results.Noisy.Accuracy:F2} %"));
            }
            foreach (bool trainOnDenoised in new[] { false, true })
            {
                var train = c.Data(Dataset, "train", s.FoldImages);
                var config = GpuAE.Checkpoints.Checkpoint.ReadConfig(Checkpoint(c, f.SmallClassifier));
                var settings = new CrossValidation.Settings(s.Folds, s.FoldEpochs, s.Batch, new OptimizerSpec(OptimizerKind.Adam, 1e-3f), c.Seed, NoiseSpec.None, LearningRateSchedule.Cosine, trainOnDenoised);
                c.Observer.OnMessage($"== {f.SmallClassifier}: {s.Folds}-fold cross-validation on {train.Count} {(trainOnDenoised ? "denoised" : "clean")} training images");
                var folds = CrossValidation.Run(c.Accelerator, config, denoiser, train, NoiseSpec.Parse(Noise), settings, c.Observer);
                var outputs = new ClassifyOutputs(Path.Combine(c.Folder, $"folds{(trainOnDenoised ? "-denoised" : "")}-{f.SmallClassifier}"));
                outputs.WriteFolds(folds);
                outputs.WriteConfusions(CrossValidation.Pool(folds), train.ClassNames, $"{f.SmallClassifier} ({s.Folds}-fold CV)", f.SmallDenoiser);
                var (mean, sd) = CrossValidation.MeanStd(folds.Select(r => 100 * r.Results.Denoised!.Accuracy).ToList());
                string metric = $"{s.Folds}-fold CV accuracy, {(trainOnDenoised ? "trained and tested on denoised" : "trained on clean, tested on denoised")} (%)";
                c.Rows.Add(ComparisonRow.Reported(setting, metric, f.TableAccuracy, TableSource(f), mean,
                    $"sd over folds {sd:F2}; clean {100 * folds.Average(r => r.Results.Clean.Accuracy):F2} %, noisy {100 * folds.Average(r => r.Results.Noisy.Accuracy):F2} %"));
            }
        }
    }
}
