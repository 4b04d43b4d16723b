using System.Text.RegularExpressions;
using GpuAE.IO;
using ScottPlot;

namespace GpuAE.Plots;

/// <summary>The two files a chart is saved as: the same picture as PNG (for viewing) and SVG (for print).</summary>
public sealed record ChartFiles(string Png, string Svg);

/// <summary>
/// What every GpuAE chart shares: title, axis labels, size, the bundled font and the house style;
/// ScottPlot draws it. Subclasses add their data in <see cref="Draw"/>. A chart is saved as PNG and SVG
/// under one base name (loss -> loss.png, loss.svg).
/// </summary>
public abstract partial class Chart
{
    public string? Title { get; set; }
    public string? XLabel { get; set; }
    public string? YLabel { get; set; }
    public int Width { get; set; } = 720;
    public int Height { get; set; } = 440;

    /// <summary>Adds the data, legend and ticks to a plot that already has the title, labels and style.</summary>
    protected abstract void Draw(Plot plot);

    public Plot Build()
    {
        if (Width < 160 || Height < 120) throw new ArgumentOutOfRangeException(nameof(Width), $"chart size {Width}x{Height} px is too small to read; use at least 160x120");
        ChartFonts.Register();
        var plot = new Plot();
        ChartStyle.Apply(plot, Title, XLabel, YLabel);
        Draw(plot);
        return plot;
    }

    public byte[] ToPng() => Build().GetImageBytes(Width, Height, ImageFormat.Png);

    public string ToSvg() => Svg(Build());

    /// <summary>
    /// The plot as SVG with its clip-path ids numbered from 1 in document order: Skia numbers them
    /// with a process-wide counter, which would make the same chart differ from run to run.
    /// </summary>
    private string Svg(Plot plot)
    {
        var ids = new Dictionary<string, string>();
        return ClipId().Replace(plot.GetSvgXml(Width, Height), m =>
            ids.TryGetValue(m.Value, out var id) ? id : ids[m.Value] = $"clip{ids.Count + 1}");
    }

    [GeneratedRegex(@"\bcl_[0-9A-Za-z]+\b")]
    private static partial Regex ClipId();

    /// <summary>Writes <paramref name="basePath"/>.png and .svg, each atomically; the path carries no extension.</summary>
    public ChartFiles Save(string basePath)
    {
        string extension = Path.GetExtension(basePath).ToLowerInvariant();
        if (extension is ".png" or ".svg")
            throw new ArgumentException($"chart base path '{basePath}' ends in {extension}; give it without extension, both .png and .svg are written");
        var plot = Build();
        var files = new ChartFiles(basePath + ".png", basePath + ".svg");
        AtomicFile.WriteAllBytes(files.Png, plot.GetImageBytes(Width, Height, ImageFormat.Png));
        AtomicFile.WriteAllText(files.Svg, Svg(plot));
        return files;
    }
}
