using GpuAE.IO;
using GpuAE.Reports;

namespace GpuAE.Tests.IO;

public sealed class CsvFieldTests
{
    [Theory]
    [InlineData("test accuracy (%)", "test accuracy (%)")]
    [InlineData("2-fold CV accuracy, denoised (%)", "\"2-fold CV accuracy, denoised (%)\"")]
    [InlineData("a \"quoted\" word", "\"a \"\"quoted\"\" word\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Only_fields_that_need_quotes_get_them(string value, string expected) => Assert.Equal(expected, CsvField.Escape(value));

    [Fact]
    public void Escaped_fields_read_back_as_written()
    {
        string[] values = ["plain", "with, comma", "with \"quotes\"", "with\nbreak", ""];
        var table = CsvTable.Parse("h1,h2,h3,h4,h5\n" + string.Join(",", values.Select(CsvField.Escape)) + "\n");
        Assert.Equal(values, Assert.Single(table.Rows));
    }
}
