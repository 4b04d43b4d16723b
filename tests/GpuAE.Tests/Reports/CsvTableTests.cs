using GpuAE.Reports;

namespace GpuAE.Tests.Reports;

public sealed class CsvTableTests
{
    [Fact]
    public void Quoted_fields_may_hold_commas_quotes_and_newlines()
    {
        var t = CsvTable.Parse("a,b\n\"x, y\",\"say \"\"hi\"\"\nthere\"\n");
        Assert.Equal(["x, y", "say \"hi\"\nthere"], t.Rows[0]);
    }

    [Fact]
    public void Crlf_line_ends_and_blank_lines_are_accepted()
    {
        var t = CsvTable.Parse("a,b\r\n1,2\r\n\r\n3,4");
        Assert.Equal(2, t.Rows.Count);
        Assert.Equal(["3", "4"], t.Rows[1]);
    }

    [Fact]
    public void A_row_with_the_wrong_field_count_names_its_line()
    {
        var e = Assert.Throws<FormatException>(() => CsvTable.Parse("a,b\n1,2\n3\n"));
        Assert.Equal("line 3: 1 fields, the header has 2", e.Message);
    }

    [Fact]
    public void An_unclosed_quote_is_an_error()
    {
        var e = Assert.Throws<FormatException>(() => CsvTable.Parse("a\n\"open\n"));
        Assert.Contains("never closed", e.Message);
    }

    [Fact]
    public void An_empty_file_is_an_error() =>
        Assert.Throws<FormatException>(() => CsvTable.Parse(""));
}
