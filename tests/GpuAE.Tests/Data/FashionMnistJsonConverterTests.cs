using System.Text;
using GpuAE.Data;

namespace GpuAE.Tests.Data;

public sealed class FashionMnistJsonConverterTests
{
    // Three complete rows per class; the first is the test image, the other two train images.
    private const int RowsPerClass = 3;

    [Fact]
    public void Interleaves_classes_so_row_r_of_class_c_lands_at_r_times_10_plus_c()
    {
        var files = Convert(AllClasses());

        var train = Images(files, "train");
        Assert.Equal(20, train.Count);
        for (int r = 0; r < 2; r++)
            for (int c = 0; c < 10; c++)
                Assert.Equal(Marker(c, r + 1), train.Pixels[(r * 10 + c) * 784]);
    }

    [Fact]
    public void Takes_the_first_rows_of_each_class_as_the_test_split()
    {
        var files = Convert(AllClasses());

        var test = Images(files, "test");
        Assert.Equal(10, test.Count);
        for (int c = 0; c < 10; c++) Assert.Equal(Marker(c, 0), test.Pixels[c * 784]);
    }

    [Fact]
    public void Labels_each_position_with_its_class()
    {
        var files = Convert(AllClasses());

        var labels = IdxReader.ReadLabels(new MemoryStream(files["train-labels-idx1-ubyte"]), "labels", long.MaxValue);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (byte)(i % 10)), labels);
    }

    [Fact]
    public void Drops_rows_that_are_not_784_values_long()
    {
        var json = AllClasses();
        json[0] = ClassJson(0, extraRows: ["[]", "[1,2,3]"], insertAt: 1);

        var files = Convert(json);

        Assert.Equal(20, Images(files, "train").Count);
        Assert.Equal(Marker(0, 1), Images(files, "train").Pixels[0]);
    }

    [Fact]
    public void Rejects_classes_of_different_sizes()
    {
        var json = AllClasses();
        json[4] = ClassJson(4, rows: 2);

        var e = Assert.Throws<DataFormatException>(() => Convert(json));

        Assert.Contains("class 4 has 2 complete images but class 0 has 3", e.Message);
    }

    [Fact]
    public void Rejects_a_missing_class()
    {
        var converter = new FashionMnistJsonConverter(testRowsPerClass: 1);
        for (int c = 0; c < 9; c++) converter.AddClass(c, Encoding.UTF8.GetBytes(ClassJson(c)), $"{c}.json");

        var e = Assert.Throws<DataFormatException>(() => converter.Build());

        Assert.Contains("class 9 is missing", e.Message);
    }

    [Fact]
    public void Rejects_a_pixel_value_outside_0_to_255()
    {
        var converter = new FashionMnistJsonConverter(testRowsPerClass: 1);
        string json = "{\"data\":[[" + string.Join(",", Enumerable.Repeat("256", 784)) + "]]}";

        var e = Assert.Throws<DataFormatException>(() => converter.AddClass(0, Encoding.UTF8.GetBytes(json), "0.json"));

        Assert.Equal("0.json: row 0: value 256 is not a pixel value 0..255", e.Message);
    }

    [Fact]
    public void Rejects_invalid_json()
    {
        var converter = new FashionMnistJsonConverter(testRowsPerClass: 1);

        var e = Assert.Throws<DataFormatException>(() => converter.AddClass(0, "{\"data\":[[1,2"u8.ToArray(), "0.json"));

        Assert.StartsWith("0.json: ", e.Message);
    }

    /// <summary>The first pixel of row r of class c, unique per (class, row).</summary>
    internal static byte Marker(int c, int r) => (byte)(c * 10 + r + 1);

    internal static string ClassJson(int c, int rows = RowsPerClass, string[]? extraRows = null, int insertAt = 0)
    {
        var list = Enumerable.Range(0, rows)
            .Select(r => "[" + Marker(c, r) + string.Concat(Enumerable.Repeat(",0", 783)) + "]").ToList();
        list.InsertRange(insertAt, extraRows ?? []);
        return "{\"data\":[" + string.Join(",", list) + "]}";
    }

    private static string[] AllClasses() => Enumerable.Range(0, 10).Select(c => ClassJson(c)).ToArray();

    private static Dictionary<string, byte[]> Convert(string[] classJson)
    {
        var converter = new FashionMnistJsonConverter(testRowsPerClass: 1);
        for (int c = 0; c < classJson.Length; c++) converter.AddClass(c, Encoding.UTF8.GetBytes(classJson[c]), $"{c}.json");
        return converter.Build();
    }

    private static IdxImages Images(Dictionary<string, byte[]> files, string split)
    {
        byte[] content = files[IdxFileNames.Images(split)];
        return IdxReader.ReadImages(new MemoryStream(content), "images", content.Length);
    }
}
