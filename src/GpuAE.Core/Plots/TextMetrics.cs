namespace GpuAE.Plots;

/// <summary>
/// Estimates rendered text width without a font rasterizer, from approximate Helvetica advance widths
/// (in em). Layout uses it to size margins and to keep tick labels from overlapping; it errs wide.
/// </summary>
public static class TextMetrics
{
    /// <summary>Viewers without Helvetica or Arial fall back to wider fonts such as DejaVu Sans (~10 % wider).</summary>
    private const double FallbackFontAllowance = 1.1;

    public static double Width(string text, double fontSize, bool bold = false)
    {
        double em = 0;
        foreach (char c in text) em += Advance(c);
        return em * fontSize * (bold ? 1.2 : 1.0) * FallbackFontAllowance;
    }

    private static double Advance(char c) => c switch
    {
        >= '0' and <= '9' => 0.556,
        '.' or ',' or ':' or ';' or '\'' or '!' or '|' => 0.278,
        'i' or 'j' or 'l' => 0.222,
        'f' or 't' or 'r' or 'I' or ' ' or '(' or ')' or '[' or ']' or '/' => 0.30,
        '-' => 0.333,
        'm' or 'w' => 0.833,
        'M' or 'W' => 0.90,
        >= 'a' and <= 'z' => 0.54,
        >= 'A' and <= 'Z' => 0.68,
        _ => 0.60,
    };
}
