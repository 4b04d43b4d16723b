namespace GpuAE.Data;

/// <summary>
/// The standard IDX file names shared by MNIST and Fashion-MNIST. These are the names of the
/// uncompressed content (the manifest hashes that content); on disk each is stored as name + ".gz".
/// </summary>
public static class IdxFileNames
{
    public const string GzipSuffix = ".gz";
    public const string TrainSplit = "train";
    public const string TestSplit = "test";

    public static IReadOnlyList<string> Splits { get; } = [TrainSplit, TestSplit];

    public static IReadOnlyList<string> All { get; } =
        [Images(TrainSplit), Labels(TrainSplit), Images(TestSplit), Labels(TestSplit)];

    public static string Images(string split) => $"{Prefix(split)}-images-idx3-ubyte";

    public static string Labels(string split) => $"{Prefix(split)}-labels-idx1-ubyte";

    /// <summary>The split ("train" or "test") an IDX file name belongs to.</summary>
    public static string SplitOf(string fileName) => fileName.StartsWith("t10k-", StringComparison.Ordinal) ? TestSplit : TrainSplit;

    private static string Prefix(string split) => split switch
    {
        TrainSplit => "train",
        TestSplit => "t10k",
        _ => throw new ArgumentException($"unknown split '{split}' (expected 'train' or 'test')", nameof(split)),
    };
}
