using System.Globalization;
using System.Xml.Linq;

namespace GpuAE.Tests.Plots;

/// <summary>Parses chart SVG (which also proves it is well-formed XML) and finds the parts tests look at.</summary>
internal static class SvgTestReading
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static XElement Parse(string svg) => XDocument.Parse(svg).Root!;

    public static IEnumerable<XElement> Groups(XElement root, string cssClass) =>
        root.Descendants(Ns + "g").Where(g => ((string?)g.Attribute("class") ?? "").Split(' ').Contains(cssClass));

    public static List<string> Texts(XElement scope) => scope.Descendants(Ns + "text").Select(t => t.Value).ToList();

    public static List<string> TickLabels(XElement root, string axisClass)
    {
        var axis = Groups(root, axisClass).Single();
        string? title = (string?)axis.Attribute("data-label");
        var texts = Texts(axis);
        if (title is not null) texts.Remove(title);
        return texts;
    }

    public static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    public static double Attr(XElement e, string name) => Number((string)e.Attribute(name)!);

    /// <summary>The (x, y) points of a path's "M x,y L x,y ..." data, and how many sub-paths it has.</summary>
    public static (List<(double X, double Y)> Points, int SubPaths) PathPoints(XElement path)
    {
        string d = (string)path.Attribute("d")!;
        var tokens = d.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var points = tokens.Select(t => t[1..].Split(',')).Select(p => (Number(p[0]), Number(p[1]))).ToList();
        return (points, tokens.Count(t => t[0] == 'M'));
    }
}
