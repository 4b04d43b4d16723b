using System.Buffers.Binary;
using System.Text;
using GpuAE.IO;

namespace GpuAE.Imaging;

/// <summary>PNG file framing shared by the writer and the reader: signature, chunk layout, colour types.</summary>
internal static class PngChunk
{
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public const byte ColorGray = 0, ColorRgb = 2, ColorPalette = 3, ColorGrayAlpha = 4, ColorRgba = 6;

    /// <summary>Writes one chunk: 4-byte big-endian length, type, data, CRC-32 over type and data.</summary>
    public static void Write(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        Encoding.ASCII.GetBytes(type, header[4..]);
        uint crc = Crc32.Append(Crc32.Compute(header[4..]), data);
        Span<byte> trailer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(trailer, crc);
        output.Write(header);
        output.Write(data);
        output.Write(trailer);
    }

    public static int ChannelsOf(byte colorType) => colorType switch
    {
        ColorGray => 1,
        ColorGrayAlpha => 2,
        ColorRgb => 3,
        ColorRgba => 4,
        _ => 0,
    };

    public static byte ColorTypeOf(int channels) => channels switch
    {
        1 => ColorGray,
        2 => ColorGrayAlpha,
        3 => ColorRgb,
        4 => ColorRgba,
        _ => throw new ArgumentOutOfRangeException(nameof(channels), $"channels must be 1..4, got {channels}"),
    };
}
