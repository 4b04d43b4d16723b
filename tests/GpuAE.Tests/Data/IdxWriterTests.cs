using GpuAE.Data;

namespace GpuAE.Tests.Data;

public sealed class IdxWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Writes_gzip_compressed_files()
    {
        string path = _dir.File("labels.gz");

        IdxWriter.WriteLabelsGzip(path, [1, 2, 3]);

        Assert.Equal([0x1f, 0x8b], File.ReadAllBytes(path)[..2]);
    }

    [Fact]
    public void A_written_dataset_loads_back_unchanged()
    {
        var dataset = Dataset.FromBytes("mnist", "test", SyntheticIdx.Pixels(6), SyntheticIdx.Labels(6), KnownDatasets.DigitClassNames);

        IdxWriter.WriteDataset(dataset, _dir.Path);
        var loaded = IdxReader.ReadDataset(_dir.File("t10k-images-idx3-ubyte.gz"), _dir.File("t10k-labels-idx1-ubyte.gz"), "mnist", "test");

        Assert.Equal(dataset.Images, loaded.Images);
        Assert.Equal(dataset.Labels, loaded.Labels);
    }

    [Fact]
    public void Image_bytes_start_with_the_big_endian_header()
    {
        byte[] bytes = IdxWriter.ImagesToBytes(2, 3, 4, new byte[24]);

        Assert.Equal([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4], bytes[..16]);
    }

    [Fact]
    public void Rejects_pixels_that_do_not_match_the_dimensions()
    {
        Assert.Throws<ArgumentException>(() => IdxWriter.ImagesToBytes(2, 3, 4, new byte[23]));
    }
}
