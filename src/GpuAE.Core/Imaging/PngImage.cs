namespace GpuAE.Imaging;

/// <summary>
/// A decoded 8-bit image: <see cref="Pixels"/> holds <see cref="Height"/> rows of
/// <see cref="Width"/> pixels, each pixel <see cref="Channels"/> interleaved bytes
/// (1 = gray, 2 = gray+alpha, 3 = RGB, 4 = RGBA).
/// </summary>
public sealed class PngImage
{
    public int Width { get; }
    public int Height { get; }
    public int Channels { get; }
    public byte[] Pixels { get; }

    public PngImage(int width, int height, int channels, byte[] pixels)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"image size must be positive, got {width}x{height}");
        if (channels is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(channels), $"channels must be 1..4, got {channels}");
        if (pixels.Length != (long)width * height * channels)
            throw new ArgumentException($"expected {(long)width * height * channels} pixel bytes for {width}x{height}x{channels}, got {pixels.Length}", nameof(pixels));
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    /// <summary>
    /// Gray levels in [0,1], row-major. Colour is reduced with ITU-R BT.601 luma
    /// (0.299 R + 0.587 G + 0.114 B). Alpha is ignored: the stored colour values are taken as they
    /// are, so a transparent pixel keeps whatever colour the file gives it.
    /// </summary>
    public float[] ToGray()
    {
        int n = Width * Height;
        var gray = new float[n];
        bool colour = Channels >= 3;
        for (int i = 0, p = 0; i < n; i++, p += Channels)
        {
            float v = colour
                ? 0.299f * Pixels[p] + 0.587f * Pixels[p + 1] + 0.114f * Pixels[p + 2]
                : Pixels[p];
            gray[i] = v / 255f;
        }
        return gray;
    }
}
