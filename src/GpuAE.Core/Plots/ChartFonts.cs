using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace GpuAE.Plots;

/// <summary>
/// The one font every chart and image label is drawn with: DejaVu Sans, regular and bold, shipped
/// inside this assembly (Plots/Fonts, Bitstream Vera licence). ScottPlot otherwise takes whatever
/// the system has and, on a machine without fonts, draws no text at all and says nothing; with the
/// bundled files charts look the same everywhere. Both weights are needed: titles and axis labels
/// are bold, and a missing bold face leaves them blank.
/// </summary>
public static class ChartFonts
{
    public const string Family = "DejaVu Sans";
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold.ttf"));
    private static readonly Lock Gate = new();
    private static bool _registered;

    public static SKTypeface Regular => RegularFace.Value;
    public static SKTypeface Bold => BoldFace.Value;

    /// <summary>Makes ScottPlot resolve <see cref="Family"/> to the bundled files, first, and use it by default. Idempotent.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            ScottPlot.Fonts.FontResolvers.Insert(0, new BundledFontResolver());
            ScottPlot.Fonts.Default = Family;
            ScottPlot.Fonts.Sans = Family;
            // no global typeface: labels then resolve Family by their own weight (plot.Font.Set would pin
            // every label, titles included, to the regular face)
            ScottPlot.Fonts.DefaultFontStyle = null;
            _registered = true;
        }
    }

    private static SKTypeface Load(string file)
    {
        string name = $"GpuAE.Plots.Fonts.{file}";
        using var stream = typeof(ChartFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"font resource {name} is missing from {typeof(ChartFonts).Assembly.GetName().Name}");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"font resource {name} is not a font SkiaSharp can read");
    }

    /// <summary>Semi-bold and heavier get the bold file (ScottPlot titles ask for semi-bold); slant and width are ignored.</summary>
    private sealed class BundledFontResolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            fontName == Family ? (weight >= FontWeight.SemiBold ? Bold : Regular) : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            CreateTypeface(fontName, bold ? FontWeight.Bold : FontWeight.Normal, FontSlant.Upright, FontSpacing.Normal);
    }
}
