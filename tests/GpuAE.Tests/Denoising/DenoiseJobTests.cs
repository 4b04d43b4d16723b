using GpuAE.Data;
using GpuAE.Denoising;
using GpuAE.Imaging;

namespace GpuAE.Tests.Denoising;

/// <summary>`gpuae denoise`: files, folders and IDX files through a small dense checkpoint.</summary>
public sealed class DenoiseJobTests : IDisposable
{
    private readonly DenoiseFixture _f = new();

    public void Dispose() => _f.Dispose();

    private string SavePng(string name, int width, int height, int seed = 1)
    {
        string path = _f.PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        PngWriter.SaveGray(path, TestData.Images(1, height, width, seed), width, height);
        return path;
    }

    [Fact]
    public void A_png_of_another_size_is_denoised_to_a_png_of_its_own_size()
    {
        string input = SavePng("photo.png", 64, 48);
        var (summary, log, _) = _f.Run(input, _f.PathOf("out", "photo.png"));
        var output = PngReader.Load(_f.PathOf("out", "photo.png"));
        Assert.Equal((64, 48, 1), (output.Width, output.Height, output.Channels));
        Assert.Equal(1, summary.Written);
        Assert.Contains("resized 64x48 -> 28x28 -> 64x48", log);
    }

    [Fact]
    public void A_pgm_output_is_written_for_a_pgm_name()
    {
        string input = SavePng("digit.png", 28, 28);
        _f.Run(input, _f.PathOf("digit.pgm"));
        var image = PgmCodec.Decode(File.ReadAllBytes(_f.PathOf("digit.pgm")));
        Assert.Equal((28, 28), (image.Width, image.Height));
    }

    [Fact]
    public void An_rgb_png_is_read_as_gray()
    {
        string input = _f.PathOf("colour.png");
        PngWriter.SaveRgb(input, Enumerable.Repeat((byte)200, 30 * 20 * 3).ToArray(), 30, 20);
        _f.Run(input, _f.PathOf("colour.out.png"));
        Assert.Equal(1, PngReader.Load(_f.PathOf("colour.out.png")).Channels);
    }

    [Fact]
    public void With_noise_the_noisy_input_is_written_beside_the_output()
    {
        string input = SavePng("digit.png", 28, 28);
        _f.Run(input, _f.PathOf("out.png"), noise: "mask:0.5");
        var clean = PngReader.Load(input).Pixels;
        var noisy = PngReader.Load(_f.PathOf("out.noisy.png")).Pixels;
        Assert.Equal(clean.Length, noisy.Length);
        Assert.InRange(noisy.Count(b => b == 0) - clean.Count(b => b == 0), 200, 600); // about half of 784 pixels masked
    }

