using System.Globalization;

namespace GpuAE.Plots;

/// <summary>
/// Sample images as a labelled grid: a row of clean images, then for each corruption a row of the
/// noisy images and a row of their denoised versions, each of those captioned with its PSNR against
/// the clean image. samples.png (one noise) and a sweep cell's gallery.png (one pair per test noise).
/// </summary>
public static class SampleRows
{
    /// <param name="clean"><paramref name="count"/> images of <paramref name="width"/> x <paramref name="height"/>, one after the other.</param>
    /// <param name="pairs">Per corruption: the noisy row's label and images, the denoised row's label and images.</param>
    public static ImageGrid Grid(int width, int height, float[] clean, int count, IEnumerable<(string NoisyLabel, float[] Noisy, string DenoisedLabel, float[] Denoised)> pairs)
    {
        // cells about 84 px wide (28x28 at 3x) whatever the image size, so the PSNR captions fit under small images
        var grid = new ImageGrid(width, height) { Scale = Math.Clamp((int)Math.Round(84.0 / width), 1, 16), Separator = 2 }.AddRow("clean", clean, count);
        foreach (var (noisyLabel, noisy, denoisedLabel, denoised) in pairs)
            grid.AddRow(noisyLabel + "\nPSNR below", noisy, count, PsnrCaptions(clean, noisy, count, width * height))
                .AddRow(denoisedLabel + "\nPSNR below", denoised, count, PsnrCaptions(clean, denoised, count, width * height));
        return grid;
    }

    /// <summary>"12.3 dB" for each image: PSNR (data range 1, capped at 100 dB like the metrics) against its clean image.</summary>
    public static string[] PsnrCaptions(float[] clean, float[] images, int count, int size) =>
        Enumerable.Range(0, count).Select(i =>
        {
            double sum = 0;
            for (int p = i * size; p < (i + 1) * size; p++) sum += (images[p] - clean[p]) * (double)(images[p] - clean[p]);
            return Imaging.Psnr.FromMse(sum / size).ToString("F1", CultureInfo.InvariantCulture) + " dB";
        }).ToArray();
}
