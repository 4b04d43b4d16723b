namespace GpuAE.Data;

/// <summary>
/// One split of a grey-scale image dataset held in memory: pixels scaled to [0,1], one image per
/// row of <see cref="Images"/> in row-major order, and one label per image, an index into
/// <see cref="ClassNames"/>. MNIST and Fashion-MNIST are 28x28 with 10 classes; your own data
/// (<see cref="DatasetLocation"/>) may have square images of any side and up to 256 classes. A
/// dataset of other sample shapes (the stacked autoencoder's 1 x units codes of the layer below) is
/// built with the constructor that takes the height and width. <see cref="Origin"/> says which
/// files it came from (null for data made in memory).
/// </summary>
public sealed class Dataset
{
    public const int ImageHeight = 28;
    public const int ImageWidth = 28;
    public const int PixelsPerImage = ImageHeight * ImageWidth;

    /// <summary>Labels are bytes: at most 256 classes.</summary>
    public const int MaxClasses = 256;

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
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count is 0 or > MaxClasses)
            throw new ArgumentException($"expected 1..{MaxClasses} class names, got {classNames.Count}", nameof(classNames));
        int bad = Array.FindIndex(labels, l => l >= classNames.Count);
        if (bad >= 0)
            throw new ArgumentException($"label {labels[bad]} of sample {bad} is outside the {classNames.Count} classes", nameof(labels));
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

    public int ClassCount => ClassNames.Count;

    /// <summary>The files this split was read from and how (null: made in memory); kept by <see cref="Take"/> and <see cref="Select"/>.</summary>
    public DatasetOrigin? Origin { get; init; }

    /// <summary>
    /// The same samples under other class names (a test split labelled by its training split's
    /// classes, or by a checkpoint's); every label must name one of them.
    /// </summary>
    public Dataset WithClassNames(IReadOnlyList<string> classNames) =>
        new(Name, Split, Images, Labels, classNames, Height, Width) { Origin = Origin is null ? null : Origin with { ClassNames = classNames } };

    public ReadOnlySpan<float> Image(int index) => Images.AsSpan(checked(index * SampleSize), SampleSize);

    /// <summary>
    /// The two splits labelled by one list of class names: equal lists stay, numbered names ("0".."K-1")
    /// of different lengths become the longer list (a split that lacks the highest labels); other
    /// differences are an error naming both.
    /// </summary>
    public static (Dataset Train, Dataset Test) WithSharedClasses(Dataset train, Dataset test)
    {
        var names = SharedClassNames(train.ClassNames, test.ClassNames)
            ?? throw new ArgumentException($"the train split has classes {Shown(train.ClassNames)} but the test split {Shown(test.ClassNames)}");
        return (ReferenceEquals(names, train.ClassNames) ? train : train.WithClassNames(names),
                ReferenceEquals(names, test.ClassNames) ? test : test.WithClassNames(names));
    }

    /// <summary>The one of two class-name lists that covers both (equal, or the other a prefix of it); null if neither does.</summary>
    public static IReadOnlyList<string>? SharedClassNames(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var (longer, shorter) = a.Count >= b.Count ? (a, b) : (b, a);
        return shorter.SequenceEqual(longer.Take(shorter.Count)) ? longer : null;
    }

    private static string Shown(IReadOnlyList<string> names) =>
        names.Count <= 6 ? $"[{string.Join(", ", names)}]" : $"[{string.Join(", ", names.Take(5))}, ... {names[^1]}] ({names.Count})";

    /// <summary>The same samples, recorded as read from <paramref name="origin"/>.</summary>
    public Dataset WithOrigin(DatasetOrigin origin) => new(Name, Split, Images, Labels, ClassNames, Height, Width) { Origin = origin };

    /// <summary>The first <paramref name="n"/> images (copied); this dataset itself when n >= Count.</summary>
    public Dataset Take(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n >= Count) return this;
        return new Dataset(Name, Split, Images[..(n * SampleSize)], Labels[..n], ClassNames, Height, Width) { Origin = Origin };
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
        return new Dataset(Name, split ?? Split, images, labels, ClassNames, Height, Width) { Origin = Origin };
    }

    /// <summary>Builds a dataset from raw 0..255 pixels (the on-disk form), each scaled to pixel/255.</summary>
    public static Dataset FromBytes(string name, string split, ReadOnlySpan<byte> pixels, byte[] labels, IReadOnlyList<string> classNames,
        int height = ImageHeight, int width = ImageWidth)
    {
        var images = new float[pixels.Length];
        PixelScaling.ToUnitRange(pixels, images);
        return new Dataset(name, split, images, labels, classNames, height, width);
    }

    /// <summary>The pixels back as 0..255 bytes (rounded), e.g. to write IDX files.</summary>
    public byte[] PixelBytes()
    {
        var bytes = new byte[Images.Length];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)Math.Clamp(MathF.Round(Images[i] * 255f), 0f, 255f);
        return bytes;
    }
}
