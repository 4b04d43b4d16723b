using System.Globalization;
using GpuAE.Plots;
using GpuAE.Sweeps;
using GpuAE.Training;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Losses;

namespace GpuAE.Reproduce;

/// <summary>
/// The named presets of `gpuae reproduce`: each reruns one denoising experiment of the seed
/// papers and writes the paper's numbers beside GpuAE's (comparison.csv / comparison.md).
/// `--quick` scales data and epochs down to minutes on two CPU cores; the full preset follows
/// the paper's setting.
/// </summary>
public static class Experiments
{
    public sealed record Preset(string Name, string Description, string Paper, Action<ReproduceContext> Run);

    private const string Ogety = "Ogety report (dense DAE on Fashion-MNIST, mask noise)";
    private const string Windsor = "Windsor report (convolutional autoencoder vs CNN, salt-and-pepper 0.1)";
    private const string Cs307 = "CS 307 report (conv + linear bottleneck autoencoder, noise types)";
    private const string Ijesrt = "IJESRT paper (convolutional DAE on MNIST, Gaussian noise 0.5)";

    public static readonly IReadOnlyList<Preset> All =
    [
        new("dense-lr", "dense DAE, 5000 images, mask:0.2, 500 gradient-descent iterations, lr 0.1..0.5 x hidden 100/250/500/1000: final cost vs lr", Ogety, DenseLearningRate),
        new("dense-hidden", "the dense-lr sweep viewed as cost vs hidden nodes at the best learning rate", Ogety, DenseHidden),
        new("dense-noise", "dense DAE trained at mask:0.2 and mask:0.7, tested at 0.2..0.7: PSNR/SSIM table and heatmap", Ogety, DenseNoise),
        new("conv-saltpepper", "conv-keras and cnn-keras on Fashion-MNIST, salt-and-pepper 0.1, Adam, MSE: train/validation loss", Windsor, ConvSaltPepper),
        new("conv-noise-types", "conv-linear trained on clean, gaussian:1.0 and erase data: loss at epochs 1 and 20, t-SNE of the codes", Cs307, c => ConvLinearNoises(c, ["none", "gaussian:1", "erase"])),
        new("conv-gaussian-sigma", "conv-linear trained with gaussian 0.01, 0.1 and 0.5: loss at epochs 1 and 20, t-SNE of the codes", Cs307, c => ConvLinearNoises(c, ["gaussian:0.01", "gaussian:0.1", "gaussian:0.5"])),
        new("stacked-lr", "stacked DAE 500-300-100, 5000 images, mask:0.2, softmax on the frozen stack: lr 0.1..0.5 vs train/test accuracy", StackedExperiments.Ogety, StackedExperiments.LearningRate),
        new("stacked-labels", "stacked DAE with 1 and 5 labelled images per class, clean and mask:0.2 pretraining: test accuracy", StackedExperiments.Ogety, StackedExperiments.Labels),
        new("stacked-noise", "stacked DAE pretrained at mask:0.2 and mask:0.7, tested on mask 0.2..0.7 test images: accuracy table and chart", StackedExperiments.Ogety, StackedExperiments.Noise),
        new("svm-baseline", "RBF SVM (C 5, gamma 0.05) vs the stacked DAE with 500 labels per class, 5000 train / 500 test images", StackedExperiments.Ogety, StackedExperiments.SvmBaseline),
        new("conv-mnist-gaussian", "conv-mnist on MNIST, gaussian:0.5, 25 epochs, batch 64, Adam, BCE: loss curves, samples, PSNR/SSIM", Ijesrt, ConvMnistGaussian),
        new("deep-denoise-classify", "MNIST, saltpepper:0.2: vgg-dae, resnet-dae, alexnet-dae denoise for vgg-small, resnet-small, alexnet-small; test accuracy clean/noisy/denoised and 5-fold cross-validation", DeepDenoiseClassify.Paper, DeepDenoiseClassify.Run),
    ];

