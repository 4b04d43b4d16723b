using System.Xml.Linq;
using SkiaSharp;

namespace GpuAE.Tests.Plots;

/// <summary>Reads back what a chart wrote: decodes its PNG, parses its SVG, and measures ink in a region.</summary>
internal static class ChartFileReading
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Parses the SVG (which proves it is well-formed XML) and returns its root element.</summary>
    public static XElement ParseSvg(string svg) => XDocument.Parse(svg).Root!;

    public static SKBitmap DecodePng(byte[] png) => SKBitmap.Decode(png) ?? throw new InvalidOperationException("PNG did not decode");

    /// <summary>Summed darkness (255 - luma) of the pixels in a rectangle: 0 for blank white.</summary>
    public static long Ink(SKBitmap bitmap, int left, int top, int width, int height)
    {
        long ink = 0;
        for (int y = top; y < Math.Min(bitmap.Height, top + height); y++)
            for (int x = left; x < Math.Min(bitmap.Width, left + width); x++)
            {
                var c = bitmap.GetPixel(x, y);
                ink += 255 - (c.Red * 299 + c.Green * 587 + c.Blue * 114) / 1000;
            }
        return ink;
    }

    /// <summary>Every text run of an SVG (ScottPlot writes text as text elements).</summary>
    public static List<string> Texts(XElement svg) => svg.Descendants(Svg + "text").Select(t => t.Value.Trim()).ToList();
}
