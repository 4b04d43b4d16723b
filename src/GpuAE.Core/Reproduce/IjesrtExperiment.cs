using GpuAE.Analysis;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Losses;
using GpuAE.Training;

namespace GpuAE.Reproduce;

/// <summary>
/// conv-mnist-gaussian, the IJESRT paper: a convolutional denoising autoencoder (conv-mnist, its
/// Figures 3 and 4) on MNIST with Gaussian noise of factor 0.5, clipped to [0, 1]; Adam, cross-entropy,
/// 25 epochs of batch 64, the test images as validation data (section 2, "Train and evaluate").
/// The text fixes all of it but two things: the noise is drawn once per image there and every epoch
/// here, and LeakyReLU's alpha (0.2 assumed, TensorFlow's default). It reports no loss or quality
/// values (Figure 9 is a plot, Figure 10 images), only the data sizes and the 7 x 7 x 32 = 1568
/// bottleneck, which the comparison checks.
/// </summary>
public static class IjesrtExperiment
{
    public const string Paper = "IJESRT paper (convolutional denoising autoencoder on MNIST, Gaussian noise 0.5)";
    public const string Noise = "gaussian:0.5";

    public static void Run(ReproduceContext c)
    {
        var options = new TrainingOptions
        {
            Model = "conv-mnist", Dataset = "mnist", Noise = NoiseSpec.Parse(Noise), Loss = LossKind.Bce, Optimizer = OptimizerKind.Adam, LearningRate = 1e-3f,
            Batch = 64, Epochs = c.Quick ? 1 : 25, TrainLimit = c.Quick ? 3000 : null, TestLimit = c.Quick ? 500 : null,
        };
        var result = c.Train("conv-mnist", options);
        var train = c.Data("mnist", "train", options.TrainLimit);
        var test = c.Data("mnist", "test", options.TestLimit);
        string run = Path.Combine(c.Folder, "conv-mnist");
        var last = result.Epochs[^1];
        const string plotOnly = "Figure 9 plots the losses; the text gives no values";
        const string imagesOnly = "Figure 10 shows images only";
        c.Rows.Add(ComparisonRow.NotReported("conv-mnist, gaussian:0.5", "final training loss (BCE per pixel)", plotOnly, last.TrainLoss));
        c.Rows.Add(ComparisonRow.NotReported("conv-mnist, gaussian:0.5", "final validation loss (BCE per pixel)", plotOnly, last.TestLoss));
        c.Rows.Add(ComparisonRow.NotReported("conv-mnist, gaussian:0.5", "test PSNR, denoised (dB)", imagesOnly, last.Test.PsnrDenoised, $"noisy {last.Test.PsnrNoisy:F2} dB"));
        c.Rows.Add(ComparisonRow.NotReported("conv-mnist, gaussian:0.5", "test SSIM, denoised", imagesOnly, last.Test.SsimDenoised, $"noisy {last.Test.SsimNoisy:F3}"));
        var (_, network) = Checkpoints.Checkpoint.Load(Path.Combine(run, "model.gae"), c.Accelerator, 1);
        using (network)
            c.Rows.Add(ComparisonRow.Reported("conv-mnist", "bottleneck size (values)", 1568, "Sec. 2: \"this 7x7x32 image as a point in a 1568 ... dimensional space\"",
                network.Layers[LatentCodes.BottleneckLayer(network)].OutputShape.Size));
        c.Rows.Add(ComparisonRow.Reported("mnist", "training images", 60_000, "Sec. 2, \"The output is\": \"Number of train images: 60000\"", train.Count,
            "the text also says 55,000 (TensorFlow's old split); the printed output and tf.keras give 60,000"));
        c.Rows.Add(ComparisonRow.Reported("mnist", "test images", 10_000, "Sec. 2, \"The output is\": \"Number of test images: 10000\"", test.Count));
        c.PerClass(run, test, NoiseSpec.Parse(Noise));
        c.Rows.Add(ComparisonRow.NotRedrawn("Figures 1, 2", "an autoencoder and a denoising autoencoder", "diagrams of the method"));
        c.Rows.Add(ComparisonRow.NotRedrawn("Figures 3, 4, 6", "the encoder's and the decoder's layers", "the architecture, which conv-mnist follows layer by layer (`gpuae models`; the bottleneck row above)"));
        c.Rows.Add(ComparisonRow.NotRedrawn("Sec. 2, visualisation of train and test examples", "one training and one test digit", "single MNIST images (row 1 of Figure 10's grid shows test digits)"));
        c.Rows.Add(ComparisonRow.FigureOf("Figure 9", "training and validation loss per epoch", c.Relative(Path.Combine(run, "loss.png"))));
        c.Rows.Add(ComparisonRow.FigureOf("Figure 10", "test images original, noisy, reconstructed", c.Relative(Path.Combine(run, "samples.png"))));
        c.Rows.Add(ComparisonRow.FigureOf("Sec. 2, noisy images illustration", "test images with Gaussian noise 0.5 (row 2)", c.Relative(Path.Combine(run, "samples.png"))));
    }
}
