namespace GpuAE.Data;

/// <summary>The datasets GpuAE knows by name, and their class names.</summary>
public static class KnownDatasets
{
    public const string Mnist = "mnist";
    public const string FashionMnist = "fashion-mnist";

    /// <summary>Both known datasets have ten classes of 28x28 images.</summary>
    public const int ClassCount = 10;
    public const int ImageSide = 28;

    /// <summary>Every dataset that <c>gpuae data fetch</c> can download, in fetch order.</summary>
    public static IReadOnlyList<string> Names { get; } = [Mnist, FashionMnist];

    public static IReadOnlyList<string> DigitClassNames { get; } =
        ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    public static IReadOnlyList<string> FashionClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public static bool IsKnown(string name) => Names.Contains(name);

    /// <summary>Fashion-MNIST names for "fashion-mnist", digits for everything else (MNIST and free-named CSVs).</summary>
    public static IReadOnlyList<string> ClassNamesFor(string dataset) =>
        dataset == FashionMnist ? FashionClassNames : DigitClassNames;

    /// <summary>
    /// Class names of data whose labels are plain numbers: a known dataset's names when the data
    /// carries its name, else "0".."K-1" for K = the largest label + 1.
    /// </summary>
    public static IReadOnlyList<string> ClassNamesFor(string dataset, ReadOnlySpan<byte> labels)
    {
        if (IsKnown(dataset)) return ClassNamesFor(dataset);
        int max = 0;
        foreach (byte label in labels) max = Math.Max(max, label);
        return Numbered(max + 1);
    }

    /// <summary>"0", "1", ... "k-1".</summary>
    public static IReadOnlyList<string> Numbered(int k) => [.. Enumerable.Range(0, k).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}
