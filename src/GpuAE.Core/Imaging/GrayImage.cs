namespace GpuAE.Imaging;

/// <summary>A grayscale image: <see cref="Height"/> rows of <see cref="Width"/> levels in [0,1], row-major.</summary>
public sealed record GrayImage
{
    public GrayImage(int width, int height, float[] pixels)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"image size must be positive, got {width}x{height}");
        if (pixels.Length != (long)width * height)
            throw new ArgumentException($"expected {(long)width * height} pixels for {width}x{height}, got {pixels.Length}", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public float[] Pixels { get; }

    public string Size => $"{Width}x{Height}";
}
