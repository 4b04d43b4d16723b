using GpuAE.Data;
using GpuAE.Noise;
using GpuAE.Plots;
using GpuAE.Metrics;
using GpuAE.Optimizers;
using GpuAE.Losses;
using GpuAE.Training;

namespace GpuAE.Reproduce;

/// <summary>
/// conv-noise-types and conv-gaussian-sigma, the CS 307 report: Anello's convolutional autoencoder
/// with a linear bottleneck (conv-linear, 4-unit code) trained on clean, Gaussian (sigma 1) and
/// randomly erased Fashion-MNIST (Objective 1, Table 1) and on Gaussian noise of sigma 0.01, 0.1 and
/// 0.5 (Objective 2, Table 2); average train and test loss at epochs 1 and 20; t-SNE (perplexity 30,
/// random state 307) of the codes of the corrupted test sets.
///
/// The report's recipe, and what its text leaves open:
/// <list type="bullet">
/// <item>Anello's tutorial (the report's reference [1]) fixes the rest: a 4-unit code, Adam at 0.001
/// (its weight decay of 1e-5 is left out: GpuAE's Adam has none), MSE averaged over pixels, batch 256,
/// training on 80 % of the training split (48,000 images, a seeded shuffle), testing on the 10,000
/// test images; 20 epochs as the report says.</item>
/// <item>The data and the loss are those of <see cref="Cs307Images"/>: images normalised to [-1, 1],
/// corrupted there without clipping, and the autoencoder reconstructs its own corrupted input (the
/// evidence is in that class's comment). The t-SNE embeds the codes of all 10,000 corrupted test images.</item>
/// <item>Epoch 1 depends on the initial weights, which differ by framework (PyTorch's default uniform
/// initialisation, GpuAE's He normal); by epoch 20 the losses no longer do.</item>
/// </list>
/// `--recipe best` is GpuAE's denoising recipe instead: [0, 1] images, the clean image as target,
/// noise drawn on the device every epoch (Gaussian clipped to [0, 1]), all 60,000 training images,
/// batch 128; its losses are denoising MSEs on another scale, so the rows say "not reported".
/// </summary>
public static class Cs307Experiments
{
    public const string Paper = "CS 307 report (conv + linear bottleneck autoencoder on Fashion-MNIST, noise types and Gaussian sigmas)";

    /// <summary>Table 1 and Table 2: (epoch 1 train, epoch 1 test, epoch 20 train, epoch 20 test) per dataset.</summary>
    public static readonly IReadOnlyDictionary<string, (string Table, string Row, double[] Losses)> Reported = new Dictionary<string, (string, string, double[])>
    {
        ["none"] = ("Table 1", "Normal", [0.848, 0.675, 0.601, 0.599]),
        ["gaussian:1"] = ("Table 1", "Gaussian Noise", [1.860, 1.689, 1.600, 1.598]),
        ["erase"] = ("Table 1", "RandomErasing", [0.922, 0.679, 0.569, 0.567]),
        ["gaussian:0.01"] = ("Table 2", "Gaussian σ=0.01", [0.949, 0.731, 0.600, 0.598]),
        ["gaussian:0.1"] = ("Table 2", "Gaussian σ=0.1", [1.014, 0.734, 0.612, 0.610]),
        ["gaussian:0.5"] = ("Table 2", "Gaussian σ=0.5", [1.103, 0.929, 0.852, 0.850]),
    };

    /// <summary>The report's figure numbers per dataset: t-SNE, then the appendix's reconstructions and loss graph.</summary>
    private static readonly Dictionary<string, (string Tsne, int Reconstructions, int LossGraph)> Figures = new()
    {
        ["none"] = ("Figure 2", 1, 2), ["gaussian:1"] = ("Figure 3", 3, 4), ["erase"] = ("Figure 4", 5, 6),
        ["gaussian:0.01"] = ("Figure 6 (left)", 7, 8), ["gaussian:0.1"] = ("Figure 6 (middle)", 9, 10), ["gaussian:0.5"] = ("Figure 6 (right)", 11, 12),
    };

