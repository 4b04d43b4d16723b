using GpuAE.Data;

namespace GpuAE.Tests.Data;

public sealed class DatasetStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Missing_files_tell_the_user_which_fetch_command_to_run()
    {
        var e = Assert.Throws<DatasetNotFoundException>(() => DatasetStore.Load("fashion-mnist", "train", _dir.Path));

        Assert.Contains("fashion-mnist train set not found", e.Message);
        Assert.Contains("train-images-idx3-ubyte.gz is missing; run `gpuae data fetch --dataset fashion-mnist`", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Unknown_dataset_names_the_known_ones()
    {
        var e = Assert.Throws<DatasetNotFoundException>(() => DatasetStore.Load("cifar", "train", _dir.Path));

        Assert.Contains("unknown dataset 'cifar': known datasets are mnist, fashion-mnist", e.Message);
    }

    [Fact]
    public void Rejects_mnist_files_that_do_not_match_the_manifest()
    {
        var files = SyntheticIdx.StandardFiles();
        WriteDataset("mnist", files);

        var e = Assert.Throws<DataFormatException>(() => DatasetStore.Load("mnist", "train", _dir.Path));

        Assert.Contains("train-images-idx3-ubyte.gz", e.Message);
        Assert.Contains($"is {SyntheticIdx.Sha256(files["train-images-idx3-ubyte"])}, expected {DatasetManifest.Embedded.Sha256("mnist", "train-images-idx3-ubyte")}", e.Message);
        Assert.Contains("run `gpuae data fetch --dataset mnist` to download it again", e.Message);
    }

    [Fact]
    public void Loads_the_requested_split_when_hashes_match()
    {
        var files = SyntheticIdx.StandardFiles(trainCount: 20, testCount: 10);
        WriteDataset("mnist", files);

        var test = DatasetStore.Load("mnist", "test", _dir.Path, SyntheticIdx.ManifestFor("mnist", files));

        Assert.Equal(("mnist", "test", 10), (test.Name, test.Split, test.Count));
        Assert.Equal(KnownDatasets.DigitClassNames, test.ClassNames);
    }

    [Fact]
    public void Falls_back_to_uncompressed_files()
    {
        var files = SyntheticIdx.StandardFiles();
        string dir = Directory.CreateDirectory(Path.Combine(_dir.Path, "fashion-mnist")).FullName;
        foreach (var (name, content) in files) File.WriteAllBytes(Path.Combine(dir, name), content);

        var train = DatasetStore.Load("fashion-mnist", "train", _dir.Path, SyntheticIdx.ManifestFor("fashion-mnist", files));

        Assert.Equal(20, train.Count);
        Assert.Equal("Ankle boot", train.ClassNames[9]);
    }

    [Fact]
    public void Rejects_an_unknown_split()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetStore.Load("mnist", "validation", _dir.Path));

        Assert.Contains("unknown split 'validation'", e.Message);
    }

    [Theory]
    [InlineData("fashion-mnist_train.csv", "fashion-mnist", "train")]
    [InlineData("fashion-mnist_test.csv", "fashion-mnist", "test")]
    [InlineData("mnist_test.csv.gz", "mnist", "test")]
    [InlineData("my-digits.csv", "my-digits", "train")]
    public void LoadCsv_infers_name_and_split_from_the_file_name(string fileName, string name, string split)
    {
        string path = _dir.File(fileName);
        byte[] text = System.Text.Encoding.ASCII.GetBytes("1," + string.Join(",", new int[784]) + "\n");
        File.WriteAllBytes(path, fileName.EndsWith(".gz") ? SyntheticIdx.Gzip(text) : text);

        var dataset = DatasetStore.LoadCsv(path);

        Assert.Equal((name, split), (dataset.Name, dataset.Split));
    }

    [Fact]
    public void LoadCsv_of_a_missing_file_is_not_found()
    {
        Assert.Throws<DatasetNotFoundException>(() => DatasetStore.LoadCsv(_dir.File("absent.csv")));
    }

    private void WriteDataset(string dataset, Dictionary<string, byte[]> files)
    {
        foreach (var (name, content) in files)
            IdxWriter.WriteGzip(Path.Combine(_dir.Path, dataset, name + ".gz"), content);
    }
}
