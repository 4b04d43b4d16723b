using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Metrics;
using GpuAE.Noise;
using GpuAE.Plots;
using GpuAE.Training;

namespace GpuAE.Reproduce;

/// <summary>
/// The studies' image figures: the first test images clean, corrupted and reconstructed by a trained
/// denoiser (Ogety Figs 8-14, CS 307's appendix, IJESRT Fig. 10), and one set of noisy images beside
/// several denoisers' outputs (Group2's Table 1). Every grid shows the same test images in the same
/// order, so grids of one preset can be compared cell by cell.
/// </summary>
public static class ReconstructionFigures
{
    public const int Images = 10;

    /// <summary>
    /// Rows clean, noisy, reconstructed of the checkpoint's denoiser; <paramref name="toDisplay"/> maps
    /// the network's pixel scale to [0, 1] (CS 307's data lie in [-1, 1]). When <paramref name="test"/>
    /// holds images corrupted beforehand (CS 307), <paramref name="originals"/> gives the clean ones for
    /// the first row and the second row is the network's input.
    /// </summary>
    public static void Draw(Accelerator acc, string checkpoint, Dataset test, NoiseSpec noise, ulong seed, string path, Func<float, float>? toDisplay = null,
        Dataset? originals = null)
    {
        var (_, network) = Checkpoints.Checkpoint.Load(checkpoint, acc, Images);
        using (network)
        {
            var (clean, noisy, denoised) = Samples(acc, network, test, noise, seed);
            int n = Math.Min(Images, test.Count);
            var grid = new ImageGrid(test.Width, test.Height);
            if (originals is null) grid.AddRow("clean", Display(clean, toDisplay), n).AddRow($"noisy ({noise})", Display(noisy, toDisplay), n);
            else grid.AddRow("original", Display(originals.Images.AsSpan(0, n * originals.SampleSize).ToArray(), toDisplay), n).AddRow("input", Display(noisy, toDisplay), n);
            grid.AddRow("reconstructed", Display(denoised, toDisplay), n).Save(path);
        }
    }

    /// <summary>The clean and noisy test images in the first rows, then one row per denoiser, labelled (same images, same noise draws).</summary>
    public static void DrawComparison(Accelerator acc, IReadOnlyList<(string Label, string Checkpoint)> denoisers, Dataset test, NoiseSpec noise, ulong seed, string path)
    {
        var grid = new ImageGrid(test.Width, test.Height);
        int n = Math.Min(Images, test.Count);
        for (int i = 0; i < denoisers.Count; i++)
        {
            var (_, network) = Checkpoints.Checkpoint.Load(denoisers[i].Checkpoint, acc, Images);
            using (network)
            {
                var (clean, noisy, denoised) = Samples(acc, network, test, noise, seed);
                if (i == 0) grid.AddRow("clean", clean, n).AddRow($"noisy ({noise})", noisy, n);
                grid.AddRow(denoisers[i].Label, denoised, n);
            }
        }
        grid.Save(path);
    }

    private static (float[] Clean, float[] Noisy, float[] Denoised) Samples(Accelerator acc, Network network, Dataset test, NoiseSpec noise, ulong seed)
    {
        using var loss = Loss.Create(LossKind.Mse);
        loss.Build(acc, network);
        using var evaluator = new Evaluator(acc, network, loss);
        using var feeder = new BatchFeeder(acc, test, network.MaxBatch);
        return evaluator.Samples(test, noise, seed, feeder, Images);
    }

    private static float[] Display(float[] values, Func<float, float>? toDisplay) => toDisplay is null ? values : values.Select(toDisplay).ToArray();
}
