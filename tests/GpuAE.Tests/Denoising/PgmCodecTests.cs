using GpuAE.Imaging;

namespace GpuAE.Tests.Denoising;

public sealed class PgmCodecTests
{
    private static GrayImage Gradient(int width, int height) =>
        new(width, height, Enumerable.Range(0, width * height).Select(i => (i * 7 % 256) / 255f).ToArray());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_8_bit_image_round_trips_exactly(bool plain)
    {
        var image = Gradient(19, 7);
        var back = PgmCodec.Decode(PgmCodec.Encode(image, plain));
        Assert.Equal((19, 7), (back.Width, back.Height));
        Assert.Equal(image.Pixels, back.Pixels);
    }

    [Fact]
    public void A_plain_file_with_comments_and_a_small_maxval_is_scaled_by_maxval()
    {
        var image = PgmCodec.Decode("P2\n# made by hand\n2 1 # width height\n15\n0 15\n"u8.ToArray());
        Assert.Equal([0f, 1f], image.Pixels);
    }

    [Fact]
    public void Sixteen_bit_files_are_refused()
    {
        var e = Assert.Throws<ImageFormatException>(() => PgmCodec.Decode("P5 1 1 65535\n\0\0"u8.ToArray()));
        Assert.Contains("16-bit", e.Message);
    }

    [Fact]
    public void A_truncated_raw_file_says_how_much_is_missing()
    {
        var e = Assert.Throws<ImageFormatException>(() => PgmCodec.Decode("P5 4 4 255\nabc"u8.ToArray()));
        Assert.Contains("16 pixel bytes expected, 3 present", e.Message);
    }

    [Fact]
    public void A_value_above_maxval_is_refused()
    {
        var e = Assert.Throws<ImageFormatException>(() => PgmCodec.Decode("P2 1 1 100 200"u8.ToArray()));
        Assert.Contains("above maxval", e.Message);
    }
}
