namespace GpuAE.Data;

/// <summary>
/// One split of a 28x28 grey-scale image dataset held in memory: pixels scaled to [0,1], one image per
/// row of <see cref="Images"/> in row-major order, and one label 0..9 per image. A dataset of other
/// sample shapes (the stacked autoencoder's 1 x units codes of the layer below) is built with the
/// constructor that takes the height and width.
/// </summary>
public sealed class Dataset
{
    public const int ImageHeight = 28;
    public const int ImageWidth = 28;
    public const int PixelsPerImage = ImageHeight * ImageWidth;
    public const int ClassCount = 10;

    public Dataset(string name, string split, float[] images, byte[] labels, IReadOnlyList<string> classNames)
        : this(name, split, images, labels, classNames, ImageHeight, ImageWidth)
    {
    }

    public Dataset(string name, string split, float[] images, byte[] labels, IReadOnlyList<string> classNames, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (images.Length != (long)labels.Length * height * width)
            throw new ArgumentException($"{images.Length} values do not make {labels.Length} samples of {height}x{width}", nameof(images));
        if (classNames.Count != ClassCount)
            throw new ArgumentException($"expected {ClassCount} class names, got {classNames.Count}", nameof(classNames));
        Name = name;
        Split = split;
        Images = images;
        Labels = labels;
        ClassNames = classNames;
        Height = height;
        Width = width;
    }

    public string Name { get; }

    /// <summary>"train" or "test".</summary>
    public string Split { get; }

    public int Count => Labels.Length;
    public int Height { get; }
    public int Width { get; }

    /// <summary>Values per sample: 784 for the image datasets.</summary>
    public int SampleSize => Height * Width;

    /// <summary>Count * SampleSize values (for images: 784 pixels, each pixel/255), one sample after another.</summary>
    public float[] Images { get; }

    public byte[] Labels { get; }

    public IReadOnlyList<string> ClassNames { get; }

    public ReadOnlySpan<float> Image(int index) => Images.AsSpan(checked(index * SampleSize), SampleSize);

    /// <summary>The first <paramref name="n"/> images (copied); this dataset itself when n >= Count.</summary>
    public Dataset Take(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n >= Count) return this;
        return new Dataset(Name, Split, Images[..(n * SampleSize)], Labels[..n], ClassNames, Height, Width);
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order (copied), named <paramref name="split"/> (default: this split's name).</summary>
    public Dataset Select(IReadOnlyList<int> indices, string? split = null)
    {
        int size = SampleSize;
        var images = new float[indices.Count * size];
        var labels = new byte[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Images.AsSpan(checked(indices[i] * size), size).CopyTo(images.AsSpan(i * size, size));
            labels[i] = Labels[indices[i]];
        }
        return new Dataset(Name, split ?? Split, images, labels, ClassNames, Height, Width);
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