    public static void NoiseTypes(ReproduceContext c) => Run(c, ["none", "gaussian:1", "erase"], "Figure 1");

    public static void GaussianSigma(ReproduceContext c) => Run(c, ["gaussian:0.01", "gaussian:0.1", "gaussian:0.5"], "Figure 5");

    private static void Run(ReproduceContext c, string[] noises, string datasetFigure)
    {
        int epochs = c.Quick ? 2 : 20;
        var grid = new ImageGrid(28, 28);
        foreach (string noise in noises)
        {
            string name = "conv-linear_" + noise.Replace(':', '-');
            var (train, test, testNoise) = Data(c, noise);
            var options = new TrainingOptions
            {
                Model = "conv-linear", Latent = 4, Dataset = "fashion-mnist", Loss = LossKind.Mse, Optimizer = OptimizerKind.Adam, LearningRate = 1e-3f,
                Batch = c.Recipe == PresetRecipe.Paper ? 256 : 128, Epochs = epochs, Noise = c.Recipe == PresetRecipe.Paper ? NoiseSpec.None : NoiseSpec.Parse(noise),
            };
            var result = c.Train(name, options, train, test);
            // The first epoch of a run depends only on the seed, so a one-epoch run is the 20-epoch run after epoch 1 (its model, for the figure).
            var first = c.Train(name + "_epoch-1", options with { Epochs = 1 }, train, test);
            AddLosses(c, noise, result, first, test);
            var display = c.Recipe == PresetRecipe.Paper ? Cs307Images.ToDisplay : (Func<float, float>?)null;
            var originals = c.Recipe == PresetRecipe.Paper ? Cs307Images.Prepare(c.Data("fashion-mnist", "test", ReconstructionFigures.Images), "none", c.Seed) : null;
            var (tsneFigure, reconstructionFigure, lossFigure) = Figures[noise];
            foreach (var (run, epoch) in new[] { (name + "_epoch-1", 1), (name, epochs) })
            {
                string path = Path.Combine(c.Folder, $"reconstructions_{noise.Replace(':', '-')}_epoch-{epoch}.png");
                ReconstructionFigures.Draw(c.Accelerator, Path.Combine(c.Folder, run, "model.gae"), test, testNoise, c.Seed, path, display, originals);
                c.Rows.Add(ComparisonRow.FigureOf($"Appendix Figure {reconstructionFigure}", $"{noise}: test images original, corrupted, reconstructed after epoch {epoch}", c.Relative(path)));
            }
            c.Rows.Add(ComparisonRow.FigureOf($"Appendix Figure {lossFigure}", $"{noise}: train and test loss per epoch", c.Relative(Path.Combine(c.Folder, name, "loss.png"))));

            var scores = c.Tsne("tsne_" + noise.Replace(':', '-'), name, test, c.Quick ? 500 : test.Count, testNoise);
            string why = $"{tsneFigure} shows the embedding; the text describes it without numbers";
            c.Rows.Add(ComparisonRow.NotReported(noise, "t-SNE trustworthiness (k=5)", why, scores.Trustworthiness));
            c.Rows.Add(ComparisonRow.NotReported(noise, "t-SNE kNN accuracy, k=5 (%)", why, 100 * scores.KnnAccuracy5));
            c.Rows.Add(ComparisonRow.NotReported(noise, "t-SNE kNN accuracy, k=10 (%)", why, 100 * scores.KnnAccuracy10));
            c.Rows.Add(ComparisonRow.NotReported(noise, "t-SNE silhouette (classes as clusters)", why, scores.Silhouette));
            c.Rows.Add(ComparisonRow.FigureOf(tsneFigure, $"t-SNE of the codes of the {noise} test images", c.Relative(Path.Combine(c.Folder, "tsne_" + noise.Replace(':', '-'), "tsne.png"))));
            AddDatasetRow(grid, noise, test, testNoise, c.Seed, display);
        }
        string datasets = Path.Combine(c.Folder, "datasets.png");
        grid.Save(datasets);
        c.Rows.Add(ComparisonRow.FigureOf(datasetFigure, $"the same test images in each dataset, one row each: {string.Join(", ", noises)}", c.Relative(datasets)));
    }

