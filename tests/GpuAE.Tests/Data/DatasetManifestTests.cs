using GpuAE.Data;

namespace GpuAE.Tests.Data;

public sealed class DatasetManifestTests
{
    [Fact]
    public void The_manifest_built_in_is_the_tracked_data_datasets_manifest()
    {
        if (RealData.RepoRoot is not string root) { Assert.Skip("the source tree is not beside the tests"); return; }
        var tracked = DatasetManifest.Parse(File.ReadAllText(Path.Combine(root, "data", "datasets.manifest")), "data/datasets.manifest");

        Assert.Equal(DatasetManifest.Embedded.Entries, tracked.Entries);
    }

    [Fact]
    public void Embedded_manifest_lists_the_four_files_of_both_datasets()
    {
        var manifest = DatasetManifest.Embedded;

        Assert.Equal(["mnist", "fashion-mnist"], manifest.Datasets);
        Assert.Equal(8, manifest.Entries.Count);
        Assert.All(KnownDatasets.Names, dataset =>
            Assert.All(IdxFileNames.All, name => Assert.Equal(64, manifest.Sha256(dataset, name).Length)));
    }

    [Fact]
    public void Embedded_manifest_holds_the_official_mnist_train_images_hash()
    {
        Assert.Equal("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            DatasetManifest.Embedded.Sha256("mnist", "train-images-idx3-ubyte"));
    }

    [Fact]
    public void Parse_ignores_comments_and_blank_lines_and_lowercases_hashes()
    {
        var manifest = DatasetManifest.Parse("# comment\n\n  mnist\tfile-a   " + new string('A', 64) + "\r\n", "m");

        Assert.Equal(new ManifestEntry("mnist", "file-a", new string('a', 64)), Assert.Single(manifest.Entries));
    }

    [Fact]
    public void Parse_rejects_a_line_with_missing_fields_naming_the_line()
    {
        var e = Assert.Throws<DataFormatException>(() => DatasetManifest.Parse("# header\nmnist file-a\n", "m"));

        Assert.Equal("m: line 2: expected 3 fields (dataset, file name, sha256), got 2", e.Message);
    }

    [Fact]
    public void Parse_rejects_a_malformed_hash()
    {
        var e = Assert.Throws<DataFormatException>(() => DatasetManifest.Parse("mnist file-a xyz\n", "m"));

        Assert.Contains("line 1: 'xyz' is not a 64-digit hex SHA-256", e.Message);
    }

    [Fact]
    public void Parse_rejects_a_file_listed_twice()
    {
        string line = "mnist file-a " + new string('0', 64);

        var e = Assert.Throws<DataFormatException>(() => DatasetManifest.Parse(line + "\n" + line, "m"));

        Assert.Contains("mnist/file-a is listed more than once", e.Message);
    }
}
