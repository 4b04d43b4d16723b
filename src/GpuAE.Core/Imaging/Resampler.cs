namespace GpuAE.Imaging;

/// <summary>
/// Resizes gray images, one axis at a time: bilinear (pixel centres aligned, edges clamped) when an
/// axis grows, area averaging (each output pixel the coverage-weighted mean of the input pixels under
/// it) when it shrinks, so shrinking does not alias. Weights sum to one, so a constant image stays
/// constant.
/// </summary>
public static class Resampler
{
    public static GrayImage Resize(GrayImage image, int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"size must be positive, got {width}x{height}");
        if (width == image.Width && height == image.Height) return new GrayImage(width, height, (float[])image.Pixels.Clone());
        var wx = Weights(image.Width, width);
        var wy = Weights(image.Height, height);
        var rows = new float[image.Height * width]; // horizontal pass
        for (int y = 0; y < image.Height; y++)
            Apply(image.Pixels.AsSpan(y * image.Width, image.Width), 1, wx, rows.AsSpan(y * width), 1);
        var output = new float[width * height]; // vertical pass, column by column
        for (int x = 0; x < width; x++)
            Apply(rows.AsSpan(x), width, wy, output.AsSpan(x), width);
        return new GrayImage(width, height, output);
    }

    /// <summary>For each output position along an axis: the input indices and their weights.</summary>
    private static (int Index, float Weight)[][] Weights(int from, int to) =>
        Enumerable.Range(0, to).Select(o => to >= from ? Bilinear(o, from, to) : Area(o, from, to)).ToArray();

    private static (int, float)[] Bilinear(int o, int from, int to)
    {
        double centre = (o + 0.5) * from / to - 0.5;
        int left = (int)Math.Floor(centre);
        float t = (float)(centre - left);
        int a = Math.Clamp(left, 0, from - 1), b = Math.Clamp(left + 1, 0, from - 1);
        return a == b ? [(a, 1f)] : [(a, 1 - t), (b, t)];
    }

    private static (int, float)[] Area(int o, int from, int to)
    {
        double start = (double)o * from / to, end = (double)(o + 1) * from / to, span = end - start;
        var taps = new List<(int, float)>();
        for (int i = (int)Math.Floor(start); i < Math.Min(from, (int)Math.Ceiling(end)); i++)
        {
            double overlap = Math.Min(end, i + 1) - Math.Max(start, i);
            if (overlap > 0) taps.Add((i, (float)(overlap / span)));
        }
        return taps.ToArray();
    }

    private static void Apply(ReadOnlySpan<float> source, int sourceStride, (int Index, float Weight)[][] weights, Span<float> destination, int destinationStride)
    {
        for (int o = 0; o < weights.Length; o++)
        {
            float sum = 0;
            foreach (var (i, w) in weights[o]) sum += w * source[i * sourceStride];
            destination[o * destinationStride] = sum;
        }
    }
}
