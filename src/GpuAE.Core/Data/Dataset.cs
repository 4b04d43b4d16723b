namespace GpuAE.Data;

/// <summary>
/// One split of a 28x28 grey-scale image dataset held in memory: pixels scaled to [0,1], one image per
/// row of <see cref="Images"/> in row-major order, and one label 0..9 per image.
/// </summary>
public sealed class Dataset
{
    public const int ImageHeight = 28;
    public const int ImageWidth = 28;
    public const int PixelsPerImage = ImageHeight * ImageWidth;
    public const int ClassCount = 10;

    public Dataset(string name, string split, float[] images, byte[] labels, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.Length != labels.Length * PixelsPerImage)
            throw new ArgumentException($"{images.Length} pixels do not make {labels.Length} images of {PixelsPerImage} pixels", nameof(images));
        if (classNames.Count != ClassCount)
            throw new ArgumentException($"expected {ClassCount} class names, got {classNames.Count}", nameof(classNames));
        Name = name;
        Split = split;
        Images = images;
        Labels = labels;
        ClassNames = classNames;
    }

    public string Name { get; }

    /// <summary>"train" or "test".</summary>
    public string Split { get; }

    public int Count => Labels.Length;
    public int Height => ImageHeight;
    public int Width => ImageWidth;

    /// <summary>Count * 784 pixels, each pixel/255, one image after another.</summary>
    public float[] Images { get; }

    public byte[] Labels { get; }

    public IReadOnlyList<string> ClassNames { get; }

    public ReadOnlySpan<float> Image(int index) => Images.AsSpan(checked(index * PixelsPerImage), PixelsPerImage);

    /// <summary>The first <paramref name="n"/> images (copied); this dataset itself when n >= Count.</summary>
    public Dataset Take(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n >= Count) return this;
        return new Dataset(Name, Split, Images[..(n * PixelsPerImage)], Labels[..n], ClassNames);
    }

    /// <summary>Builds a dataset from raw 0..255 pixels (the on-disk form), each scaled to pixel/255.</summary>
    public static Dataset FromBytes(string name, string split, ReadOnlySpan<byte> pixels, byte[] labels, IReadOnlyList<string> classNames)
    {
        var images = new float[pixels.Length];
        PixelScaling.ToUnitRange(pixels, images);
        return new Dataset(name, split, images, labels, classNames);
    }

    /// <summary>The pixels back as 0..255 bytes (rounded), e.g. to write IDX files.</summary>
    public byte[] PixelBytes()
    {
        var bytes = new byte[Images.Length];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)Math.Clamp(MathF.Round(Images[i] * 255f), 0f, 255f);
        return bytes;
    }
}
