using System.Buffers.Binary;
using GpuAE.Imaging;
using SkiaSharp;

namespace GpuAE.Tests.Imaging;

/// <summary>
/// Image files of every kind `denoise` reads, built for tests: PNG variants by hand from the
/// specification (<see cref="PngTestFiles"/>: 16-bit, palette, interlaced), BMP and GIF by hand,
/// JPEG and WebP through SkiaSharp's encoders, plain gray PNG through <see cref="ImageCodec"/>.
/// </summary>
internal static class TestImageFiles
{
    public static byte[] GrayPng(float[] gray, int width, int height) => ImageCodec.EncodeGrayPng(GrayLevels.Quantize(gray), width, height);

    public static void SaveGrayPng(string path, float[] gray, int width, int height) => File.WriteAllBytes(path, GrayPng(gray, width, height));

    /// <summary>Gray levels of a test pattern with edges and gradients.</summary>
    public static byte[] Levels(int width, int height, int seed = 1) => PngTestFiles.Pattern(width, height, 1, seed);

    /// <summary>A 16-bit gray PNG (colour type 0, bit depth 16), big-endian samples.</summary>
    public static byte[] Gray16Png(ushort[] samples, int width, int height)
    {
        var raw = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(raw.AsSpan(2 * i), samples[i]);
        return PngTestFiles.File(PngTestFiles.Header(width, height, bitDepth: 16, colorType: 0),
            PngTestFiles.Chunk("IDAT", PngTestFiles.Zlib(PngTestFiles.Filtered(raw, width * 2, height, 2, 0))), PngTestFiles.Chunk("IEND", []));
    }

    /// <summary>An 8-bit RGB (3 channels) or RGBA (4) PNG, rows with the Paeth filter.</summary>
    public static byte[] ColourPng(byte[] pixels, int width, int height, int channels) =>
        PngTestFiles.WithFilter(pixels, width, height, channels, filterType: 4);

    /// <summary>An 8-bit palette PNG (colour type 3) with a PLTE chunk.</summary>
    public static byte[] PalettePng(byte[] indices, IReadOnlyList<(byte R, byte G, byte B)> palette, int width, int height)
    {
        byte[] plte = palette.SelectMany(c => new[] { c.R, c.G, c.B }).ToArray();
        return PngTestFiles.File(PngTestFiles.Header(width, height, colorType: 3), PngTestFiles.Chunk("PLTE", plte),
            PngTestFiles.Chunk("IDAT", PngTestFiles.Zlib(PngTestFiles.Filtered(indices, width, height, 1, 0))), PngTestFiles.Chunk("IEND", []));
    }

    /// <summary>An 8-bit gray Adam7-interlaced PNG: seven passes, each its own sub-image of unfiltered rows.</summary>
    public static byte[] InterlacedGrayPng(byte[] levels, int width, int height)
    {
        (int X0, int Y0, int Dx, int Dy)[] passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        var raw = new List<byte>();
        foreach (var (x0, y0, dx, dy) in passes)
        {
            int columns = x0 >= width ? 0 : (width - x0 + dx - 1) / dx;
            if (columns == 0) continue;
            for (int y = y0; y < height; y += dy)
            {
                raw.Add(0); // filter type None
                for (int x = x0; x < width; x += dx) raw.Add(levels[y * width + x]);
            }
        }
        return PngTestFiles.File(PngTestFiles.Header(width, height, interlace: 1), PngTestFiles.Chunk("IDAT", PngTestFiles.Zlib([.. raw])), PngTestFiles.Chunk("IEND", []));
    }

    /// <summary>A bottom-up 24-bit BMP (BITMAPINFOHEADER, rows padded to 4 bytes) of RGB pixels.</summary>
    public static byte[] Bmp(byte[] rgb, int width, int height)
    {
        int stride = (width * 3 + 3) & ~3, size = 54 + stride * height;
        var bmp = new byte[size];
        bmp[0] = (byte)'B'; bmp[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), size);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(34), stride * height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int source = (y * width + x) * 3, target = 54 + (height - 1 - y) * stride + x * 3;
                bmp[target] = rgb[source + 2]; bmp[target + 1] = rgb[source + 1]; bmp[target + 2] = rgb[source]; // BGR
            }
        return bmp;
    }

    /// <summary>
    /// A GIF87a with a 256-level gray palette. The LZW stream never grows past 9-bit codes: a clear
    /// code every 250 pixels keeps the table small, so each pixel is simply its own literal code.
    /// </summary>
    public static byte[] Gif(byte[] levels, int width, int height)
    {
        var gif = new List<byte>("GIF87a"u8.ToArray());
        gif.AddRange([(byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0xF7, 0, 0]); // global table of 2^8 colours
        for (int i = 0; i < 256; i++) gif.AddRange([(byte)i, (byte)i, (byte)i]);
        gif.AddRange([0x2C, 0, 0, 0, 0, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0, 8]); // image descriptor, min code size 8
        var codes = new List<int>();
        for (int i = 0; i < levels.Length; i++)
        {
            if (i % 250 == 0) codes.Add(256); // clear
            codes.Add(levels[i]);
        }
        codes.Add(257); // end of information
        var data = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (int code in codes)
        {
            buffer |= code << bits;
            bits += 9;
            while (bits >= 8) { data.Add((byte)buffer); buffer >>= 8; bits -= 8; }
        }
        if (bits > 0) data.Add((byte)buffer);
        for (int i = 0; i < data.Count; i += 255)
        {
            int n = Math.Min(255, data.Count - i);
            gif.Add((byte)n);
            gif.AddRange(data.GetRange(i, n));
        }
        gif.AddRange([0, 0x3B]); // block terminator, trailer
        return [.. gif];
    }

    public static byte[] Jpeg(byte[] levels, int width, int height) => EncodeWithSkia(levels, width, height, SKEncodedImageFormat.Jpeg, 95);

    /// <summary>Lossless WebP (quality 100).</summary>
    public static byte[] Webp(byte[] levels, int width, int height) => EncodeWithSkia(levels, width, height, SKEncodedImageFormat.Webp, 100);

    private static byte[] EncodeWithSkia(byte[] levels, int width, int height, SKEncodedImageFormat format, int quality)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                byte v = levels[y * width + x];
                bitmap.SetPixel(x, y, new SKColor(v, v, v));
            }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>Largest difference, in 8-bit levels, between decoded gray values and expected levels.</summary>
    public static int MaxLevelError(float[] gray, byte[] expected) =>
        gray.Zip(expected, (g, e) => Math.Abs((int)MathF.Round(g * 255) - e)).Max();
}
