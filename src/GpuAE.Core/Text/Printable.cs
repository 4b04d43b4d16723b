using System.Globalization;
using System.Text;

namespace GpuAE.Text;

/// <summary>
/// Text from a file as a one-line message shows it: control and other non-printing characters (and U+FFFD,
/// what undecodable bytes become) are written as \uNNNN escapes, and anything longer than a maximum is cut
/// with "...", so a corrupt name can never fill the terminal with raw bytes or break the error's single line.
/// </summary>
public static class Printable
{
    /// <summary>About the longest name or value shown in a message, in characters after escaping.</summary>
    public const int DefaultMax = 60;

    public static string Of(string? text, int max = DefaultMax)
    {
        if (text is null) return "";
        var sb = new StringBuilder();
        int i = 0;
        for (; i < text.Length && sb.Length < max; i++)
        {
            char c = text[i];
            if (NonPrinting(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        if (i < text.Length) sb.Append("...");
        return sb.ToString();
    }

    /// <summary>Bytes from a file shown as text: UTF-8 where they decode, escapes where they do not.</summary>
    public static string Of(ReadOnlySpan<byte> bytes, int max = DefaultMax) => Of(Encoding.UTF8.GetString(bytes), max);

    /// <summary>A path in a message: longer paths are fine, control characters are not.</summary>
    public static string Path(string path) => Of(path, 512);

    private static bool NonPrinting(char c) =>
        c == '\uFFFD' || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
