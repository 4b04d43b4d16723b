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
    public void Rejects_a_label_outside_0_to_9_in_a_file_named_after_mnist_naming_the_line()
    {
        string path = WriteCsv(Header, Row(10, 0));

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetReader.Read(path, "mnist", "train"));

        Assert.Contains("line 2: label 10 is outside 0..9", e.Message);
    }

    [Fact]
    public void Rejects_a_label_outside_a_byte_naming_the_line()
    {
        string path = WriteCsv(Header, Row(2, 0), Row(256, 0));

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetReader.Read(path, "digits", "train"));

        Assert.Contains("line 3: label 256 is outside 0..255", e.Message);
    }

    [Fact]
    public void Numbers_the_classes_of_other_data_up_to_the_largest_label()
    {
        string path = WriteCsv(Header, Row(0, 0), Row(11, 0));

        var dataset = CsvDatasetReader.Read(path, "shoes", "train");

        Assert.Equal(12, dataset.ClassCount);
        Assert.Equal(("0", "11"), (dataset.ClassNames[0], dataset.ClassNames[11]));
    }

    [Fact]
    public void Reads_square_images_of_another_side_from_the_column_count()
    {
        string header = "label," + string.Join(",", Enumerable.Range(1, 16).Select(i => $"pixel{i}"));
        string path = WriteCsv(header, "1," + string.Join(",", Enumerable.Range(0, 16)), "2," + string.Join(",", Enumerable.Repeat(255, 16)));

        var dataset = CsvDatasetReader.Read(path, "tiny", "test");

        Assert.Equal((2, 4, 4), (dataset.Count, dataset.Height, dataset.Width));
        Assert.Equal(15 / 255f, dataset.Image(0)[15]);
    }

    [Fact]
    public void Rejects_a_pixel_count_that_is_not_a_square_naming_the_line()
    {
        string path = WriteCsv("3," + string.Join(",", Enumerable.Repeat(0, 10)));

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetReader.Read(path, "tiny", "train"));

        Assert.Contains("line 1: the first line has 11 columns; a label and N x N pixels are expected", e.Message);
    }

    [Fact]
    public void Shows_a_binary_field_escaped_and_cut_short()
    {
        string junk = "\u0001\u0002" + new string('x', 100);
        string path = WriteCsv("1," + junk + "," + string.Join(",", Enumerable.Repeat(0, 783)));

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetReader.Read(path, "digits", "train"));

        Assert.Contains("line 1, column 2 (pixel1): '\\u0001\\u0002xxx", e.Message);
        Assert.Contains("...' is not an integer", e.Message);
        Assert.DoesNotContain('\u0001', e.Message);
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
    public void Rejects_data_lines_that_do_not_match_the_headers_columns()
    {
        string path = WriteCsv("label,pixel1,pixel2,pixel3,pixel4", Row(1, 0));

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetReader.Read(path, "digits", "train"));

        Assert.Contains("line 2: 785 columns, expected 5 (label and 4 pixels, as line 1)", e.Message);
    }

    private static string Row(int label, int pixel) => label + "," + string.Join(",", Enumerable.Repeat(pixel, 784));

    private string WriteCsv(params string[] lines)
    {
        string path = _dir.File("data.csv");
        File.WriteAllText(path, lines.Length == 0 ? "" : string.Join("\r\n", lines) + "\r\n");
        return path;
    }
}
