using System.Globalization;
using System.Text;

namespace GpuAE.Text;

/// <summary>
/// Text from a file, made safe to print in a one-line message: control and other non-printing
/// characters (and U+FFFD, what undecodable bytes become) are written as \xNN or \uNNNN escapes, and
/// anything longer than a limit is cut with "..." and its length, so a corrupt name can never
/// fill the terminal with raw bytes or break the error's single line.
/// </summary>
public static class Printable
{
    /// <summary>About the longest name or value shown in a message, in characters after escaping.</summary>
    public const int DefaultLimit = 64;

    public static string Of(string? text, int limit = DefaultLimit)
    {
        if (text is null) return "";
        var sb = new StringBuilder();
        int i = 0;
        for (; i < text.Length && sb.Length < limit; i++)
        {
            char c = text[i];
            var category = char.GetUnicodeCategory(c);
            if (c < 0x20 || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else if (c == '\\') sb.Append("\\\\");
            else if (c == '\uFFFD' || category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                     or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        if (i < text.Length) sb.Append($"... ({text.Length} characters)");
        return sb.ToString();
    }

    /// <summary>Bytes from a file shown as text: UTF-8 where they decode, escapes where they do not.</summary>
    public static string Of(ReadOnlySpan<byte> bytes, int limit = DefaultLimit) => Of(Encoding.UTF8.GetString(bytes), limit);

    /// <summary>A path in a message: longer paths are fine, control characters are not.</summary>
    public static string Path(string path) => Of(path, 512);
}
