using SkiaSharp;

namespace GpuAE.Imaging;

/// <summary>
/// Image files through SkiaSharp: reads PNG (any bit depth, gray, RGB, RGBA, palette, interlaced),
/// JPEG, BMP, GIF (first frame) and WebP as gray levels, and encodes PNG. Colour is reduced with
/// BT.601 luma from the stored (unpremultiplied) values, so alpha is ignored and a transparent pixel
/// keeps the colour the file gives it; no colour profile is applied. Problems are
/// <see cref="ImageFormatException"/>s with a one-line message.
/// </summary>
public static class ImageCodec
{
    /// <summary>Largest image accepted, in pixels (256 Mpx): a crafted header cannot make us allocate gigabytes.</summary>
    public const long MaxPixels = 1L << 28;

    public const string ReadableFormats = "PNG, JPEG, BMP, GIF or WebP";

    /// <summary>Width, height and row-major gray values in [0,1] of an encoded image.</summary>
    public static (int Width, int Height, float[] Gray) DecodeGray(byte[] data)
    {
        using var codec = SKCodec.Create(new MemoryStream(data, writable: false), out var created)
            ?? throw new ImageFormatException(created == SKCodecResult.IncompleteInput && HasKnownSignature(data)
                ? "truncated: the file ends inside its header"
                : $"not an image GpuAE can read ({ReadableFormats}, or PGM)");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0) throw new ImageFormatException($"invalid image size {info.Width}x{info.Height}");
        if ((long)info.Width * info.Height > MaxPixels)
            throw new ImageFormatException($"image {info.Width}x{info.Height} is too large (over {MaxPixels >> 20} Mpx)");
        // gray sources decode straight to 8-bit gray (byte for byte); anything else as RGBA, then luma
        return info.ColorType == SKColorType.Gray8
            ? (info.Width, info.Height, GrayLevels.ToUnit(Pixels(codec, new SKImageInfo(info.Width, info.Height, SKColorType.Gray8, SKAlphaType.Opaque))))
            : (info.Width, info.Height, Luma(Pixels(codec, new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul))));
    }

    /// <summary>Whether the data starts like a PNG, JPEG, GIF, BMP or WebP file (so a failure to read it means it is cut short).</summary>
    private static bool HasKnownSignature(ReadOnlySpan<byte> data) =>
        data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])
        || data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || data.StartsWith("GIF8"u8)
        || data.StartsWith("BM"u8)
        || (data.StartsWith("RIFF"u8) && data.Length >= 12 && data[8..12].SequenceEqual("WEBP"u8));

    private static byte[] Pixels(SKCodec codec, SKImageInfo target)
    {
        var pixels = new byte[target.BytesSize64];
        unsafe
        {
            fixed (byte* p = pixels)
            {
                var result = codec.GetPixels(target, (IntPtr)p);
                if (result is not (SKCodecResult.Success))
                    throw new ImageFormatException(result switch
                    {
                        SKCodecResult.IncompleteInput => "truncated: the image data ends early",
                        SKCodecResult.ErrorInInput => "corrupt image data",
                        _ => $"cannot be decoded ({result})",
                    });
            }
        }
        return pixels;
    }

    private static float[] Luma(byte[] rgba)
    {
        var gray = new float[rgba.Length / 4];
        for (int i = 0; i < gray.Length; i++) gray[i] = GrayLevels.Luma(rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]);
        return gray;
    }

    /// <summary>An 8-bit gray PNG of row-major levels.</summary>
    public static byte[] EncodeGrayPng(byte[] levels, int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"image size must be positive, got {width}x{height}");
        if (levels.Length != (long)width * height) throw new ArgumentException($"expected {(long)width * height} levels for {width}x{height}, got {levels.Length}", nameof(levels));
        var info = new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        unsafe
        {
            fixed (byte* p = levels)
            {
                using var pixmap = new SKPixmap(info, (IntPtr)p, width);
                return Encode(pixmap);
            }
        }
    }

    /// <summary>A bitmap (e.g. one drawn with text) as PNG.</summary>
    public static byte[] EncodePng(SKBitmap bitmap)
    {
        using var pixmap = bitmap.PeekPixels() ?? throw new InvalidOperationException("bitmap has no pixels to encode");
        return Encode(pixmap);
    }

    private static byte[] Encode(SKPixmap pixmap)
    {
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, zLibLevel: 6))
            ?? throw new ImageFormatException($"SkiaSharp could not encode a {pixmap.Width}x{pixmap.Height} PNG");
        return data.ToArray();
    }
}
