using GpuAE.Imaging;
using GpuAE.Tests.Cli;

namespace GpuAE.Tests.Denoising;

/// <summary>The `denoise` and `report` verbs as the user runs them: mistakes are one line and exit 2.</summary>
public sealed class DenoiseCliTests : IDisposable
{
    private readonly DenoiseFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_missing_checkpoint_is_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("denoise", "--checkpoint", _f.PathOf("nope.gae"), "--input", _f.PathOf("a.png"), "--output", _f.PathOf("b.png"), "--device", "cpu"),
            "nope.gae' not found");

    [Fact]
    public void An_unreadable_image_is_a_one_line_error_naming_the_file()
    {
        File.WriteAllText(_f.PathOf("text.png"), "hello");
        CliAssert.OneLineUsageError(GpuaeProcess.Run("denoise", "--checkpoint", _f.Checkpoint, "--input", _f.PathOf("text.png"), "--output", _f.PathOf("b.png"), "--device", "cpu"),
            "text.png: not an image GpuAE can read (PNG, JPEG, BMP, GIF or WebP, or PGM)");
    }

    [Fact]
    public void A_denoised_png_is_written_and_the_resize_reported()
    {
        Imaging.TestImageFiles.SaveGrayPng(_f.PathOf("in.png"), TestData.Images(1, 30, 50, 1), 50, 30);
        var r = GpuaeProcess.Run("denoise", "--checkpoint", _f.Checkpoint, "--input", _f.PathOf("in.png"), "--output", _f.PathOf("out.png"), "--device", "cpu");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("resized 50x30 -> 28x28 -> 50x30", r.Stdout);
        Assert.Equal(50, GpuAE.Imaging.ImageFiles.Load(_f.PathOf("out.png")).Width);
    }

    [Fact]
    public void A_report_of_an_empty_folder_is_a_one_line_error()
    {
        Directory.CreateDirectory(_f.PathOf("empty"));
        CliAssert.OneLineUsageError(GpuaeProcess.Run("report", _f.PathOf("empty"), "--out", _f.PathOf("r.html")), "nothing to report");
    }

    [Fact]
    public void A_report_without_a_folder_says_what_is_missing() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("report"), "missing the folder");

    [Fact]
    public void A_folder_where_no_image_can_be_read_exits_2_after_listing_each()
    {
        Directory.CreateDirectory(_f.PathOf("in"));
        File.WriteAllText(_f.PathOf("in", "a.png"), "text");
        var r = GpuaeProcess.Run("denoise", "--checkpoint", _f.Checkpoint, "--input", _f.PathOf("in"), "--output", _f.PathOf("out"), "--device", "cpu");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("gpuae: skipped a.png: not an image GpuAE can read", r.Stderr);
        Assert.Contains("could be denoised (1 skipped)", r.Stderr);
    }
}
