namespace GpuAE.Reproduce;

/// <summary>
/// The named presets of `gpuae reproduce`: each reruns experiments of one of the five studies
/// (../shared/seeds: Ogety, Windsor, CS 307, IJESRT, Group2) with the study's recipe and writes every
/// number the study reports beside GpuAE's (comparison.csv / comparison.md, see <see cref="ComparisonFiles"/>).
/// `--quick` scales data and epochs down to minutes on two CPU cores; `--recipe best` runs GpuAE's
/// better recipe where it has one (<see cref="Preset.HasBestRecipe"/>).
/// </summary>
public static class Experiments
{
    /// <param name="HasBestRecipe">Whether `--recipe best` differs from the paper's recipe.</param>
    /// <param name="NeedsGpu">Why the full paper recipe is for a GPU (null: it fits two CPU cores).</param>
    /// <param name="FullCpuTime">How long the full paper recipe takes on two CPU cores, where that is hours.</param>
    public sealed record Preset(string Name, string Description, string Paper, Action<ReproduceContext> Run, bool HasBestRecipe = false, string? NeedsGpu = null,
        string? FullCpuTime = null);

    public static readonly IReadOnlyList<Preset> All =
    [
        new("dense-lr", "dense DAE, 5000 images, mask:0.2, 500 full-batch iterations of squared error, lr 0.1..0.5 x hidden 100..1000: final cost vs lr (Ogety Fig. 6)",
            OgetyDenseExperiments.Paper, OgetyDenseExperiments.LearningRate),
        new("dense-hidden", "the dense-lr sweep as cost vs hidden nodes at lr 0.1, and its reconstructions (Ogety Figs 7, 8)", OgetyDenseExperiments.Paper, OgetyDenseExperiments.Hidden),
        new("dense-noise", "dense DAE (100 hidden) trained at mask:0.2 and mask:0.7, tested at 0.2..0.7: PSNR/SSIM and reconstructions per test level (Ogety Figs 9-14)",
            OgetyDenseExperiments.Paper, OgetyDenseExperiments.Noise, HasBestRecipe: true),
        new("conv-saltpepper", "conv-keras (1000 epochs) and cnn-keras (600 epochs) on Fashion-MNIST, salt-and-pepper 0.1, Adam, MSE: train/validation loss (Windsor)",
            WindsorExperiment.Paper, WindsorExperiment.Run, HasBestRecipe: true,
            FullCpuTime: "about 10 h on two quiet CPU cores: 1000 epochs of 56,000 images and 600 of 50,000"),
        new("conv-noise-types", "conv-linear on clean, gaussian:1 and erased images in [-1, 1]: loss at epochs 1 and 20, t-SNE of the corrupted test codes (CS 307 Table 1)",
            Cs307Experiments.Paper, Cs307Experiments.NoiseTypes, HasBestRecipe: true),
        new("conv-gaussian-sigma", "conv-linear with gaussian 0.01, 0.1 and 0.5: loss at epochs 1 and 20, t-SNE of the corrupted test codes (CS 307 Table 2)",
            Cs307Experiments.Paper, Cs307Experiments.GaussianSigma, HasBestRecipe: true),
        new("stacked-lr", "stacked autoencoder 500-300-100, 5000 images, softmax on the frozen stack: lr 0.1..0.5 vs train/test accuracy (Ogety Table 1)",
            StackedExperiments.Ogety, StackedExperiments.LearningRate),
        new("stacked-labels", "stacked autoencoder with 1 and 5 labelled images per class, plain and mask:0.2 pretraining: train/test accuracy (Ogety Tables 2, 3)",
            StackedExperiments.Ogety, StackedExperiments.Labels, HasBestRecipe: true),
        new("stacked-noise", "stacked autoencoder pretrained at mask:0.2 and mask:0.7, tested on mask 0.2..0.7 test images (Ogety Table 4)",
            StackedExperiments.Ogety, StackedExperiments.Noise),
        new("svm-baseline", "RBF SVM (C 5, gamma 0.05) vs the stacked autoencoder with 500 labels per class, 5000 train / 500 test images (Ogety 4.2.5)",
            StackedExperiments.Ogety, StackedExperiments.SvmBaseline, HasBestRecipe: true),
        new("conv-mnist-gaussian", "conv-mnist on MNIST, gaussian:0.5, 25 epochs, batch 64, Adam, BCE: loss curves, reconstructions, PSNR/SSIM (IJESRT)",
            IjesrtExperiment.Paper, IjesrtExperiment.Run),
        new("deep-denoise-classify", "MNIST, saltpepper:0.2: VGG-16, AlexNet (224) and ResNet-18 denoisers and classifiers with the report's protocols; --quick: small variants (Group2)",
            DeepDenoiseClassify.Paper, DeepDenoiseClassify.Run, HasBestRecipe: true,
            NeedsGpu: "the real-size VGG-16, AlexNet at 224x224 and ResNet-18 train for 50-100 epochs each: days on two CPU cores"),
    ];

    public static Preset Find(string name) =>
        All.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"reproduce: unknown experiment '{name}' (available: {string.Join(", ", All.Select(p => p.Name))}, all)");
}
