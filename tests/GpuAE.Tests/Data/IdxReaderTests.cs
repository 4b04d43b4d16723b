using GpuAE.Data;

namespace GpuAE.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reads_back_the_images_that_were_written(bool gzip)
    {
        string path = SyntheticIdx.Write(_dir.File("images"), SyntheticIdx.Images(5, 3, 4), gzip);

        var images = IdxReader.ReadImages(path);

        Assert.Equal((5, 3, 4), (images.Count, images.Rows, images.Columns));
        Assert.Equal(SyntheticIdx.Pixels(5, 3, 4), images.Pixels);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reads_back_the_labels_that_were_written(bool gzip)
    {
        string path = SyntheticIdx.Write(_dir.File("labels"), SyntheticIdx.LabelFile(12), gzip);

        Assert.Equal(SyntheticIdx.Labels(12), IdxReader.ReadLabels(path));
    }

    [Fact]
    public void Detects_gzip_by_content_not_by_file_name()
    {
        string rawNamedGz = SyntheticIdx.Write(_dir.File("raw.gz"), SyntheticIdx.LabelFile(3), gzip: false);
        string gzNamedRaw = SyntheticIdx.Write(_dir.File("compressed.idx"), SyntheticIdx.LabelFile(3), gzip: true);

        Assert.Equal(SyntheticIdx.Labels(3), IdxReader.ReadLabels(rawNamedGz));
        Assert.Equal(SyntheticIdx.Labels(3), IdxReader.ReadLabels(gzNamedRaw));
    }

    [Fact]
    public void Reads_a_dataset_with_pixels_scaled_to_the_unit_range()
    {
        var (images, labels) = WritePair(4, 4, gzip: true);

        var dataset = IdxReader.ReadDataset(images, labels, "mnist", "train");

        Assert.Equal(4, dataset.Count);
        Assert.Equal(SyntheticIdx.Pixels(4).Select(p => p / 255f), dataset.Images);
        Assert.Equal(SyntheticIdx.Labels(4), dataset.Labels);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rejects_a_label_file_given_as_images_naming_the_magic_number(bool gzip)
    {
        string path = SyntheticIdx.Write(_dir.File("labels-as-images"), SyntheticIdx.LabelFile(3), gzip);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("magic number is 0x00000801, expected 0x00000803", e.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rejects_a_file_with_a_foreign_magic_number(bool gzip)
    {
        string path = SyntheticIdx.Write(_dir.File("text"), "hello, world"u8.ToArray(), gzip);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("not an IDX label file", e.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rejects_truncated_images_saying_how_many_bytes_were_expected_and_found(bool gzip)
    {
        byte[] full = SyntheticIdx.Images(3, 2, 2);
        string path = SyntheticIdx.Write(_dir.File("images"), full[..^5], gzip);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("(12 pixel bytes) but only 7 pixel bytes follow", e.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rejects_truncated_labels_saying_how_many_were_expected_and_found(bool gzip)
    {
        string path = SyntheticIdx.Write(_dir.File("labels"), SyntheticIdx.LabelFile(10)[..^3], gzip);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("promises 10 labels but only 7 follow", e.Message);
    }

    [Fact]
    public void Rejects_a_file_cut_inside_its_header()
    {
        string path = SyntheticIdx.Write(_dir.File("images"), SyntheticIdx.Images(1)[..10], gzip: false);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("10 bytes, inside the 16-byte IDX image header", e.Message);
    }

    [Fact]
    public void Rejects_a_header_promising_more_than_the_file_can_hold_without_allocating_it()
    {
        byte[] lying = IdxWriter.LabelsToBytes(new byte[4]);
        lying[4] = 0x7f; // label count ~2 billion
        string path = SyntheticIdx.Write(_dir.File("labels"), lying, gzip: false);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("cannot hold more than 12 bytes", e.Message);
    }

    [Theory]
    [InlineData(0x4e02, 0x21be0f3b, 0x5358f0a3)] // the product wraps past long (found by the fuzz harness)
    [InlineData(0x10000, 0x10000, 0)] // Count * Rows alone wraps past int
    public void Rejects_or_reads_dimensions_whose_product_overflows_without_an_arithmetic_error(int count, int rows, int columns)
    {
        byte[] header = SyntheticIdx.Images(1)[..16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), count);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), rows);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), columns);
        string path = SyntheticIdx.Write(_dir.File("images"), header, gzip: false);

        if (columns == 0) Assert.Empty(IdxReader.ReadImages(path).Pixels); // nothing to read: zero-sized images
        else Assert.Contains("more than can be loaded", Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path)).Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rejects_bytes_after_the_promised_data(bool gzip)
    {
        string path = SyntheticIdx.Write(_dir.File("labels"), [.. SyntheticIdx.LabelFile(4), 1, 2], gzip);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("2 unexpected bytes after the 4 labels", e.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rejects_a_label_outside_0_to_9_naming_its_index(bool gzip)
    {
        byte[] content = SyntheticIdx.LabelFile(6);
        content[8 + 4] = 10;
        string path = SyntheticIdx.Write(_dir.File("labels"), content, gzip);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("label 10 at index 4 is outside 0..9", e.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rejects_images_and_labels_of_different_counts(bool gzip)
    {
        string images = SyntheticIdx.Write(_dir.File("images"), SyntheticIdx.Images(5), gzip);
        string labels = SyntheticIdx.Write(_dir.File("labels"), SyntheticIdx.LabelFile(4), gzip);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadDataset(images, labels, "mnist", "train"));

        Assert.Contains(labels, e.Message);
        Assert.Contains("holds 4 labels but images holds 5 images", e.Message);
    }

    [Fact]
    public void Rejects_images_that_are_not_28_by_28_in_a_dataset()
    {
        string images = SyntheticIdx.Write(_dir.File("images"), SyntheticIdx.Images(2, 32, 32), gzip: true);
        string labels = SyntheticIdx.Write(_dir.File("labels"), SyntheticIdx.LabelFile(2), gzip: true);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadDataset(images, labels, "mnist", "train"));

        Assert.Contains("images are 32x32, expected 28x28", e.Message);
    }

    [Fact]
    public void Rejects_corrupt_gzip_data()
    {
        byte[] gz = SyntheticIdx.Gzip(SyntheticIdx.Images(20));
        for (int i = 20; i < 60; i++) gz[i] ^= 0x5a;
        string path = _dir.File("images.gz");
        File.WriteAllBytes(path, gz);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Rejects_content_whose_sha256_differs_naming_expected_and_actual_hash()
    {
        byte[] content = SyntheticIdx.LabelFile(5);
        string path = SyntheticIdx.Write(_dir.File("labels.gz"), content, gzip: true);
        string wrong = new('a', 64);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path, wrong));

        Assert.Contains(path, e.Message);
        Assert.Contains($"SHA-256 of the uncompressed content is {SyntheticIdx.Sha256(content)}, expected {wrong}", e.Message);
    }

    [Fact]
    public void Accepts_content_whose_sha256_matches_in_either_case()
    {
        byte[] content = SyntheticIdx.LabelFile(5);
        string path = SyntheticIdx.Write(_dir.File("labels.gz"), content, gzip: true);

        Assert.Equal(5, IdxReader.ReadLabels(path, SyntheticIdx.Sha256(content).ToUpperInvariant()).Length);
    }

    private (string Images, string Labels) WritePair(int imageCount, int labelCount, bool gzip) =>
        (SyntheticIdx.Write(_dir.File("images"), SyntheticIdx.Images(imageCount), gzip),
         SyntheticIdx.Write(_dir.File("labels"), SyntheticIdx.LabelFile(labelCount), gzip));
}
