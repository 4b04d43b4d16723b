using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Losses;
using GpuAE.Training;

namespace GpuAE.Reproduce;

/// <summary>
/// conv-saltpepper, the Windsor report: a convolutional autoencoder (conv-keras) and a CNN
/// (cnn-keras) denoising Fashion-MNIST corrupted with salt-and-pepper noise at rate 0.1.
///
/// The report's recipe, read from its text and, where the text is silent, from the authors'
/// repository that it links (AutoEncoder.py and train_cnn.py):
/// <list type="bullet">
/// <item>Data: the 70,000 Fashion-MNIST images (training and test files joined) shuffled and split:
/// the autoencoder trains on 80 % (56,000) and validates on 20 % (14,000); the CNN trains on 50,000,
/// validates on 10,000 and keeps 10,000 for predictions. GpuAE shuffles with the seed.</item>
/// <item>Noise: imgaug's SaltAndPepper(0.1), drawn once per image; GpuAE draws salt-and-pepper 0.1
/// afresh every epoch on the device (exact 0 and 1; imgaug's values are "white/black-ish"), on
/// training and validation inputs alike, as the authors do.</item>
/// <item>Autoencoder: Adam (Keras' default rate 0.001), MSE, batch 2048, 1000 epochs, a linear output
/// conv (conv-keras). CNN: Adam, MSE, batch 1000, 600 epochs ("We are training the model for 600
/// epochs"), linear dense output (cnn-keras).</item>
/// <item>The reported losses are read as the minima of the per-epoch curves (the authors' loss plot
/// labels each curve with its minimum, and they keep the best-validation checkpoint): training loss
/// is Keras' mean over the epoch's batches (dropout active), as GpuAE's train_loss; validation loss
/// is the MSE on the noisy validation images after the epoch. Keras' mse averages over pixels as
/// GpuAE's per-element loss does.</item>
/// </list>
/// `--recipe best`: Fashion-MNIST's own 60,000 / 10,000 split, batch 128, 20 epochs (GpuAE's
/// earlier setting, which already beats the report's losses).
/// </summary>
public static class WindsorExperiment
{
    public const string Paper = "Windsor report (convolutional autoencoder vs CNN on Fashion-MNIST, salt-and-pepper 0.1)";
    public const string Noise = "saltpepper:0.1";

    public sealed record Model(string Name, double Train, string TrainSource, double Validation, string ValidationSource, int Batch, int Epochs, int TrainImages, int ValidationImages);

    public static readonly IReadOnlyList<Model> Models =
    [
        new("conv-keras", 0.0182373, "Abstract and Sec. 6: \"a 0.0182373 loss on the training dataset\"", 0.01255, "Abstract and Sec. 6: \"a loss of 0.01255 for the validation dataset\"",
            Batch: 2048, Epochs: 1000, TrainImages: 56_000, ValidationImages: 14_000),
        new("cnn-keras", 0.0187, "Sec. 7: \"a loss of 0.0187 for the training dataset\"", 0.0132, "Sec. 7: \"for the validation dataset, we get a loss of 0.0132\"",
            Batch: 1000, Epochs: 600, TrainImages: 50_000, ValidationImages: 10_000),
    ];

    /// <summary>The model summary of Sec. 5: (layer, Param #) of every convolution of the autoencoder.</summary>
    public static readonly IReadOnlyList<(string Layer, int Parameters)> KerasSummary =
        [("conv2d", 640), ("conv2d_1", 18464), ("conv2d_2", 4624), ("conv2d_3", 2320), ("conv2d_4", 4640), ("conv2d_5", 18496), ("conv2d_6", 577)];

