using GpuAE.Plots;

namespace GpuAE.Tests.Plots;

public class ColorMapTests
{
    [Fact]
    public void Ends_of_the_range_are_the_first_and_last_anchor()
    {
        var map = new ColorMap(["#000000", "#FF8000"]);

        Assert.Equal(("#000000", "#FF8000"), (map.ColorAt(0), map.ColorAt(1)));
    }

    [Fact]
    public void Midpoint_is_interpolated()
    {
        Assert.Equal("#808080", new ColorMap(["#000000", "#FFFFFF"]).ColorAt(0.5));
    }

    [Fact]
    public void Out_of_range_and_NaN_are_clamped()
    {
        var map = new ColorMap(["#000000", "#FFFFFF"]);

        Assert.Equal(("#000000", "#FFFFFF", "#000000"), (map.ColorAt(-3), map.ColorAt(7), map.ColorAt(double.NaN)));
    }

    [Fact]
    public void Malformed_colour_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new ColorMap(["#000000", "red"]));

        Assert.Equal("colour 'red' is not of the form #RRGGBB", e.Message);
    }

    [Fact]
    public void Palette_uses_okabe_ito_up_to_seven_categories_and_tableau_beyond()
    {
        Assert.Equal(Palette.OkabeIto, Palette.ForCategories(7));
        Assert.Equal(Palette.Tableau10.Take(8), Palette.ForCategories(8));
    }
}
