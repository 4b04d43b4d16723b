using GpuAE.Data;

namespace GpuAE.Tests.Data;

public sealed class CsvDatasetReaderTests : IDisposable
{
    private static readonly string Header = "label," + string.Join(",", Enumerable.Range(1, 784).Select(i => $"pixel{i}"));

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reads_labels_and_scaled_pixels_after_the_header()
    {
        string path = WriteCsv(Header, Row(3, 0), Row(7, 255));

        var dataset = CsvDatasetReader.Read(path, "digits", "train");

        Assert.Equal([3, 7], dataset.Labels);
        Assert.All(dataset.Image(0).ToArray(), p => Assert.Equal(0f, p));
        Assert.All(dataset.Image(1).ToArray(), p => Assert.Equal(1f, p));
        Assert.Equal(("digits", "train"), (dataset.Name, dataset.Split));
    }

    [Fact]
    public void Reads_a_file_without_header()
    {
        string path = WriteCsv(Row(1, 10), Row(2, 20));

        Assert.Equal([1, 2], CsvDatasetReader.Read(path, "digits", "test").Labels);
    }

    [Fact]
    public void Reads_a_gzipped_file()
    {
        string path = _dir.File("data.csv.gz");
        File.WriteAllBytes(path, SyntheticIdx.Gzip(System.Text.Encoding.UTF8.GetBytes(Header + "\n" + Row(4, 9) + "\n")));

        Assert.Equal([4], CsvDatasetReader.Read(path, "digits", "test").Labels);
    }

    [Fact]
    public void Rejects_a_line_with_the_wrong_number_of_columns_naming_the_line()
    {
        string path = WriteCsv(Header, Row(1, 0), "5,1,2,3");

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetReader.Read(path, "digits", "train"));

        Assert.Contains(path, e.Message);
        Assert.Contains("line 3: 4 columns, expected 785", e.Message);
    }

    [Fact]
    public void Rejects_a_non_number_naming_line_and_column()
    {
        string path = WriteCsv(Header, Row(1, 0).Replace(",0,0,", ",0,x,"));

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetReader.Read(path, "digits", "train"));

        Assert.Contains("line 2, column 3 (pixel2): 'x' is not an integer", e.Message);
    }

    [Fact]
    public void Rejects_a_pixel_outside_0_to_255_naming_the_line()
    {
        string path = WriteCsv(Header, Row(1, 0), Row(2, 256));

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetReader.Read(path, "digits", "train"));

        Assert.Contains("line 3, column 2 (pixel1): pixel value 256 is outside 0..255", e.Message);
    }

    [Fact]
    public void Rejects_a_label_outside_0_to_9_naming_the_line()
    {
        string path = WriteCsv(Header, Row(10, 0));

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetReader.Read(path, "digits", "train"));

        Assert.Contains("line 2: label 10 is outside 0..9", e.Message);
    }

    [Fact]
    public void Rejects_an_empty_file()
    {
        string path = WriteCsv();

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetReader.Read(path, "digits", "train"));

        Assert.Contains("the file is empty", e.Message);
    }

    [Fact]
    public void Rejects_a_header_without_data_lines()
    {
        string path = WriteCsv(Header);

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetReader.Read(path, "digits", "train"));

        Assert.Contains("no data lines", e.Message);
    }

    [Fact]
    public void Rejects_a_header_with_the_wrong_number_of_columns()
    {
        string path = WriteCsv("label,pixel1", Row(1, 0));

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetReader.Read(path, "digits", "train"));

        Assert.Contains("line 1: the header has 2 columns, expected 785", e.Message);
    }

    private static string Row(int label, int pixel) => label + "," + string.Join(",", Enumerable.Repeat(pixel, 784));

    private string WriteCsv(params string[] lines)
    {
        string path = _dir.File("data.csv");
        File.WriteAllText(path, lines.Length == 0 ? "" : string.Join("\r\n", lines) + "\r\n");
        return path;
    }
}
