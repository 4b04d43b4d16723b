using GpuAE.Plots;
using static GpuAE.Tests.Plots.SvgTestReading;

namespace GpuAE.Tests.Plots;

public class SvgDocumentTests
{
    [Theory]
    [InlineData("a<b", "a&lt;b")]
    [InlineData("x & y", "x &amp; y")]
    [InlineData("\"q\" 'a'", "&quot;q&quot; &apos;a&apos;")]
    [InlineData("bell\u0007", "bell")]
    [InlineData("σ=0.1 😀", "σ=0.1 😀")]
    public void Escape_makes_any_string_safe_in_xml(string text, string escaped)
    {
        Assert.Equal(escaped, SvgDocument.Escape(text));
    }

    [Fact]
    public void Lone_surrogate_is_dropped()
    {
        Assert.Equal("ab", SvgDocument.Escape("a\uD800b"));
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(2.345, "2.35")]
    [InlineData(-0.001, "0")]
    [InlineData(double.NaN, "0")]
    public void Numbers_are_written_invariantly_with_two_decimals_at_most(double value, string text)
    {
        Assert.Equal(text, SvgDocument.Num(value));
    }

    [Fact]
    public void Document_carries_its_title_for_accessibility()
    {
        var root = Parse(new SvgDocument(10, 10, "My <chart>").ToString());

        Assert.Equal("My <chart>", root.Element(Ns + "title")!.Value);
    }

    [Fact]
    public void Unclosed_group_is_an_error()
    {
        var svg = new SvgDocument(10, 10);
        svg.BeginGroup("g");

        Assert.Throws<InvalidOperationException>(() => svg.ToString());
    }

    [Fact]
    public void Rotated_text_rotates_about_its_anchor()
    {
        var svg = new SvgDocument(100, 100);
        svg.Text(20, 50, "y", new TextStyle(12, Rotate: -90));

        Assert.Equal("rotate(-90 20 50)", (string)Parse(svg.ToString()).Element(Ns + "text")!.Attribute("transform")!);
    }
}
