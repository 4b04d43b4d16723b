using GpuAE.Imaging;

namespace GpuAE.Tests.Imaging;

public class PngReaderTests
{
    public static TheoryData<byte, int> FiltersAndChannels()
    {
        var data = new TheoryData<byte, int>();
        for (byte filter = 0; filter <= 4; filter++)
            foreach (int channels in new[] { 1, 2, 3, 4 })
                data.Add(filter, channels);
        return data;
    }

    [Theory, MemberData(nameof(FiltersAndChannels))]
    public void Decodes_every_filter_type_for_every_supported_colour_type(byte filter, int channels)
    {
        byte[] pixels = PngTestFiles.Pattern(6, 5, channels, seed: filter);

        var image = PngReader.Decode(PngTestFiles.WithFilter(pixels, 6, 5, channels, filter));

        Assert.Equal((6, 5, channels), (image.Width, image.Height, image.Channels));
        Assert.Equal(pixels, image.Pixels);
    }

    [Fact]
    public void Decodes_rows_that_each_use_a_different_filter()
    {
        byte[] pixels = PngTestFiles.Pattern(4, 5, 3);
        var raw = new List<byte>();
        for (byte row = 0; row < 5; row++)
        {
            // Filter the whole image with this row's filter and keep only this row: same as filtering it alone.
            byte[] all = PngTestFiles.Filtered(pixels, 12, 5, 3, row);
            raw.AddRange(all.AsSpan(row * 13, 13).ToArray());
        }
        byte[] png = PngTestFiles.File(PngTestFiles.Header(4, 5, colorType: 2),
            PngTestFiles.Chunk("IDAT", PngTestFiles.Zlib([.. raw])), PngTestFiles.Chunk("IEND", []));

        Assert.Equal(pixels, PngReader.Decode(png).Pixels);
    }

    [Fact]
    public void Image_data_split_over_several_IDAT_chunks_is_joined()
    {
        byte[] pixels = PngTestFiles.Pattern(8, 8, 1);
        byte[] z = PngTestFiles.Zlib(PngTestFiles.Filtered(pixels, 8, 8, 1, 4));
        byte[] png = PngTestFiles.File(PngTestFiles.Header(8, 8),
            PngTestFiles.Chunk("IDAT", z[..5]), PngTestFiles.Chunk("IDAT", z[5..9]), PngTestFiles.Chunk("IDAT", z[9..]),
            PngTestFiles.Chunk("IEND", []));

        Assert.Equal(pixels, PngReader.Decode(png).Pixels);
    }

    [Fact]
    public void Ancillary_chunks_are_skipped()
    {
        byte[] pixels = [10, 20, 30, 40];
        byte[] png = PngTestFiles.File(PngTestFiles.Header(2, 2),
            PngTestFiles.Chunk("tEXt", "Comment\0hello"u8.ToArray()),
            PngTestFiles.Chunk("IDAT", PngTestFiles.Zlib(PngTestFiles.Filtered(pixels, 2, 2, 1, 0))),
            PngTestFiles.Chunk("IEND", []));

        Assert.Equal(pixels, PngReader.Decode(png).Pixels);
    }

    [Fact]
    public void Gray_conversion_of_colour_uses_BT601_luma()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255];

        float[] gray = new PngImage(4, 1, 3, rgb).ToGray();

        Assert.Equal([0.299f, 0.587f, 0.114f, 1f], gray, new ToleranceComparer(1e-5f));
    }

    [Fact]
    public void Gray_conversion_ignores_alpha()
    {
        float[] gray = new PngImage(2, 1, 2, [51, 0, 255, 128]).ToGray();

        Assert.Equal([0.2f, 1f], gray, new ToleranceComparer(1e-6f));
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(float v) => 0;
    }
}
