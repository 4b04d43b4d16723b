using System.Globalization;

namespace GpuAE.Plots;

/// <summary>A continuous colour scale from [0,1] to RGB, linearly interpolated between anchor colours.</summary>
public sealed class ColorMap
{
    private readonly (byte R, byte G, byte B)[] _anchors;

    public ColorMap(IReadOnlyList<string> anchors)
    {
        if (anchors.Count < 2) throw new ArgumentException("a colour map needs at least two anchor colours", nameof(anchors));
        _anchors = anchors.Select(Parse).ToArray();
    }

    /// <summary>Viridis (matplotlib): perceptually uniform, readable in gray and by colour-blind readers.</summary>
    public static readonly ColorMap Viridis = new(
        ["#440154", "#472C7A", "#3B518B", "#2C718E", "#21908D", "#27AD81", "#5CC863", "#AADC32", "#FDE725"]);

    /// <summary>White to dark blue, for counts where "empty" should look empty.</summary>
    public static readonly ColorMap Blues = new(["#F7FBFF", "#C6DBEF", "#6BAED6", "#2171B5", "#08306B"]);

    public (byte R, byte G, byte B) RgbAt(double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        double position = t * (_anchors.Length - 1);
        int i = Math.Min((int)position, _anchors.Length - 2);
        double f = position - i;
        var (a, b) = (_anchors[i], _anchors[i + 1]);
        static byte Mix(byte x, byte y, double f) => (byte)Math.Round(x + (y - x) * f);
        return (Mix(a.R, b.R, f), Mix(a.G, b.G, f), Mix(a.B, b.B, f));
    }

    public string ColorAt(double t)
    {
        var (r, g, b) = RgbAt(t);
        return $"#{r:X2}{g:X2}{b:X2}";
    }

    /// <summary>Whether text on colour <paramref name="t"/> should be dark (light background) rather than white.</summary>
    public bool NeedsDarkText(double t)
    {
        var (r, g, b) = RgbAt(t);
        return 0.299 * r + 0.587 * g + 0.114 * b > 140;
    }

    private static (byte, byte, byte) Parse(string hex)
    {
        if (hex.Length != 7 || hex[0] != '#' || !uint.TryParse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint v))
            throw new ArgumentException($"colour '{hex}' is not of the form #RRGGBB");
        return ((byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }
}
