using GpuAE.Data;

namespace GpuAE.Tests.Data;

/// <summary>What `--dataset` names: a known dataset, a CSV pair, an IDX folder or an image folder.</summary>
public sealed class DatasetLocationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_known_name_is_the_built_in_dataset()
    {
        var location = DatasetLocation.Resolve("mnist", dataDir: _dir.Path);

        Assert.Equal((DatasetOrigin.Builtin, "mnist"), (location.Kind, location.Name));
    }

    [Fact]
    public void A_csv_train_file_takes_its_test_split_from_the_file_named_test()
    {
        string train = TestDatasets.CsvPair(_dir.Path, "shoes", 6, 4);

        var location = DatasetLocation.Resolve(train);

        Assert.Equal((DatasetOrigin.Csv, "shoes"), (location.Kind, location.Name));
        Assert.Equal(4, location.Load("test").Count);
        Assert.Equal(6, location.Load("train").Count);
    }

    [Fact]
    public void Test_dataset_names_the_test_file_of_a_csv_pair()
    {
        string train = TestDatasets.Csv(_dir.File("a.csv"), 6);
        string test = TestDatasets.Csv(_dir.File("b.csv"), 3);

        var data = DatasetLocation.Resolve(train, test).Load("test");

        Assert.Equal(3, data.Count);
        Assert.Equal(Path.GetFullPath(test), data.Origin!.Files[0].Path);
    }

    [Fact]
    public void A_csv_file_without_a_test_sibling_loads_its_train_split_and_names_the_option_for_the_test_split()
    {
        string train = TestDatasets.Csv(_dir.File("shoes_train.csv"), 6);
        var location = DatasetLocation.Resolve(train);

        Assert.Equal(6, location.Load("train").Count);
        var e = Assert.Throws<DatasetNotFoundException>(() => location.Load("test"));
        Assert.Contains("no test split for CSV", e.Message);
        Assert.Contains("--test-dataset PATH", e.Message);
    }

    [Fact]
    public void A_csv_file_named_test_is_the_test_split()
    {
        TestDatasets.CsvPair(_dir.Path, "shoes", 6, 4);

        var location = DatasetLocation.Resolve(_dir.File("shoes_test.csv"));

        Assert.Equal((4, 6), (location.Load("test").Count, location.Load("train").Count));
    }

    [Theory]
    [InlineData("Shoes_Train.csv", "Shoes_Test.csv")]
    [InlineData("SHOES_TRAIN.csv.gz", "SHOES_TEST.csv.gz")]
    [InlineData("train-shoes.csv", "test-shoes.csv")]
    public void The_test_sibling_keeps_the_case_of_the_train_word(string train, string test)
    {
        File.WriteAllText(_dir.File(train), "");
        File.WriteAllText(_dir.File(test), "");

        Assert.Equal(_dir.File(test), DatasetLocation.Sibling(_dir.File(train), "train", "test"));
    }

    [Fact]
    public void Every_file_read_is_recorded_with_its_size_and_sha256()
    {
        string train = TestDatasets.CsvPair(_dir.Path, "shoes", 6, 4);

        var origin = DatasetLocation.Resolve(train).Load("train").Origin!;

        var file = Assert.Single(origin.Files);
        Assert.Equal((Path.GetFullPath(train), new FileInfo(train).Length, SyntheticIdx.Sha256(File.ReadAllBytes(train)), DataFileRecord.WholeFile),
            (file.Path, file.Bytes, file.Sha256, file.Hashed));
        Assert.Equal(("shoes", DatasetOrigin.Csv, "train", 28), (origin.Name, origin.Kind, origin.Split, origin.ImageSize));
        Assert.Equal(KnownDatasets.Numbered(6), origin.ClassNames); // labels 0..5
    }

    [Fact]
    public void An_idx_folder_loads_without_the_manifest_at_any_image_size()
    {
        string dir = Directory.CreateDirectory(_dir.File("mine")).FullName;
        foreach (var split in new[] { "train", "test" })
        {
            SyntheticIdx.Write(Path.Combine(dir, IdxFileNames.Images(split) + ".gz"), SyntheticIdx.Images(5, 12, 12), gzip: true);
            SyntheticIdx.Write(Path.Combine(dir, IdxFileNames.Labels(split)), SyntheticIdx.LabelFile(5), gzip: false);
        }

        var data = DatasetLocation.Resolve(dir).Load("test");

        Assert.Equal((5, 12, 12), (data.Count, data.Height, data.Width));
        Assert.Equal((DatasetOrigin.Idx, "mine", 2), (data.Origin!.Kind, data.Origin.Name, data.Origin.Files.Count));
    }

    [Fact]
    public void A_folder_of_class_folders_is_an_image_folder()
    {
        string dir = TestDatasets.ImageFolder(_dir.File("pets"), ["cat", "dog"], 2, 1, 8);

        var location = DatasetLocation.Resolve(dir);

        Assert.Equal((DatasetOrigin.Images, "pets"), (location.Kind, location.Name));
        Assert.Equal(["cat", "dog"], location.Load("test").ClassNames);
    }

    [Fact]
    public void Resize_resamples_every_image_and_is_recorded()
    {
        string train = TestDatasets.CsvPair(_dir.Path, "shoes", 3, 2);

        var data = DatasetLocation.Resolve(train, resize: 14).Load("train");

        Assert.Equal((14, 14), (data.Height, data.Width));
        Assert.Equal((14, 14), (data.Origin!.ImageSize, data.Origin.Resize));
        Assert.All(data.Images, v => Assert.Equal(v, MathF.Round(v * 255) / 255f));
    }

    [Fact]
    public void Images_that_are_not_square_are_an_error_that_names_resize()
    {
        string dir = Directory.CreateDirectory(_dir.File("wide")).FullName;
        SyntheticIdx.Write(Path.Combine(dir, IdxFileNames.Images("train")), SyntheticIdx.Images(2, 8, 12), gzip: false);
        SyntheticIdx.Write(Path.Combine(dir, IdxFileNames.Labels("train")), SyntheticIdx.LabelFile(2), gzip: false);

        var e = Assert.Throws<DataFormatException>(() => DatasetLocation.Resolve(dir).Load("train"));

        Assert.Contains("the train images are 12x8; GpuAE works on square images (--resize N", e.Message);
        Assert.Equal(10, DatasetLocation.Resolve(dir, resize: 10).Load("train").Width);
    }

    [Fact]
    public void A_path_that_is_not_there_is_an_unknown_dataset()
    {
        var e = Assert.Throws<DatasetNotFoundException>(() => DatasetLocation.Resolve(_dir.File("nothing.csv")));

        Assert.Contains("unknown dataset", e.Message);
        Assert.Contains("no file or folder of that name", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_csv_is_an_error_that_says_what_files_are_taken()
    {
        File.WriteAllText(_dir.File("images.idx"), "x");

        var e = Assert.Throws<ArgumentException>(() => DatasetLocation.Resolve(_dir.File("images.idx")));

        Assert.Contains("must be a Kaggle-layout CSV (.csv or .csv.gz); give IDX files as their folder", e.Message);
    }

    [Fact]
    public void A_folder_of_neither_kind_is_an_error()
    {
        Directory.CreateDirectory(_dir.File("empty"));

        var e = Assert.Throws<DatasetNotFoundException>(() => DatasetLocation.Resolve(_dir.File("empty")));

        Assert.Contains("holds neither IDX files", e.Message);
    }

    [Fact]
    public void Test_dataset_with_a_folder_is_an_error()
    {
        string dir = TestDatasets.ImageFolder(_dir.File("pets"), ["cat"], 1, 1, 4);

        var e = Assert.Throws<ArgumentException>(() => DatasetLocation.Resolve(dir, _dir.File("x.csv")));

        Assert.Contains("--test-dataset goes with a CSV --dataset", e.Message);
    }

    [Fact]
    public void Splits_of_numbered_classes_share_the_longer_list()
    {
        var train = Dataset.FromBytes("d", "train", new byte[2 * 4], [0, 11], KnownDatasets.Numbered(12), 2, 2);
        var test = Dataset.FromBytes("d", "test", new byte[4], [3], KnownDatasets.Numbered(4), 2, 2);

        var (_, shared) = Dataset.WithSharedClasses(train, test);

        Assert.Equal(12, shared.ClassCount);
    }

    [Fact]
    public void Splits_of_different_class_names_are_an_error()
    {
        var train = Dataset.FromBytes("d", "train", new byte[4], [0], ["cat", "dog"], 2, 2);
        var test = Dataset.FromBytes("d", "test", new byte[4], [0], ["bird", "cat"], 2, 2);

        var e = Assert.Throws<ArgumentException>(() => Dataset.WithSharedClasses(train, test));

        Assert.Contains("the train split has classes [cat, dog] but the test split [bird, cat]", e.Message);
    }
}
