namespace GpuAE.Data;

/// <summary>
/// Loads the known datasets from the data directory (<c>data/&lt;dataset&gt;/</c>, the layout
/// <see cref="DatasetFetcher"/> writes), always checked against the SHA-256 values of the embedded
/// <see cref="DatasetManifest"/>, or a CSV file. <see cref="DatasetLocation"/> loads any `--dataset`.
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
                $"unknown dataset '{dataset}': known datasets are {string.Join(", ", manifest.Datasets)} (or give a CSV file, an IDX folder or an image folder)");
        string imagesName = IdxFileNames.Images(split);
        string labelsName = IdxFileNames.Labels(split);
        string images = FindFile(dataDir, dataset, split, imagesName);
        string labels = FindFile(dataDir, dataset, split, labelsName);
        try
        {
            var data = IdxReader.ReadDataset(images, labels, dataset, split,
                manifest.Sha256(dataset, imagesName), manifest.Sha256(dataset, labelsName));
            return new Dataset(data.Name, data.Split, data.Images, data.Labels, data.ClassNames, data.Height, data.Width)
            {
                Origin = new DatasetOrigin
                {
                    Name = dataset, Kind = DatasetOrigin.Builtin, Location = dataset, Split = split, ClassNames = data.ClassNames, ImageSize = data.Height,
                    Files = [ManifestRecord(images, manifest.Sha256(dataset, imagesName)), ManifestRecord(labels, manifest.Sha256(dataset, labelsName))],
                },
            };
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
        split ??= CsvSplit(path);
        name ??= CsvName(path);
        return CsvDatasetReader.Read(path, name, split);
    }

    /// <summary>"test" when the file name contains "test" and not "train"; else "train".</summary>
    public static string CsvSplit(string path)
    {
        string stem = CsvStem(path);
        return stem.Contains("test", StringComparison.OrdinalIgnoreCase) && !stem.Contains("train", StringComparison.OrdinalIgnoreCase)
            ? IdxFileNames.TestSplit : IdxFileNames.TrainSplit;
    }

    /// <summary>
    /// The known dataset a CSV file name starts with (fashion-mnist_train.csv is "fashion-mnist"),
    /// else the name without extension and without a train/test word at its end (shoes_train.csv is "shoes").
    /// </summary>
    public static string CsvName(string path)
    {
        string stem = CsvStem(path);
        string? known = KnownDatasets.Names.OrderByDescending(n => n.Length)
            .FirstOrDefault(n => stem.StartsWith(n, StringComparison.OrdinalIgnoreCase)
                && (stem.Length == n.Length || stem[n.Length] is '_' or '-' or '.'));
        if (known is not null) return known;
        foreach (string word in new[] { "train", "test" })
            if (stem.Length > word.Length && stem.EndsWith(word, StringComparison.OrdinalIgnoreCase) && stem[^(word.Length + 1)] is '_' or '-' or '.')
                return stem[..^(word.Length + 1)];
        return stem;
    }

    /// <summary><c>&lt;dataDir&gt;/&lt;dataset&gt;</c>: where a dataset's IDX files live.</summary>
    public static string DatasetDirectory(string dataDir, string dataset) => Path.Combine(dataDir, dataset);

    public static string FetchCommand(string dataset) => $"gpuae data fetch --dataset {dataset}";

    private static DataFileRecord ManifestRecord(string path, string sha256) =>
        new(Path.GetFullPath(path), new FileInfo(path).Length, sha256, DataFileRecord.Content);

    private static string FindFile(string dataDir, string dataset, string split, string idxName) =>
        FindIdxFile(DatasetDirectory(dataDir, dataset), idxName)
        ?? throw new DatasetNotFoundException(
            $"{dataset} {split} set not found: {Path.Combine(DatasetDirectory(dataDir, dataset), idxName + IdxFileNames.GzipSuffix)} is missing; run `{FetchCommand(dataset)}`");

    /// <summary>The gzipped file, or failing that an uncompressed one of the bare IDX name; null if neither is there.</summary>
    public static string? FindIdxFile(string dir, string idxName)
    {
        string gz = Path.Combine(dir, idxName + IdxFileNames.GzipSuffix);
        if (File.Exists(gz)) return gz;
        string raw = Path.Combine(dir, idxName);
        return File.Exists(raw) ? raw : null;
    }

    private static string CsvStem(string path)
    {
        string name = Path.GetFileName(path);
        if (name.EndsWith(IdxFileNames.GzipSuffix, StringComparison.OrdinalIgnoreCase)) name = name[..^IdxFileNames.GzipSuffix.Length];
        return Path.GetFileNameWithoutExtension(name);
    }
}
