using GpuAE.Data;
using GpuAE.Metrics;
using GpuAE.Noise;
using GpuAE.Plots;
using GpuAE.Sweeps;
using GpuAE.Tests.Denoising;
using static GpuAE.Tests.Plots.ChartFileReading;

namespace GpuAE.Tests.Plots;

/// <summary>The figures made of sample images (samples.png, a sweep cell's gallery.png) and a sweep's own charts.</summary>
public sealed class SampleFiguresTests : IDisposable
{
    private readonly DenoiseFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Psnr_captions_are_each_image_against_its_clean_one()
    {
        float[] clean = [0f, 0f, 1f, 1f], other = [0.1f, 0.1f, 1f, 1f]; // two 2-pixel images: MSE 0.01 (20 dB), then identical (capped at 100 dB)

        Assert.Equal(["20.0 dB", "100.0 dB"], SampleRows.PsnrCaptions(clean, other, 2, 2));
    }

    [Fact]
    public void A_gallery_has_a_clean_row_then_noisy_and_denoised_rows_per_noise()
    {
        var test = new Dataset("digits", "test", TestData.Images(10, 28, 28, seed: 4), new byte[10], KnownDatasets.DigitClassNames);
        string gallery = _f.PathOf("gallery.png");

        CheckpointEvaluation.Run(_f.Accelerator, _f.Checkpoint, test, [NoiseSpec.Parse("mask:0.2"), NoiseSpec.Parse("mask:0.6")], seed: 1, maxBatch: 16, galleryPath: gallery);

        using var bitmap = DecodePng(File.ReadAllBytes(gallery));
        int oneCaptionlessRow = 28 * 3 + 2;
        Assert.InRange(bitmap.Height, 5 * oneCaptionlessRow + 2, 5 * oneCaptionlessRow + 2 + 4 * 30); // 1 + 2 x 2 rows, 4 of them captioned
        Assert.True(bitmap.Width > CheckpointEvaluation.GalleryImages * (28 * 3 + 2));
    }

    [Fact]
    public void A_sweep_writes_every_cell_as_lines_over_the_real_noise_level_and_as_a_heatmap()
    {
        var definition = new SweepDefinition
        {
            Base = new GpuAE.Training.TrainingOptions { Device = "", Out = "" },
            Grid = [SweepDefinition.ParseAxis("lr=0.1,0.5")],
            TrainNoises = ["mask:0.2"],
            TestNoises = ["mask:0.2", "mask:0.5"],
        };
        var rows = definition.Cells().SelectMany(c => definition.TestNoises.Select((t, j) => new SweepRow(c.Index, c.Label,
            c.Settings.ToDictionary(s => s.Key, s => s.Value), c.TrainNoise, t, 0.1, 0.1, 0.01, 0.01, 12, 18 - 2 * j + c.Index, 0.5, 0.7, 1))).ToList();

        SweepPlots.Write(_f.Dir, definition, rows);

        foreach (var name in new[] { "psnr", "ssim", "psnr-heatmap" })
            using (var png = DecodePng(File.ReadAllBytes(_f.PathOf(name + ".png")))) Assert.True(png.Width > 0);
        var psnr = Texts(ParseSvg(File.ReadAllText(_f.PathOf("psnr.svg"))));
        Assert.Contains("lr=0.1,train=mask:0.2", psnr);
        Assert.Contains("lr=0.5,train=mask:0.2", psnr);
        Assert.Contains("test noise level (mask)", psnr);
        var heatmap = Texts(ParseSvg(File.ReadAllText(_f.PathOf("psnr-heatmap.svg"))));
        Assert.Contains("19.0", heatmap); // cell 1 at mask:0.2: 18 - 0 + 1
        Assert.Contains("17.0", heatmap); // cell 1 at mask:0.5: 18 - 2 + 1
    }
}
