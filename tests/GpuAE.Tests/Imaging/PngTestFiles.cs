using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using GpuAE.IO;

namespace GpuAE.Tests.Imaging;

/// <summary>
/// Builds PNG files by hand, independently of PngWriter, so the reader is checked against the PNG
/// specification rather than against our own encoder: explicit filter types, header fields, chunk
/// splits and extra chunks.
/// </summary>
internal static class PngTestFiles
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        uint crc = Crc32.Compute(chunk.AsSpan(4, 4 + data.Length));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), crc);
        return chunk;
    }

    public static byte[] Header(int width, int height, byte bitDepth = 8, byte colorType = 0, byte interlace = 0)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = bitDepth;
        ihdr[9] = colorType;
        ihdr[12] = interlace;
        return Chunk("IHDR", ihdr);
    }

    public static byte[] Zlib(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true)) z.Write(raw);
        return output.ToArray();
    }

    public static byte[] File(params byte[][] chunks) => [.. Signature, .. chunks.SelectMany(c => c)];

    /// <summary>A complete 8-bit PNG whose every row uses <paramref name="filterType"/>.</summary>
    public static byte[] WithFilter(byte[] pixels, int width, int height, int channels, byte filterType)
    {
        byte colorType = channels switch { 1 => 0, 2 => 4, 3 => 2, _ => 6 };
        byte[] raw = Filtered(pixels, width * channels, height, channels, filterType);
        return File(Header(width, height, colorType: colorType), Chunk("IDAT", Zlib(raw)), Chunk("IEND", []));
    }

    /// <summary>Scanlines with a filter-type byte each, computed straight from the spec's formulas.</summary>
    public static byte[] Filtered(byte[] pixels, int stride, int height, int bpp, byte filterType)
    {
        var raw = new byte[(stride + 1) * height];
        for (int y = 0; y < height; y++)
        {
            raw[y * (stride + 1)] = filterType;
            for (int x = 0; x < stride; x++)
            {
                int Orig(int yy, int xx) => yy < 0 || xx < 0 ? 0 : pixels[yy * stride + xx];
                int a = Orig(y, x - bpp), b = Orig(y - 1, x), c = Orig(y - 1, x - bpp);
                int prediction = filterType switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new ArgumentOutOfRangeException(nameof(filterType)),
                };
                raw[y * (stride + 1) + 1 + x] = unchecked((byte)(Orig(y, x) - prediction));
            }
        }
        return raw;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>Deterministic pixels with edges, gradients and extremes, so every filter has work to do.</summary>
    public static byte[] Pattern(int width, int height, int channels, int seed = 1)
    {
        var rng = new Random(seed);
        var pixels = new byte[width * height * channels];
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = (i % 7) switch { 0 => 0, 1 => 255, 2 => (byte)(i * 3), _ => (byte)rng.Next(256) };
        return pixels;
    }
}
