using GpuAE.Plots;
using static GpuAE.Tests.Plots.ChartFileReading;

namespace GpuAE.Tests.Plots;

/// <summary>
/// Chart text is really drawn: ScottPlot draws none, silently, when it finds no font, so these look
/// at the pixels. Charts use the DejaVu Sans files bundled in GpuAE.Core, regular and bold.
/// </summary>
public class ChartTextTests
{
    /// <param name="title">"." keeps the layout of a titled chart (a blank title gets no room), so only the glyphs differ</param>
    private static long TitleInk(string title)
    {
        using var bitmap = DecodePng(new LineChart { Title = title, Width = 600, Height = 300 }.AddSeries("a", [1.0, 2], [1.0, 2]).ToPng());
        return Ink(bitmap, 0, 0, 600, 28); // the band above the plot area where the title goes
    }

    [Fact]
    public void The_title_is_drawn_in_the_png()
    {
        long blank = TitleInk("."), titled = TitleInk("Loss per epoch");

        Assert.True(titled > blank + 20_000, $"title band ink {titled} vs {blank} with a one-dot title");
    }

    [Fact]
    public void Axis_labels_are_drawn_in_the_png()
    {
        byte[] Png(string label) => new LineChart { XLabel = label, Width = 600, Height = 300 }.AddSeries("a", [1.0, 2], [1.0, 2]).ToPng();
        using var without = DecodePng(Png("     "));
        using var with = DecodePng(Png("epoch"));

        Assert.True(Ink(with, 0, 270, 600, 30) > Ink(without, 0, 270, 600, 30) + 5_000);
    }

    [Fact]
    public void The_bundled_regular_and_bold_faces_are_registered()
    {
        ChartFonts.Register();

        var regular = ScottPlot.Fonts.GetTypeface(ChartFonts.Family, bold: false, italic: false);
        var bold = ScottPlot.Fonts.GetTypeface(ChartFonts.Family, bold: true, italic: false);

        Assert.Same(ChartFonts.Regular, regular); // the bundled faces, ahead of whatever the system has
        Assert.Same(ChartFonts.Bold, bold);
        Assert.Equal((ChartFonts.Family, 400), (regular.FamilyName, regular.FontStyle.Weight));
        Assert.Equal((ChartFonts.Family, 700), (bold.FamilyName, bold.FontStyle.Weight));
        Assert.Equal(ChartFonts.Family, ScottPlot.Fonts.Default);
    }

    [Fact]
    public void Titles_are_drawn_bold()
    {
        ChartFonts.Register();
        var plot = new ScottPlot.Plot();
        plot.Title("Loss per epoch");
        using var boldTitle = DecodePng(plot.GetImageBytes(600, 300, ScottPlot.ImageFormat.Png));
        plot.Axes.Title.Label.Bold = false;
        using var regularTitle = DecodePng(plot.GetImageBytes(600, 300, ScottPlot.ImageFormat.Png));

        Assert.True(Ink(boldTitle, 0, 0, 600, 40) > 1.3 * Ink(regularTitle, 0, 0, 600, 40));
    }
}
