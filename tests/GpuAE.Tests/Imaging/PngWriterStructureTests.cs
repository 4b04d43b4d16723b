using System.Buffers.Binary;
using GpuAE.Imaging;
using GpuAE.IO;

namespace GpuAE.Tests.Imaging;

public class PngWriterStructureTests
{
    [Fact]
    public void File_starts_with_the_PNG_signature()
    {
        byte[] png = PngWriter.EncodeGray(new byte[6], 3, 2);

        Assert.Equal(PngTestFiles.Signature, png[..8]);
    }

    [Fact]
    public void Chunks_are_IHDR_then_IDAT_then_IEND()
    {
        var types = PngStructure.Chunks(PngWriter.EncodeGray(new byte[6], 3, 2)).Select(c => c.Type);

        Assert.Equal(["IHDR", "IDAT", "IEND"], types);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 2)]
    public void IHDR_records_size_bit_depth_colour_type_and_no_interlace(int channels, byte colorType)
    {
        byte[] png = PngWriter.Encode(new PngImage(28, 5, channels, new byte[28 * 5 * channels]));
        var ihdr = PngStructure.Chunks(png)[0];
        var data = png.AsSpan(ihdr.DataOffset, ihdr.Length);

        Assert.Equal(13, ihdr.Length);
        Assert.Equal(28, BinaryPrimitives.ReadInt32BigEndian(data));
        Assert.Equal(5, BinaryPrimitives.ReadInt32BigEndian(data[4..]));
        Assert.Equal(8, data[8]);
        Assert.Equal(colorType, data[9]);
        Assert.Equal(new byte[] { 0, 0, 0 }, data[10..13].ToArray());
    }

    [Fact]
    public void Every_chunk_carries_the_CRC_of_its_type_and_data()
    {
        byte[] png = PngWriter.EncodeRgb(PngTestFiles.Pattern(9, 9, 3), 9, 9);

        foreach (var chunk in PngStructure.Chunks(png))
            Assert.Equal(Crc32.Compute(png.AsSpan(chunk.Offset + 4, 4 + chunk.Length)), chunk.StoredCrc);
    }

    [Fact]
    public void Adaptive_filtering_makes_a_smooth_gradient_smaller_than_no_filtering()
    {
        var gradient = new byte[64 * 64 * 3];
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++)
                for (int c = 0; c < 3; c++)
                    gradient[(y * 64 + x) * 3 + c] = (byte)(x * 3 + y * 5 + c * 40);

        int adaptive = PngWriter.EncodeRgb(gradient, 64, 64, PngFilterMode.Adaptive).Length;
        int none = PngWriter.EncodeRgb(gradient, 64, 64, PngFilterMode.None).Length;

        Assert.True(adaptive < none, $"adaptive {adaptive} bytes, unfiltered {none} bytes");
    }
}
