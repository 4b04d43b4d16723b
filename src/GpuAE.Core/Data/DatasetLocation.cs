using GpuAE.Imaging;

namespace GpuAE.Data;

/// <summary>
/// What a `--dataset` value names, and how to load either of its splits:
/// <list type="bullet">
/// <item>a known dataset (mnist, fashion-mnist) in the data folder, checked against the manifest;</item>
/// <item>a Kaggle-layout CSV file (.csv or .csv.gz): the train file, whose test split is
/// `--test-dataset PATH` or else the file of the same name with "train" replaced by "test"
/// (shoes_train.csv, shoes_test.csv); a file named only "test" is the test split;</item>
/// <item>a folder holding the four standard IDX files (raw or .gz), read without a checksum;</item>
/// <item>an image folder: DIR/train/&lt;class&gt;/* and DIR/test/&lt;class&gt;/* (<see cref="ImageFolderReader"/>).</item>
/// </list>
/// Every split loads with a <see cref="DatasetOrigin"/> that lists its files with their SHA-256.
/// Images must be square; `--resize N` resamples every image to N x N (area averaging when it
/// shrinks, bilinear when it grows) and rounds it to 8-bit levels as the files store them.
/// </summary>
public sealed record DatasetLocation
{
    public required string Kind { get; init; }

    /// <summary>"mnist", or the short name of the file or folder.</summary>
    public required string Name { get; init; }

    /// <summary>The known name, or the full path of the CSV train file (or test file, if only that is given) or of the folder.</summary>
    public required string Location { get; init; }

    public string? TrainFile { get; init; }
    public string? TestFile { get; init; }

    /// <summary>Where the known datasets live (`--data-dir`).</summary>
    public string DataDir { get; init; } = DatasetStore.DefaultDataDir;

    /// <summary>--resize N: the side every image is resampled to; null keeps the stored size.</summary>
    public int? Resize { get; init; }

    public bool IsBuiltin => Kind == DatasetOrigin.Builtin;

    /// <summary>"mnist", "CSV /data/shoes_train.csv", "image folder /data/pets": for messages.</summary>
    public string Describe() => Kind switch
    {
        DatasetOrigin.Builtin => Name,
        DatasetOrigin.Csv => $"CSV {Location}",
        DatasetOrigin.Idx => $"IDX folder {Location}",
        _ => $"image folder {Location}",
    } + (Resize is int n ? $" resized to {n}x{n}" : "");

    /// <summary>Resolves a `--dataset` value (and `--test-dataset`, for CSV files); one clear line if it names nothing GpuAE can read.</summary>
    public static DatasetLocation Resolve(string dataset, string? testDataset = null, string dataDir = DatasetStore.DefaultDataDir, int? resize = null)
    {
        if (string.IsNullOrWhiteSpace(dataset)) throw new DatasetNotFoundException("--dataset is empty: give mnist, fashion-mnist, a CSV file, an IDX folder or an image folder");
        if (resize is <= 0 or > 4096) throw new ArgumentException($"--resize must be a side in pixels, 1..4096, got {resize}");
        var location = ResolvePath(dataset, dataDir) with { DataDir = dataDir, Resize = resize };
        if (testDataset is null) return location;
        if (location.Kind != DatasetOrigin.Csv) throw new ArgumentException($"--test-dataset goes with a CSV --dataset; {location.Describe()} has its own test split");
        if (!File.Exists(testDataset)) throw new DatasetNotFoundException($"--test-dataset: CSV file {testDataset} not found");
        return location with { TestFile = Path.GetFullPath(testDataset) };
    }

    private static DatasetLocation ResolvePath(string dataset, string dataDir)
    {
        if (KnownDatasets.IsKnown(dataset))
            return new DatasetLocation { Kind = DatasetOrigin.Builtin, Name = dataset, Location = dataset };
        if (File.Exists(dataset)) return Csv(dataset);
        if (Directory.Exists(dataset)) return Folder(dataset);
        throw new DatasetNotFoundException($"unknown dataset '{dataset}': not {string.Join(" or ", KnownDatasets.Names)}, and no file or folder of that name " +
            "(--dataset takes a known name, a CSV file, a folder of IDX files or an image folder DIR/train/<class>/)");
    }