    /// <summary>
    /// The paper recipe's splits (48,000 training images, all test images, normalised and corrupted on
    /// the host, trained without device noise), or the best recipe's (the plain splits with the noise on the device).
    /// </summary>
    private static (Dataset Train, Dataset Test, NoiseSpec TestNoise) Data(ReproduceContext c, string noise)
    {
        if (c.Recipe == PresetRecipe.Best)
            return (c.Data("fashion-mnist", "train", c.Quick ? 3000 : null), c.Data("fashion-mnist", "test", c.Quick ? 500 : null), NoiseSpec.Parse(noise));
        var all = c.Data("fashion-mnist", "train", null);
        int count = c.Quick ? 3000 : all.Count * 4 / 5;
        var train = all.Select(TrainingSession.ShuffledOrder(all.Count, c.Seed, epoch: 0)[..count], "train (80 %)");
        var test = c.Data("fashion-mnist", "test", c.Quick ? 500 : null);
        return (Cs307Images.Prepare(train, noise, c.Seed), Cs307Images.Prepare(test, noise, c.Seed + 1), NoiseSpec.None);
    }

    private static void AddLosses(ReproduceContext c, string noise, TrainingResult<Evaluation> result, TrainingResult<Evaluation> first, Dataset test)
    {
        var (table, row, paper) = Reported[noise];
        var e1 = result.Epochs[0];
        var last = result.Epochs[^1];
        int lastEpoch = last.Epoch;
        var quantities = new (string Quantity, string Column, double Value)[]
        {
            ("average train loss, epoch 1", "Epoch 1 (Train)", e1.TrainLoss),
            ("average test loss, epoch 1", "Epoch 1 (Test)", e1.TestLoss),
            ($"average train loss, epoch {lastEpoch}", "Epoch 20 (Train)", last.TrainLoss),
            ($"average test loss, epoch {lastEpoch}", "Epoch 20 (Test)", last.TestLoss),
        };
        string check = first.Epochs[0].TrainLoss == e1.TrainLoss ? "" : $"; the one-epoch run's loss {first.Epochs[0].TrainLoss:G6} differs";
        for (int i = 0; i < quantities.Length; i++)
        {
            var (quantity, column, value) = quantities[i];
            if (c.Recipe == PresetRecipe.Paper)
            {
                string note = i == 3 && noise == "none" ? $"a [0, 1] output cannot go below {Cs307Images.SigmoidFloor(test):G3} on these test images{check}" : check.TrimStart(';', ' ');
                c.Rows.Add(ComparisonRow.Reported(noise, quantity + " (MSE vs its input, [-1, 1] scale)", paper[i], $"{table}, row \"{row}\", column \"{column}\"", value, note));
            }
            else
                c.Rows.Add(ComparisonRow.NotReported(noise, quantity + " (denoising MSE vs the clean image, [0, 1] scale)",
                    $"{table} measures the paper recipe's loss (against the corrupted input on the [-1, 1] scale); run --recipe paper for it", value));
        }
    }

    private static void AddDatasetRow(ImageGrid grid, string label, Dataset test, NoiseSpec noise, ulong seed, Func<float, float>? display)
    {
        int n = Math.Min(ReconstructionFigures.Images, test.Count);
        var images = new float[n * test.SampleSize];
        for (int i = 0; i < n; i++)
        {
            var target = images.AsSpan(i * test.SampleSize, test.SampleSize);
            GpuAE.Kernels.Noise.NoiseSampler.Corrupt(test.Image(i), target, test.Height, test.Width, noise.Resolve(seed, Metrics.Evaluator.EvaluationEpoch, 0), seed,
                Metrics.Evaluator.EvaluationEpoch, (uint)i);
            if (display is not null) for (int p = 0; p < target.Length; p++) target[p] = display(target[p]);
        }
        grid.AddRow(label, images, n);
    }
}
