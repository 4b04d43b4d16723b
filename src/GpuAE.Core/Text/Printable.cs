namespace GpuAE.Text;

/// <summary>Text from a file as a one-line message shows it: control characters escaped, cut after a maximum length.</summary>
public static class Printable
{
    public static string Of(string text, int max = 60)
    {
        var shown = text.Length > max ? text[..max] : text;
        var escaped = string.Concat(shown.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return text.Length > max ? escaped + "..." : escaped;
    }
}
