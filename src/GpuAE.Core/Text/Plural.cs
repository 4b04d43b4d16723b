using System.Globalization;

namespace GpuAE.Text;

/// <summary>Counts in words: "1 epoch", "2 epochs", "1,000 images".</summary>
public static class Plural
{
    public static string Of(long count, string singular, string? plural = null) =>
        $"{count.ToString("N0", CultureInfo.InvariantCulture)} {(count == 1 ? singular : plural ?? singular + "s")}";
}