    private static DatasetLocation Csv(string path)
    {
        string name = Path.GetFileName(path);
        if (!(name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"--dataset {path}: a dataset file must be a Kaggle-layout CSV (.csv or .csv.gz); give IDX files as their folder");
        string full = Path.GetFullPath(path);
        bool isTest = DatasetStore.CsvSplit(full) == IdxFileNames.TestSplit;
        string? sibling = Sibling(full, isTest ? "test" : "train", isTest ? "train" : "test");
        return new DatasetLocation
        {
            Kind = DatasetOrigin.Csv, Name = DatasetStore.CsvName(full), Location = full,
            TrainFile = isTest ? sibling : full,
            TestFile = isTest ? full : sibling,
        };
    }

    /// <summary>The file named with the last <paramref name="from"/> of its name replaced by <paramref name="to"/> (same case style), if it exists.</summary>
    public static string? Sibling(string path, string from, string to)
    {
        string name = Path.GetFileName(path);
        int at = name.LastIndexOf(from, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        string found = name.Substring(at, from.Length);
        string replacement = found.All(char.IsUpper) ? to.ToUpperInvariant() : char.IsUpper(found[0]) ? char.ToUpperInvariant(to[0]) + to[1..] : to;
        string candidate = Path.Combine(Path.GetDirectoryName(path) ?? "", name[..at] + replacement + name[(at + from.Length)..]);
        return File.Exists(candidate) ? candidate : null;
    }

    private static DatasetLocation Folder(string dir)
    {
        string full = Path.GetFullPath(dir);
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(full));
        if (ImageFolderReader.IsImageFolder(full))
            return new DatasetLocation { Kind = DatasetOrigin.Images, Name = name, Location = full };
        if (IdxFileNames.All.Any(f => DatasetStore.FindIdxFile(full, f) is not null))
            return new DatasetLocation { Kind = DatasetOrigin.Idx, Name = name, Location = full };
        throw new DatasetNotFoundException($"--dataset {dir}: the folder holds neither IDX files ({string.Join(", ", IdxFileNames.All)}, raw or .gz) " +
            "nor an image folder's train/<class>/ and test/<class>/ folders");
    }

    /// <summary>Loads one split ("train" or "test"); <paramref name="note"/> hears about files skipped.</summary>
    public Dataset Load(string split, Action<string>? note = null)
    {
        if (split is not (IdxFileNames.TrainSplit or IdxFileNames.TestSplit)) throw new ArgumentException($"unknown split '{split}' (expected 'train' or 'test')", nameof(split));
        var (data, files) = Kind switch
        {
            DatasetOrigin.Builtin => (DatasetStore.Load(Name, split, DataDir), (IReadOnlyList<DataFileRecord>?)null),
            DatasetOrigin.Csv => LoadCsv(split),
            DatasetOrigin.Idx => LoadIdx(split),
            _ => LoadImages(split, note),
        };
        files ??= data.Origin!.Files;
        if (Resize is int side && Kind != DatasetOrigin.Images) data = Resampled(data, side);
        if (data.Height != data.Width)
            throw new DataFormatException(Location, $"the {split} images are {data.Width}x{data.Height}; GpuAE works on square images (--resize N resamples them to N x N)");
        return data.WithOrigin(new DatasetOrigin
        {
            Name = Name, Kind = Kind, Location = Location, Split = split, Files = files, ClassNames = data.ClassNames, ImageSize = data.Height, Resize = Resize,
            TestLocation = Kind == DatasetOrigin.Csv ? TestFile : null,
        });
    }

    private (Dataset, IReadOnlyList<DataFileRecord>) LoadCsv(string split)
    {
        string file = (split == IdxFileNames.TrainSplit ? TrainFile : TestFile) ?? throw new DatasetNotFoundException(split == IdxFileNames.TestSplit
            ? $"no test split for CSV {Location}: give --test-dataset PATH (looked for the file named with 'train' replaced by 'test')"
            : $"no train split for CSV {Location}: give the train file as --dataset (looked for the file named with 'test' replaced by 'train')");
        return (CsvDatasetReader.Read(file, Name, split), [DataFile.Record(file)]);
    }

    private (Dataset, IReadOnlyList<DataFileRecord>) LoadIdx(string split)
    {
        string Find(string idxName) => DatasetStore.FindIdxFile(Location, idxName)
            ?? throw new DatasetNotFoundException($"IDX folder {Location} has no {split} split: {idxName} (or {idxName}{IdxFileNames.GzipSuffix}) is missing");
        string images = Find(IdxFileNames.Images(split)), labels = Find(IdxFileNames.Labels(split));
        return (IdxReader.ReadDataset(images, labels, Name, split), [DataFile.Record(images), DataFile.Record(labels)]);
    }

    private (Dataset, IReadOnlyList<DataFileRecord>) LoadImages(string split, Action<string>? note)
    {
        var (data, record, skipped) = ImageFolderReader.Read(Location, split, ImageFolderReader.ClassNames(Location), Resize);
        if (skipped > 0) note?.Invoke($"{Path.Combine(Location, split)}: skipped {Text.Plural.Of(skipped, "file")} of no image type GpuAE reads (.png, .jpg, .jpeg, .bmp, .gif, .webp, .pgm)");
        return (data, [record]);
    }

    /// <summary>Every image resampled to side x side and rounded to 8-bit levels.</summary>
    private static Dataset Resampled(Dataset data, int side)
    {
        if (data.Height == side && data.Width == side) return data;
        if ((long)data.Count * side * side > Array.MaxLength)
            throw new ArgumentException($"--resize {side}: {data.Count} images of {side}x{side} are more pixels than GpuAE can hold in one split");
        var images = new float[data.Count * side * side];
        for (int i = 0; i < data.Count; i++)
        {
            var image = Resampler.Resize(new GrayImage(data.Width, data.Height, data.Image(i).ToArray()), side, side);
            GrayLevels.ToUnit(GrayLevels.Quantize(image.Pixels)).CopyTo(images, i * side * side);
        }
        return new Dataset(data.Name, data.Split, images, data.Labels, data.ClassNames, side, side) { Origin = data.Origin };
    }
}
