using System.Buffers.Binary;
using System.IO.Compression;
using GpuAE.IO;

namespace GpuAE.Imaging;

/// <summary>How the writer picks the per-row PNG filter.</summary>
public enum PngFilterMode
{
    /// <summary>Filter type 0 on every row: fastest, largest files.</summary>
    None,
    /// <summary>Per row, the filter with the smallest sum of absolute residuals (libpng's heuristic).</summary>
    Adaptive,
}

/// <summary>
/// Encodes 8-bit, non-interlaced PNG files (gray, gray+alpha, RGB, RGBA). Pixels are row-major with
/// interleaved channels, no row padding.
/// </summary>
public static class PngWriter
{
    /// <summary>Image data is split into IDAT chunks of at most this many bytes, as common encoders do.</summary>
    private const int MaxIdatLength = 1 << 18;

    public static byte[] EncodeGray(ReadOnlySpan<byte> pixels, int width, int height, PngFilterMode filter = PngFilterMode.Adaptive) =>
        Encode(pixels, width, height, 1, filter);

    public static byte[] EncodeRgb(ReadOnlySpan<byte> rgb, int width, int height, PngFilterMode filter = PngFilterMode.Adaptive) =>
        Encode(rgb, width, height, 3, filter);

    /// <summary>Gray levels in [0,1] (clamped; NaN becomes 0) quantised to 8 bits with rounding.</summary>
    public static byte[] EncodeGray(ReadOnlySpan<float> gray, int width, int height, PngFilterMode filter = PngFilterMode.Adaptive) =>
        Encode(Quantize(gray), width, height, 1, filter);

    public static byte[] Encode(PngImage image, PngFilterMode filter = PngFilterMode.Adaptive) =>
        Encode(image.Pixels, image.Width, image.Height, image.Channels, filter);

    public static void SaveGray(string path, ReadOnlySpan<byte> pixels, int width, int height) =>
        AtomicFile.WriteAllBytes(path, EncodeGray(pixels, width, height));

    public static void SaveGray(string path, ReadOnlySpan<float> gray, int width, int height) =>
        AtomicFile.WriteAllBytes(path, EncodeGray(gray, width, height));

    public static void SaveRgb(string path, ReadOnlySpan<byte> rgb, int width, int height) =>
        AtomicFile.WriteAllBytes(path, EncodeRgb(rgb, width, height));

    public static void Save(string path, PngImage image) => AtomicFile.WriteAllBytes(path, Encode(image));

    /// <summary>Maps [0,1] to 0..255 with rounding; out-of-range values clamp, NaN becomes 0.</summary>
    public static byte[] Quantize(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            bytes[i] = float.IsNaN(v) ? (byte)0 : (byte)MathF.Round(Math.Clamp(v, 0f, 1f) * 255f);
        }
        return bytes;
    }

    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels, PngFilterMode filter = PngFilterMode.Adaptive)
    {
        byte colorType = PngChunk.ColorTypeOf(channels);
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"PNG size must be positive, got {width}x{height}");
        long stride = (long)width * channels;
        if ((stride + 1) * height > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(width), $"PNG {width}x{height}x{channels} is too large to encode");
        if (pixels.Length != stride * height)
            throw new ArgumentException($"expected {stride * height} pixel bytes for {width}x{height}x{channels}, got {pixels.Length}", nameof(pixels));

        using var file = new MemoryStream();
        file.Write(PngChunk.Signature);
        PngChunk.Write(file, "IHDR", Header(width, height, colorType));
        WriteImageData(file, Compress(pixels, (int)stride, height, channels, filter));
        PngChunk.Write(file, "IEND", []);
        return file.ToArray();
    }

    private static byte[] Header(int width, int height, byte colorType)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;          // bit depth
        ihdr[9] = colorType;
        ihdr[10] = 0;         // compression: deflate
        ihdr[11] = 0;         // filter method: adaptive (the five filter types)
        ihdr[12] = 0;         // no interlace
        return ihdr;
    }

    private static byte[] Compress(ReadOnlySpan<byte> pixels, int stride, int height, int bpp, PngFilterMode mode)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var line = new byte[stride + 1];
            var prior = new byte[stride];
            var scratch = new byte[stride];
            for (int y = 0; y < height; y++)
            {
                var row = pixels.Slice(y * stride, stride);
                byte type = mode == PngFilterMode.Adaptive ? PngFilter.ChooseAdaptive(row, prior, bpp, scratch) : PngFilter.None;
                line[0] = type;
                PngFilter.Apply(type, row, prior, bpp, line.AsSpan(1));
                zlib.Write(line);
                row.CopyTo(prior);
            }
        }
        return compressed.ToArray();
    }

    private static void WriteImageData(Stream file, byte[] compressed)
    {
        for (int offset = 0; offset < compressed.Length; offset += MaxIdatLength)
            PngChunk.Write(file, "IDAT", compressed.AsSpan(offset, Math.Min(MaxIdatLength, compressed.Length - offset)));
    }
}