    public static Preset Find(string name) =>
        All.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"reproduce: unknown experiment '{name}' (available: {string.Join(", ", All.Select(p => p.Name))})");

    /// <summary>dense-lr and dense-hidden share one sweep (same folder name, so the second reuses the first's cells).</summary>
    private static List<SweepRow> DenseSweep(ReproduceContext c)
    {
        int images = c.Quick ? 1000 : 5000;
        var definition = new SweepDefinition
        {
            // Full-batch gradient descent: one iteration per epoch over the 5000 images.
            Base = new TrainingOptions { Model = "dense", Dataset = "fashion-mnist", Optimizer = OptimizerKind.Sgd, Batch = images, Epochs = c.Quick ? 40 : 500,
                TrainLimit = images, TestLimit = c.Quick ? 500 : null, EvaluateEvery = c.Quick ? 40 : 100, Device = "", Out = "" },
            Grid = [SweepDefinition.ParseAxis(c.Quick ? "lr=0.1,0.3,0.5" : "lr=0.1,0.2,0.3,0.4,0.5"), SweepDefinition.ParseAxis(c.Quick ? "hidden=100,250" : "hidden=100,250,500,1000")],
            TrainNoises = ["mask:0.2"],
            TestNoises = ["mask:0.2"],
        };
        return c.Sweep(Path.Combine("..", "dense-sweep" + (c.Quick ? "-quick" : "")), definition);
    }

    private static void DenseLearningRate(ReproduceContext c)
    {
        var rows = DenseSweep(c);
        var chart = new LineChart { Title = "Final cost vs learning rate (dense DAE, mask:0.2)", XLabel = "learning rate", YLabel = "final training cost (BCE per pixel)" };
        foreach (var h in rows.GroupBy(r => r.Settings["hidden"]))
            chart.AddSeries($"hidden {h.Key}", h.Select(r => double.Parse(r.Settings["lr"], CultureInfo.InvariantCulture)).ToList(), h.Select(r => r.TrainLoss).ToList());
        chart.Save(Path.Combine(c.Folder, "cost-vs-lr"));
        foreach (var r in rows) c.Rows.Add(new ComparisonRow($"lr={r.Settings["lr"]}, hidden={r.Settings["hidden"]}", "final train cost", null, r.TrainLoss, $"test PSNR {r.PsnrDenoised:F2} dB"));
    }

    private static void DenseHidden(ReproduceContext c)
    {
        var rows = DenseSweep(c);
        string bestLr = rows.GroupBy(r => r.Settings["lr"]).OrderBy(g => g.Average(r => r.TrainLoss)).First().Key;
        var best = rows.Where(r => r.Settings["lr"] == bestLr).OrderBy(r => int.Parse(r.Settings["hidden"])).ToList();
        new LineChart { Title = $"Final cost vs hidden nodes at the best learning rate ({bestLr})", XLabel = "hidden nodes", YLabel = "final training cost (BCE per pixel)" }
            .AddSeries($"lr {bestLr}", best.Select(r => double.Parse(r.Settings["hidden"])).ToList(), best.Select(r => r.TrainLoss).ToList())
            .Save(Path.Combine(c.Folder, "cost-vs-hidden"));
        foreach (var r in best) c.Rows.Add(new ComparisonRow($"hidden={r.Settings["hidden"]}, lr={bestLr}", "final train cost", null, r.TrainLoss));
    }

    private static void DenseNoise(ReproduceContext c)
    {
        var definition = new SweepDefinition
        {
            Base = new TrainingOptions { Model = "dense", Dataset = "fashion-mnist", Optimizer = OptimizerKind.Sgd, LearningRate = 0.1f, Batch = 128, Epochs = c.Quick ? 2 : 20,
                TrainLimit = c.Quick ? 5000 : null, TestLimit = c.Quick ? 500 : null, Device = "", Out = "" },
            Grid = [],
            TrainNoises = ["mask:0.2", "mask:0.7"],
            TestNoises = SweepDefinition.ParseNoiseList("mask:0.2:0.7:0.1", "--test-noise"),
        };
        foreach (var r in c.Sweep("sweep", definition))
        {
            c.Rows.Add(new ComparisonRow($"train {r.TrainNoise}, test {r.TestNoise}", "PSNR noisy -> denoised (dB)", null, r.PsnrDenoised, $"noisy {r.PsnrNoisy:F2} dB"));
            c.Rows.Add(new ComparisonRow($"train {r.TrainNoise}, test {r.TestNoise}", "SSIM denoised", null, r.SsimDenoised, $"noisy {r.SsimNoisy:F3}"));
        }
    }

    private static void ConvSaltPepper(ReproduceContext c)
    {
        var paper = new Dictionary<string, (double Train, double Validation)> { ["conv-keras"] = (0.0182, 0.01255), ["cnn-keras"] = (0.0187, 0.0132) };
        foreach (var model in new[] { "conv-keras", "cnn-keras" })
        {
            var result = c.Train(model, new TrainingOptions { Model = model, Dataset = "fashion-mnist", Noise = NoiseSpec.Parse("saltpepper:0.1"), Loss = LossKind.Mse, Optimizer = OptimizerKind.Adam,
                LearningRate = 1e-3f, Batch = 128, Epochs = c.Quick ? 1 : 20, TrainLimit = c.Quick ? 2000 : null, TestLimit = c.Quick ? 500 : null })!;
            var last = result.Epochs[^1];
            c.Rows.Add(new ComparisonRow(model, "train loss (MSE)", paper[model].Train, last.TrainLoss));
            c.Rows.Add(new ComparisonRow(model, "validation loss (MSE)", paper[model].Validation, last.TestLoss, $"PSNR {last.Test.PsnrNoisy:F2} -> {last.Test.PsnrDenoised:F2} dB"));
        }
    }

    private static void ConvLinearNoises(ReproduceContext c, string[] noises)
    {
        foreach (var noise in noises)
        {
            string name = "conv-linear_" + noise.Replace(':', '-');
            var result = c.Train(name, new TrainingOptions { Model = "conv-linear", Dataset = "fashion-mnist", Noise = NoiseSpec.Parse(noise), Optimizer = OptimizerKind.Adam, LearningRate = 1e-3f,
                Batch = 128, Epochs = c.Quick ? 2 : 20, TrainLimit = c.Quick ? 3000 : null, TestLimit = c.Quick ? 500 : null })!;
            c.Rows.Add(new ComparisonRow(noise, "train / test loss, epoch 1", null, result.Epochs[0].TrainLoss, $"test {result.Epochs[0].TestLoss:G4}"));
            c.Rows.Add(new ComparisonRow(noise, $"train / test loss, epoch {result.Epochs[^1].Epoch}", null, result.Epochs[^1].TrainLoss, $"test {result.Epochs[^1].TestLoss:G4}"));
            double trust = c.Tsne("tsne_" + noise.Replace(':', '-'), name, "fashion-mnist", c.Quick ? 500 : 2000);
            c.Rows.Add(new ComparisonRow(noise, "t-SNE trustworthiness (k=5)", null, trust));
        }
    }

    private static void ConvMnistGaussian(ReproduceContext c)
    {
        var result = c.Train("conv-mnist", new TrainingOptions { Model = "conv-mnist", Dataset = "mnist", Noise = NoiseSpec.Parse("gaussian:0.5"), Optimizer = OptimizerKind.Adam, LearningRate = 1e-3f,
            Batch = 64, Epochs = c.Quick ? 1 : 25, TrainLimit = c.Quick ? 3000 : null, TestLimit = c.Quick ? 500 : null })!;
        var last = result.Epochs[^1];
        c.Rows.Add(new ComparisonRow("conv-mnist, gaussian:0.5", "test loss (BCE)", null, last.TestLoss));
        c.Rows.Add(new ComparisonRow("conv-mnist, gaussian:0.5", "PSNR denoised (dB)", null, last.Test.PsnrDenoised, $"noisy {last.Test.PsnrNoisy:F2} dB"));
        c.Rows.Add(new ComparisonRow("conv-mnist, gaussian:0.5", "SSIM denoised", null, last.Test.SsimDenoised, $"noisy {last.Test.SsimNoisy:F3}"));
    }
}