    public static void Run(ReproduceContext c)
    {
        var all = c.Recipe == PresetRecipe.Best ? null : Joined(c.Data("fashion-mnist", "train", null), c.Data("fashion-mnist", "test", null));
        foreach (var m in Models)
        {
            var (train, validation) = Split(c, m, all);
            var options = new TrainingOptions
            {
                Model = m.Name, Dataset = "fashion-mnist", Noise = NoiseSpec.Parse(Noise), Loss = LossKind.Mse, Optimizer = OptimizerKind.Adam, LearningRate = 1e-3f,
                Batch = c.Recipe == PresetRecipe.Best ? 128 : c.Quick ? Math.Min(m.Batch, 256) : m.Batch,
                Epochs = c.Quick ? 2 : c.Recipe == PresetRecipe.Best ? 20 : m.Epochs,
            };
            var result = c.Train(m.Name, options, train, validation);
            var epochs = result.Epochs;
            var last = epochs[^1];
            double minTrain = epochs.Min(e => e.TrainLoss), minValidation = epochs.Min(e => e.TestLoss);
            string scale = $"{train.Count} training / {validation.Count} validation images, {options.Epochs} epochs of batch {options.Batch}";
            c.Rows.Add(ComparisonRow.Reported(m.Name, "training loss (MSE), lowest epoch", m.Train, m.TrainSource, minTrain, $"last epoch {last.TrainLoss:G4}; {scale}"));
            c.Rows.Add(ComparisonRow.Reported(m.Name, "validation loss (MSE), lowest epoch", m.Validation, m.ValidationSource, minValidation,
                $"last epoch {last.TestLoss:G4} (epoch {epochs.MinBy(e => e.TestLoss)!.Epoch} lowest); PSNR {last.Test.PsnrNoisy:F2} -> {last.Test.PsnrDenoised:F2} dB"));
            string run = Path.Combine(c.Folder, m.Name);
            c.PerClass(run, validation, NoiseSpec.Parse(Noise));
            string section = m.Name == "conv-keras" ? "Sec. 6" : "Sec. 7";
            c.Rows.Add(ComparisonRow.FigureOf($"{section}, loss plot", $"{m.Name}: training and validation loss per epoch", c.Relative(Path.Combine(run, "loss.png"))));
            c.Rows.Add(ComparisonRow.FigureOf($"{section}, predictions", $"{m.Name}: validation images clean, with salt-and-pepper noise, predicted", c.Relative(Path.Combine(run, "samples.png"))));
            if (m.Name == "conv-keras") AddModelSummary(c, Path.Combine(run, "model.gae"));
        }
        c.Rows.Add(ComparisonRow.Reported("MNIST, a dense network with SGD (Sec. 1)", "classification accuracy (%)", 87, "Sec. 1: \"artificial neural network with categorical cross entropy and ... SGD is 87%\"", null,
            "background the introduction cites, not an experiment of the report; not run"));
        c.Rows.Add(ComparisonRow.Reported("MNIST, the simplest CNN (Sec. 1)", "classification accuracy (%), at least", 97, "Sec. 1: \"the simplest of convolution neural network model is greater than 97%\"", null,
            "background the introduction cites; GpuAE's CNN classifiers on MNIST: deep-denoise-classify"));
        c.Rows.Add(ComparisonRow.NotRedrawn("Abstract [2], Sec. 1 [3] and [5]", "a denoising autoencoder, an image, the encoder-bottleneck-decoder schema", "illustrations borrowed from other articles"));
        c.Rows.Add(ComparisonRow.FigureOf("Sec. 4, \"Before\" / \"After\"", "images before and after salt-and-pepper noise (rows 1 and 2)",
            c.Relative(Path.Combine(c.Folder, "conv-keras", "samples.png"))));
    }

    /// <summary>The parameter count of each convolution of conv-keras beside the report's model summary (Sec. 5).</summary>
    private static void AddModelSummary(ReproduceContext c, string checkpoint)
    {
        var (_, network) = Checkpoints.Checkpoint.Load(checkpoint, c.Accelerator, 1);
        using (network)
        {
            var convs = network.Layers.OfType<Conv2d>().ToList();
            for (int i = 0; i < KerasSummary.Count; i++)
                c.Rows.Add(ComparisonRow.Reported($"conv-keras {KerasSummary[i].Layer}", "parameters", KerasSummary[i].Parameters,
                    $"Sec. 5 model summary, row {KerasSummary[i].Layer}, column \"Param #\"", i < convs.Count ? convs[i].Parameters.Sum(p => p.Length) : null));
            c.Rows.Add(ComparisonRow.Reported("conv-keras", "parameters", 49_761, "Sec. 5 model summary, \"Total params: 49,761\"", network.ParameterCount));
        }
    }

    /// <summary>
    /// The report's split (paper recipe): training and test files joined, shuffled with the seed, the
    /// first images for training and the next for validation; the best recipe keeps Fashion-MNIST's
    /// own split. --quick takes 2000 / 500.
    /// </summary>
    private static (Dataset Train, Dataset Validation) Split(ReproduceContext c, Model m, Dataset? all)
    {
        if (all is null)
            return (c.Data("fashion-mnist", "train", c.Quick ? 2000 : null), c.Data("fashion-mnist", "test", c.Quick ? 500 : null));
        var order = TrainingSession.ShuffledOrder(all.Count, c.Seed, epoch: 0);
        int trainCount = c.Quick ? 2000 : m.TrainImages, validationCount = c.Quick ? 500 : m.ValidationImages;
        return (all.Select(order[..trainCount], "train (Windsor split)"), all.Select(order[trainCount..(trainCount + validationCount)], "validation (Windsor split)"));
    }

    private static Dataset Joined(Dataset a, Dataset b) =>
        new(a.Name, "train+test", [.. a.Images, .. b.Images], [.. a.Labels, .. b.Labels], a.ClassNames, a.Height, a.Width);
}
