namespace GpuAE.Data;

// PLACEHOLDER until the data branch lands (replaced by its Dataset).
public sealed class Dataset
{
    public required string Name { get; init; }
    public required string Split { get; init; }
    public int Count => Labels.Length;
    public int Height { get; init; } = 28;
    public int Width { get; init; } = 28;
    public required float[] Images { get; init; }
    public required byte[] Labels { get; init; }
    public IReadOnlyList<string> ClassNames { get; init; } = Enumerable.Range(0, 10).Select(i => i.ToString()).ToArray();
    public static Dataset FromArrays(string name, string split, float[] images, byte[] labels, int h, int w) => new() { Name = name, Split = split, Images = images, Labels = labels, Height = h, Width = w };
    public Dataset Take(int n) => n >= Count ? this : new Dataset { Name = Name, Split = Split, Images = Images[..(n * Height * Width)], Labels = Labels[..n], ClassNames = ClassNames };
}

// PLACEHOLDER until the data branch lands.
public static class DatasetStore
{
    public static Dataset Load(string dataset, string split, string dataDir = "data") => throw new DirectoryNotFoundException("placeholder");
}
public static class DatasetFetcher
{
    public static void Fetch(string dataset, string dir, Action<string> log) => throw new DirectoryNotFoundException("placeholder");
}
// PLACEHOLDER
public static class DatasetPlaceholderExtensions { }
