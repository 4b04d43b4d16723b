using GpuAE.Imaging;

namespace GpuAE.Tests.Imaging;

public class PngRejectionTests
{
    private static byte[] ValidGray() => PngWriter.EncodeGray(PngTestFiles.Pattern(5, 4, 1), 5, 4);

    private static string RejectionMessage(byte[] png) =>
        Assert.Throws<ImageFormatException>(() => PngReader.Decode(png)).Message;

    private static byte[] WithHeader(byte[] header) => PngTestFiles.File(header,
        PngTestFiles.Chunk("IDAT", PngTestFiles.Zlib(new byte[5 * 4 * 2])), PngTestFiles.Chunk("IEND", []));

    [Fact]
    public void Flipped_byte_in_the_image_data_fails_the_CRC_check()
    {
        byte[] png = ValidGray();
        var idat = PngStructure.Chunks(png).Single(c => c.Type == "IDAT");
        png[idat.DataOffset + idat.Length / 2] ^= 0x01;

        Assert.Contains("CRC mismatch in chunk 'IDAT'", RejectionMessage(png));
    }

    [Fact]
    public void Flipped_byte_in_the_header_fails_the_CRC_check()
    {
        byte[] png = ValidGray();
        png[16 + 3] ^= 0x80; // low byte of the width

        Assert.Contains("CRC mismatch in chunk 'IHDR'", RejectionMessage(png));
    }

    [Fact]
    public void Interlaced_image_is_rejected()
    {
        Assert.Equal("interlaced (Adam7) images are not supported", RejectionMessage(WithHeader(PngTestFiles.Header(5, 4, interlace: 1))));
    }

    [Fact]
    public void Sixteen_bit_image_is_rejected()
    {
        Assert.Equal("unsupported bit depth 16 (only 8-bit images are supported)", RejectionMessage(WithHeader(PngTestFiles.Header(5, 4, bitDepth: 16))));
    }

    [Fact]
    public void Palette_image_is_rejected()
    {
        Assert.Equal("palette (indexed-colour) images are not supported", RejectionMessage(WithHeader(PngTestFiles.Header(5, 4, colorType: 3))));
    }

    [Fact]
    public void Invalid_colour_type_is_rejected()
    {
        Assert.Equal("invalid colour type 5", RejectionMessage(WithHeader(PngTestFiles.Header(5, 4, colorType: 5))));
    }

    [Fact]
    public void Zero_width_is_rejected()
    {
        Assert.Equal("invalid image size 0x4", RejectionMessage(WithHeader(PngTestFiles.Header(0, 4))));
    }

    [Fact]
    public void Absurd_size_is_rejected_before_allocating()
    {
        Assert.StartsWith("image 100000x100000 is too large", RejectionMessage(WithHeader(PngTestFiles.Header(100000, 100000))));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(20)]
    [InlineData(40)]
    [InlineData(-12)]
    [InlineData(-3)]
    public void Truncated_file_is_rejected(int keep)
    {
        byte[] png = ValidGray();
        byte[] cut = png[..(keep > 0 ? keep : png.Length + keep)];

        Assert.StartsWith("truncated", RejectionMessage(cut));
    }

    [Fact]
    public void Non_PNG_data_is_rejected_by_signature()
    {
        Assert.Equal("not a PNG file (bad signature)", RejectionMessage("GIF89a and some more bytes"u8.ToArray()));
    }

    [Fact]
    public void Image_data_shorter_than_the_header_promises_is_rejected()
    {
        byte[] png = PngTestFiles.File(PngTestFiles.Header(5, 4),
            PngTestFiles.Chunk("IDAT", PngTestFiles.Zlib(new byte[12])), PngTestFiles.Chunk("IEND", []));

        Assert.Equal("image data too short: expected 24 bytes after decompression, got 12", RejectionMessage(png));
    }

    [Fact]
    public void Corrupt_compressed_stream_is_rejected()
    {
        byte[] png = PngTestFiles.File(PngTestFiles.Header(5, 4),
            PngTestFiles.Chunk("IDAT", [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF]), PngTestFiles.Chunk("IEND", []));

        Assert.Equal("corrupt compressed image data", RejectionMessage(png));
    }

    [Fact]
    public void Unknown_filter_type_is_rejected_with_its_row()
    {
        byte[] raw = PngTestFiles.Filtered(new byte[20], 5, 4, 1, 0);
        raw[2 * 6] = 9;
        byte[] png = PngTestFiles.File(PngTestFiles.Header(5, 4),
            PngTestFiles.Chunk("IDAT", PngTestFiles.Zlib(raw)), PngTestFiles.Chunk("IEND", []));

        Assert.Equal("invalid filter type 9 on row 2", RejectionMessage(png));
    }

    [Fact]
    public void Unknown_critical_chunk_is_rejected()
    {
        byte[] png = PngTestFiles.File(PngTestFiles.Header(1, 1), PngTestFiles.Chunk("ABCD", []),
            PngTestFiles.Chunk("IDAT", PngTestFiles.Zlib([0, 0])), PngTestFiles.Chunk("IEND", []));

        Assert.Equal("unsupported critical chunk 'ABCD'", RejectionMessage(png));
    }

    [Fact]
    public void Missing_image_data_is_rejected()
    {
        byte[] png = PngTestFiles.File(PngTestFiles.Header(1, 1), PngTestFiles.Chunk("IEND", []));

        Assert.Equal("no image data (IDAT chunk) before IEND", RejectionMessage(png));
    }

    [Fact]
    public void Load_puts_the_file_name_in_front_of_the_problem()
    {
        string path = Path.Combine(Path.GetTempPath(), $"gpuae-bad-{Guid.NewGuid():N}.png");
        File.WriteAllText(path, "not an image");
        try
        {
            var e = Assert.Throws<ImageFormatException>(() => PngReader.Load(path));
            Assert.Equal($"{path}: not a PNG file (bad signature)", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Load_of_a_missing_file_names_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"gpuae-missing-{Guid.NewGuid():N}.png");

        var e = Assert.Throws<ImageFormatException>(() => PngReader.Load(path));

        Assert.StartsWith($"{path}: cannot read file", e.Message);
    }
}
