namespace GpuAE.Data;

/// <summary>
/// Loads datasets from the data directory (<c>data/&lt;dataset&gt;/</c>, the layout
/// <see cref="DatasetFetcher"/> writes) or from a CSV file. Known datasets are always checked
/// against the SHA-256 values of the embedded <see cref="DatasetManifest"/>.
/// </summary>
public static class DatasetStore
{
    public const string DefaultDataDir = "data";

    /// <param name="dataset">"mnist" or "fashion-mnist".</param>
    /// <param name="split">"train" or "test".</param>
    /// <exception cref="DatasetNotFoundException">unknown dataset or files not fetched yet</exception>
    /// <exception cref="DataFormatException">a file is malformed or does not match the manifest</exception>
    public static Dataset Load(string dataset, string split, string dataDir = DefaultDataDir) =>
        Load(dataset, split, dataDir, DatasetManifest.Embedded);

    internal static Dataset Load(string dataset, string split, string dataDir, DatasetManifest manifest)
    {
        if (!manifest.Contains(dataset))
            throw new DatasetNotFoundException(
                $"unknown dataset '{dataset}': known datasets are {string.Join(", ", manifest.Datasets)} (other data can be loaded from a CSV file)");
        string imagesName = IdxFileNames.Images(split);
        string labelsName = IdxFileNames.Labels(split);
        string images = FindFile(dataDir, dataset, split, imagesName);
        string labels = FindFile(dataDir, dataset, split, labelsName);
        try
        {
            return IdxReader.ReadDataset(images, labels, dataset, split,
                manifest.Sha256(dataset, imagesName), manifest.Sha256(dataset, labelsName));
        }
        catch (DataFormatException e)
        {
            throw new DataFormatException(e.File, $"{e.Problem}; run `{FetchCommand(dataset)}` to download it again", e);
        }
    }

    /// <summary>
    /// Loads a Kaggle-layout CSV file (see <see cref="CsvDatasetReader"/>). Unless given, the split
    /// is "test" when the file name contains "test" and "train" otherwise, and the name is the
    /// known dataset the file name starts with (fashion-mnist_train.csv is "fashion-mnist"), else the
    /// file name without extension.
    /// </summary>
    public static Dataset LoadCsv(string path, string? split = null, string? name = null)
    {
        if (!File.Exists(path)) throw new DatasetNotFoundException($"CSV file {path} not found");
        string stem = CsvStem(path);
        split ??= stem.Contains("test", StringComparison.OrdinalIgnoreCase) ? IdxFileNames.TestSplit : IdxFileNames.TrainSplit;
        name ??= KnownDatasets.Names.OrderByDescending(n => n.Length)
            .FirstOrDefault(n => stem.StartsWith(n, StringComparison.OrdinalIgnoreCase)
                && (stem.Length == n.Length || stem[n.Length] is '_' or '-' or '.'))
            ?? stem;
        return CsvDatasetReader.Read(path, name, split);
    }

    /// <summary><c>&lt;dataDir&gt;/&lt;dataset&gt;</c>: where a dataset's IDX files live.</summary>
    public static string DatasetDirectory(string dataDir, string dataset) => Path.Combine(dataDir, dataset);

    public static string FetchCommand(string dataset) => $"gpuae data fetch --dataset {dataset}";

    /// <summary>The gzipped file, or failing that an uncompressed one of the bare IDX name.</summary>
    private static string FindFile(string dataDir, string dataset, string split, string idxName)
    {
        string dir = DatasetDirectory(dataDir, dataset);
        string gz = Path.Combine(dir, idxName + IdxFileNames.GzipSuffix);
        if (File.Exists(gz)) return gz;
        string raw = Path.Combine(dir, idxName);
        if (File.Exists(raw)) return raw;
        throw new DatasetNotFoundException(
            $"{dataset} {split} set not found: {gz} is missing; run `{FetchCommand(dataset)}`");
    }

    private static string CsvStem(string path)
    {
        string name = Path.GetFileName(path);
        if (name.EndsWith(IdxFileNames.GzipSuffix, StringComparison.OrdinalIgnoreCase)) name = name[..^IdxFileNames.GzipSuffix.Length];
        return Path.GetFileNameWithoutExtension(name);
    }
}
