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
        Imaging.TestImageFiles.SaveGrayPng(path, TestData.Images(1, height, width, seed), width, height);
        return path;
    }

    [Fact]
    public void A_png_of_another_size_is_denoised_to_a_png_of_its_own_size()
    {
        string input = SavePng("photo.png", 64, 48);
        var (summary, log, _) = _f.Run(input, _f.PathOf("out", "photo.png"));
        var output = ImageFiles.Load(_f.PathOf("out", "photo.png"));
        Assert.Equal((64, 48), (output.Width, output.Height));
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
    public void An_rgb_png_is_read_as_gray_and_written_as_a_gray_png()
    {
        string input = _f.PathOf("colour.png");
        File.WriteAllBytes(input, Imaging.TestImageFiles.ColourPng(Enumerable.Repeat((byte)200, 30 * 20 * 3).ToArray(), 30, 20, channels: 3));
        _f.Run(input, _f.PathOf("colour.out.png"));
        var header = Imaging.PngStructure.Chunks(File.ReadAllBytes(_f.PathOf("colour.out.png")))[0];
        Assert.Equal(0, File.ReadAllBytes(_f.PathOf("colour.out.png"))[header.DataOffset + 9]); // colour type 0: gray
    }

    [Fact]
    public void A_jpeg_is_denoised_to_a_png_of_its_size()
    {
        string input = _f.PathOf("photo.jpg");
        File.WriteAllBytes(input, Imaging.TestImageFiles.Jpeg(Imaging.TestImageFiles.Levels(40, 30), 40, 30));
        var (summary, log, _) = _f.Run(input, _f.PathOf("photo.png"));
        Assert.Equal(1, summary.Written);
        Assert.Equal((40, 30), (ImageFiles.Load(_f.PathOf("photo.png")).Width, ImageFiles.Load(_f.PathOf("photo.png")).Height));
        Assert.Contains("resized 40x30 -> 28x28 -> 40x30", log);
    }

    [Fact]
    public void A_16_bit_png_is_denoised()
    {
        string input = _f.PathOf("deep.png");
        File.WriteAllBytes(input, Imaging.TestImageFiles.Gray16Png(Enumerable.Range(0, 28 * 28).Select(i => (ushort)(i * 83)).ToArray(), 28, 28));
        var (summary, _, _) = _f.Run(input, _f.PathOf("deep.out.png"));
        Assert.Equal(1, summary.Written);
        Assert.Equal(28, ImageFiles.Load(_f.PathOf("deep.out.png")).Width);
    }

    [Fact]
    public void A_folder_takes_every_image_format_it_can_read()
    {
        Directory.CreateDirectory(_f.PathOf("in"));
        byte[] levels = Imaging.TestImageFiles.Levels(28, 28);
        File.WriteAllBytes(_f.PathOf("in", "a.png"), Imaging.TestImageFiles.InterlacedGrayPng(levels, 28, 28));
        File.WriteAllBytes(_f.PathOf("in", "b.jpeg"), Imaging.TestImageFiles.Jpeg(levels, 28, 28));
        File.WriteAllBytes(_f.PathOf("in", "c.bmp"), Imaging.TestImageFiles.Bmp(levels.SelectMany(v => new[] { v, v, v }).ToArray(), 28, 28));
        File.WriteAllBytes(_f.PathOf("in", "d.gif"), Imaging.TestImageFiles.Gif(levels, 28, 28));
        File.WriteAllBytes(_f.PathOf("in", "e.webp"), Imaging.TestImageFiles.Webp(levels, 28, 28));
        File.WriteAllText(_f.PathOf("in", "notes.txt"), "not an image name: never read");
        var (summary, _, warnings) = _f.Run(_f.PathOf("in"), _f.PathOf("out"));
        Assert.Equal(new DenoiseSummary(5, 0), summary);
        Assert.Equal("", warnings);
        Assert.Equal(["a.png", "b.png", "c.png", "d.png", "e.png"], Directory.GetFiles(_f.PathOf("out")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void With_noise_the_noisy_input_is_written_beside_the_output()
    {
        string input = SavePng("digit.png", 28, 28);
        _f.Run(input, _f.PathOf("out.png"), noise: "mask:0.5");
        var clean = ImageFiles.Load(input).Pixels;
        var noisy = ImageFiles.Load(_f.PathOf("out.noisy.png")).Pixels;
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
        Assert.Equal(40, ImageFiles.Load(_f.PathOf("out", "b.png")).Width);
    }

    [Fact]
    public void A_folder_of_only_unreadable_images_writes_nothing()
    {
        Directory.CreateDirectory(_f.PathOf("in"));
        File.WriteAllText(_f.PathOf("in", "x.png"), "not an image");
        var (summary, _, warnings) = _f.Run(_f.PathOf("in"), _f.PathOf("out"));
        Assert.Equal(new DenoiseSummary(0, 1), summary);
        Assert.Contains("skipped x.png: not an image GpuAE can read (PNG, JPEG, BMP, GIF or WebP, or PGM)", warnings);
    }

    [Fact]
    public void An_idx_file_gives_an_idx_file_with_the_same_count()
    {
        int count = 9; // more than one batch of 4
        var pixels = GrayLevels.Quantize(TestData.Images(count, 28, 28, seed: 3));
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
        string input = _f.PathOf("empty.png");
        File.WriteAllBytes(input, Imaging.PngTestFiles.File(Imaging.PngTestFiles.Header(2, 2), Imaging.PngTestFiles.Chunk("IEND", [])));
        var e = Assert.Throws<ImageFormatException>(() => _f.Run(input, _f.PathOf("out.png")));
        Assert.StartsWith($"{input}: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
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
        File.WriteAllBytes(input, IdxWriter.ImagesToBytes(count, 28, 28, GrayLevels.Quantize(clean)));
        _f.Run(input, _f.PathOf("out-idx3-ubyte"), noise: "mask:0.5");
        var quantized = GrayLevels.Quantize(clean).Select(b => b / 255f).ToArray();
        using var denoiser = Denoiser.Load(_f.Checkpoint, _f.Accelerator, maxBatch: 64);
        var (noisy, _) = denoiser.Run(quantized, count, GpuAE.Noise.NoiseSpec.Parse("mask:0.5"), seed: 1);
        Assert.Equal(GrayLevels.Quantize(noisy), IdxReader.ReadImages(_f.PathOf("out-idx3-ubyte.noisy")).Pixels);
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
        Assert.Equal(20, ImageFiles.Load(_f.PathOf("out", "plain.png")).Width);
        Assert.True(File.Exists(_f.PathOf("out", "raw.png")));
    }
}