    [Fact]
    public void A_folder_skips_a_corrupt_png_and_writes_the_rest()
    {
        SavePng("in/a.png", 28, 28, seed: 1);
        SavePng("in/b.png", 40, 40, seed: 2);
        File.WriteAllBytes(_f.PathOf("in", "broken.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0]);
        var (summary, _, warnings) = _f.Run(_f.PathOf("in"), _f.PathOf("out"));
        Assert.Equal(new DenoiseSummary(2, 1), summary);
        Assert.StartsWith("gpuae: skipped broken.png: truncated", warnings);
        Assert.Equal(["a.png", "b.png"], Directory.GetFiles(_f.PathOf("out")).Select(Path.GetFileName).Order());
        Assert.Equal(40, PngReader.Load(_f.PathOf("out", "b.png")).Width);
    }

    [Fact]
    public void A_folder_of_only_unreadable_images_writes_nothing()
    {
        Directory.CreateDirectory(_f.PathOf("in"));
        File.WriteAllText(_f.PathOf("in", "x.png"), "not an image");
        var (summary, _, warnings) = _f.Run(_f.PathOf("in"), _f.PathOf("out"));
        Assert.Equal(new DenoiseSummary(0, 1), summary);
        Assert.Contains("skipped x.png: not a PNG or PGM image", warnings);
    }

    [Fact]
    public void An_idx_file_gives_an_idx_file_with_the_same_count()
    {
        int count = 9; // more than one batch of 4
        var pixels = PngWriter.Quantize(TestData.Images(count, 28, 28, seed: 3));
        string input = _f.PathOf("images-idx3-ubyte.gz");
        IdxWriter.WriteImagesGzip(input, new IdxImages(count, 28, 28, pixels));
        _f.Run(input, _f.PathOf("denoised-idx3-ubyte.gz"), noise: "gaussian:0.2");
        var output = IdxReader.ReadImages(_f.PathOf("denoised-idx3-ubyte.gz"));
        Assert.Equal((count, 28, 28), (output.Count, output.Rows, output.Columns));
        Assert.Equal(count, IdxReader.ReadImages(_f.PathOf("denoised-idx3-ubyte.noisy.gz")).Count);
    }

    [Fact]
    public void An_unreadable_image_file_is_an_error_naming_it()
    {
        string input = _f.PathOf("interlaced.png");
        File.WriteAllBytes(input, Imaging.PngTestFiles.File(Imaging.PngTestFiles.Header(2, 2, interlace: 1), Imaging.PngTestFiles.Chunk("IEND", [])));
        var e = Assert.Throws<ImageFormatException>(() => _f.Run(input, _f.PathOf("out.png")));
        Assert.Equal($"{input}: interlaced (Adam7) images are not supported", e.Message);
    }

    [Fact]
    public void The_noisy_name_goes_before_the_extension()
    {
        Assert.Equal(Path.Combine("d", "x.noisy.png"), ImageFiles.NoisyPath(Path.Combine("d", "x.png")));
        Assert.Equal(Path.Combine("d", "t.noisy.idx.gz"), ImageFiles.NoisyPath(Path.Combine("d", "t.idx.gz")));
    }

    [Fact]
    public void Idx_noise_does_not_depend_on_how_the_images_are_chunked()
    {
        int count = DenoiseJob.ChunkSize + 6;
        var clean = TestData.Images(count, 28, 28, seed: 8);
        string input = _f.PathOf("many-idx3-ubyte");
        File.WriteAllBytes(input, IdxWriter.ImagesToBytes(count, 28, 28, PngWriter.Quantize(clean)));
        _f.Run(input, _f.PathOf("out-idx3-ubyte"), noise: "mask:0.5");
        var quantized = PngWriter.Quantize(clean).Select(b => b / 255f).ToArray();
        using var denoiser = Denoiser.Load(_f.Checkpoint, _f.Accelerator, maxBatch: 64);
        var (noisy, _) = denoiser.Run(quantized, count, GpuAE.Noise.NoiseSpec.Parse("mask:0.5"), seed: 1);
        Assert.Equal(PngWriter.Quantize(noisy), IdxReader.ReadImages(_f.PathOf("out-idx3-ubyte.noisy")).Pixels);
    }

    [Fact]
    public void A_folder_of_pgm_files_gives_png_files()
    {
        Directory.CreateDirectory(_f.PathOf("in"));
        var image = new GrayImage(20, 10, TestData.Images(1, 10, 20, seed: 1));
        File.WriteAllBytes(_f.PathOf("in", "plain.pgm"), PgmCodec.Encode(image, plain: true));
        File.WriteAllBytes(_f.PathOf("in", "raw.pgm"), PgmCodec.Encode(image));
        var (summary, _, _) = _f.Run(_f.PathOf("in"), _f.PathOf("out"));
        Assert.Equal(2, summary.Written);
        Assert.Equal(20, PngReader.Load(_f.PathOf("out", "plain.png")).Width);
        Assert.True(File.Exists(_f.PathOf("out", "raw.png")));
    }
}
