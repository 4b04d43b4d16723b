namespace GpuAE.Data;

/// <summary>The datasets GpuAE knows by name, and their class names.</summary>
public static class KnownDatasets
{
    public const string Mnist = "mnist";
    public const string FashionMnist = "fashion-mnist";

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
}
