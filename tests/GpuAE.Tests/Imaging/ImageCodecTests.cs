using GpuAE.Imaging;

namespace GpuAE.Tests.Imaging;

/// <summary>Every image format `denoise` reads, decoded to gray through SkiaSharp, and the PNG it writes.</summary>
public class ImageCodecTests
{
    private const int W = 13, H = 11; // odd sizes: partial Adam7 blocks, padded BMP rows

    [Fact]
    public void An_8_bit_gray_png_decodes_to_its_exact_levels()
    {
        byte[] levels = TestImageFiles.Levels(W, H);
        var png = PngTestFiles.WithFilter(levels, W, H, 1, filterType: 4);

        var (width, height, gray) = ImageCodec.DecodeGray(png);

        Assert.Equal((W, H), (width, height));
        Assert.Equal(0, TestImageFiles.MaxLevelError(gray, levels));
    }

    [Fact]
    public void A_16_bit_gray_png_decodes_to_its_levels_rounded_to_8_bits()
    {
        var samples = Enumerable.Range(0, W * H).Select(i => (ushort)(i * 65535 / (W * H - 1))).ToArray();

        var (_, _, gray) = ImageCodec.DecodeGray(TestImageFiles.Gray16Png(samples, W, H));

        Assert.InRange(TestImageFiles.MaxLevelError(gray, samples.Select(s => (byte)Math.Round(s / 257.0)).ToArray()), 0, 1);
        Assert.Equal(0f, gray[0]);
        Assert.Equal(1f, gray[^1]);
    }

    [Fact]
    public void An_rgb_png_is_reduced_with_BT601_luma()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255];

        var (_, _, gray) = ImageCodec.DecodeGray(TestImageFiles.ColourPng(rgb, 4, 1, channels: 3));

        Assert.Equal([0.299f, 0.587f, 0.114f, 1f], gray, new Tolerance(1e-5f));
    }

    [Fact]
    public void Alpha_is_ignored_and_the_stored_colour_kept()
    {
        byte[] rgba = [51, 51, 51, 0, 255, 255, 255, 128];

        var (_, _, gray) = ImageCodec.DecodeGray(TestImageFiles.ColourPng(rgba, 2, 1, channels: 4));

        Assert.Equal([0.2f, 1f], gray, new Tolerance(1e-5f));
    }

    [Fact]
    public void A_palette_png_decodes_through_its_palette()
    {
        (byte, byte, byte)[] palette = [(0, 0, 0), (255, 255, 255), (255, 0, 0)];
        byte[] indices = Enumerable.Range(0, W * H).Select(i => (byte)(i % 3)).ToArray();

        var (_, _, gray) = ImageCodec.DecodeGray(TestImageFiles.PalettePng(indices, palette, W, H));

        Assert.Equal(indices.Select(i => i switch { 0 => 0f, 1 => 1f, _ => 0.299f }).ToArray(), gray, new Tolerance(1e-5f));
    }

    [Fact]
    public void An_interlaced_png_decodes_to_the_same_levels()
    {
        byte[] levels = TestImageFiles.Levels(W, H, seed: 2);

        var (_, _, gray) = ImageCodec.DecodeGray(TestImageFiles.InterlacedGrayPng(levels, W, H));

        Assert.Equal(0, TestImageFiles.MaxLevelError(gray, levels));
    }

    [Fact]
    public void A_bmp_decodes_to_its_levels()
    {
        byte[] levels = TestImageFiles.Levels(W, H, seed: 3);

        var (width, height, gray) = ImageCodec.DecodeGray(TestImageFiles.Bmp(levels.SelectMany(v => new[] { v, v, v }).ToArray(), W, H));

        Assert.Equal((W, H), (width, height));
        Assert.Equal(0, TestImageFiles.MaxLevelError(gray, levels));
    }

    [Fact]
    public void A_gif_decodes_to_its_levels()
    {
        byte[] levels = TestImageFiles.Levels(30, 20, seed: 4); // 600 pixels: several clear codes

        var (width, height, gray) = ImageCodec.DecodeGray(TestImageFiles.Gif(levels, 30, 20));

        Assert.Equal((30, 20), (width, height));
        Assert.Equal(0, TestImageFiles.MaxLevelError(gray, levels));
    }

    [Fact]
    public void A_lossless_webp_decodes_to_its_levels()
    {
        byte[] levels = TestImageFiles.Levels(W, H, seed: 5);

        var (_, _, gray) = ImageCodec.DecodeGray(TestImageFiles.Webp(levels, W, H));

        Assert.Equal(0, TestImageFiles.MaxLevelError(gray, levels));
    }

    [Fact]
    public void A_jpeg_decodes_to_nearly_its_levels()
    {
        // smooth content: JPEG's loss stays small there
        byte[] levels = Enumerable.Range(0, 32 * 32).Select(i => (byte)(4 * (i % 32) + 2 * (i / 32))).ToArray();

        var (width, height, gray) = ImageCodec.DecodeGray(TestImageFiles.Jpeg(levels, 32, 32));

        Assert.Equal((32, 32), (width, height));
        Assert.InRange(TestImageFiles.MaxLevelError(gray, levels), 0, 12);
    }

    [Fact]
    public void Bytes_that_are_no_image_are_refused_in_one_line()
    {
        var e = Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeGray("hello, not an image"u8.ToArray()));

        Assert.Equal("not an image GpuAE can read (PNG, JPEG, BMP, GIF or WebP, or PGM)", e.Message);
    }

    [Fact]
    public void A_png_cut_short_is_refused_as_truncated()
    {
        byte[] png = TestImageFiles.GrayPng(TestData.Images(1, 40, 40, 1), 40, 40);

        var e = Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeGray(png[..(png.Length * 2 / 3)]));

        Assert.StartsWith("truncated", e.Message);
    }

    [Fact]
    public void A_png_whose_data_is_corrupt_is_refused()
    {
        byte[] png = TestImageFiles.GrayPng(TestData.Images(1, 40, 40, 1), 40, 40);
        var idat = PngStructure.Chunks(png).Single(c => c.Type == "IDAT");
        for (int i = idat.DataOffset + 2; i < idat.DataOffset + idat.Length; i++) png[i] ^= 0x5A;

        Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeGray(png));
    }

    [Fact]
    public void The_written_png_is_8_bit_gray_and_reads_back_to_the_same_levels()
    {
        byte[] levels = TestImageFiles.Levels(W, H, seed: 6);

        byte[] png = ImageCodec.EncodeGrayPng(levels, W, H);
        var header = PngStructure.Chunks(png)[0];

        Assert.Equal("IHDR", header.Type);
        Assert.Equal((8, 0), (png[header.DataOffset + 8], png[header.DataOffset + 9])); // bit depth 8, colour type gray
        Assert.Equal(0, TestImageFiles.MaxLevelError(ImageCodec.DecodeGray(png).Gray, levels));
    }

    [Fact]
    public void Encoding_checks_the_level_count_against_the_size()
    {
        var e = Assert.Throws<ArgumentException>(() => ImageCodec.EncodeGrayPng(new byte[10], 4, 4));

        Assert.Contains("expected 16 levels for 4x4, got 10", e.Message);
    }

    [Fact]
    public void Quantizing_rounds_clamps_and_maps_NaN_to_black()
    {
        Assert.Equal([0, 0, 128, 255, 255, 0], GrayLevels.Quantize([0f, -1f, 0.5f, 1f, 7f, float.NaN]));
    }

    private sealed class Tolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(float v) => 0;
    }
}
