using GpuAE.Imaging;

namespace GpuAE.Tests.Imaging;

public class PngRoundTripTests
{
    public static TheoryData<int, int, PngFilterMode> Sizes => new()
    {
        { 1, 1, PngFilterMode.Adaptive },
        { 3, 5, PngFilterMode.Adaptive },
        { 28, 28, PngFilterMode.Adaptive },
        { 1, 1, PngFilterMode.None },
        { 3, 5, PngFilterMode.None },
        { 28, 28, PngFilterMode.None },
    };

    [Theory, MemberData(nameof(Sizes))]
    public void Gray_image_decodes_to_the_same_pixels(int width, int height, PngFilterMode filter)
    {
        byte[] pixels = PngTestFiles.Pattern(width, height, 1);

        var image = PngReader.Decode(PngWriter.EncodeGray(pixels, width, height, filter));

        Assert.Equal((width, height, 1), (image.Width, image.Height, image.Channels));
        Assert.Equal(pixels, image.Pixels);
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Rgb_image_decodes_to_the_same_pixels(int width, int height, PngFilterMode filter)
    {
        byte[] pixels = PngTestFiles.Pattern(width, height, 3);

        var image = PngReader.Decode(PngWriter.EncodeRgb(pixels, width, height, filter));

        Assert.Equal((width, height, 3), (image.Width, image.Height, image.Channels));
        Assert.Equal(pixels, image.Pixels);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Images_with_alpha_decode_to_the_same_pixels(int channels)
    {
        byte[] pixels = PngTestFiles.Pattern(7, 4, channels);

        var image = PngReader.Decode(PngWriter.Encode(new PngImage(7, 4, channels, pixels)));

        Assert.Equal(channels, image.Channels);
        Assert.Equal(pixels, image.Pixels);
    }

    [Fact]
    public void Large_image_spans_several_IDAT_chunks_and_still_round_trips()
    {
        byte[] pixels = PngTestFiles.Pattern(700, 500, 3, seed: 7);
        byte[] png = PngWriter.EncodeRgb(pixels, 700, 500);

        Assert.True(PngStructure.Chunks(png).Count(c => c.Type == "IDAT") > 1);
        Assert.Equal(pixels, PngReader.Decode(png).Pixels);
    }

    [Fact]
    public void Float_gray_is_clamped_and_rounded_to_eight_bits()
    {
        float[] gray = [0f, 1f, 0.5f, -0.2f, 1.7f, float.NaN];

        var image = PngReader.Decode(PngWriter.EncodeGray(gray, 6, 1));

        Assert.Equal(new byte[] { 0, 255, 128, 0, 255, 0 }, image.Pixels);
    }

    [Fact]
    public void Save_writes_a_file_the_reader_loads()
    {
        string path = Path.Combine(Path.GetTempPath(), $"gpuae-png-{Guid.NewGuid():N}.png");
        try
        {
            byte[] pixels = PngTestFiles.Pattern(5, 3, 3);
            PngWriter.SaveRgb(path, pixels, 5, 3);
            Assert.Equal(pixels, PngReader.Load(path).Pixels);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Pixel_count_that_does_not_match_the_size_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => PngWriter.EncodeGray(new byte[10], 3, 3));
        Assert.Contains("expected 9 pixel bytes", e.Message);
    }
}
