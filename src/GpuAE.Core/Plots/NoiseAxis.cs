using System.Globalization;
using GpuAE.Compute;
using GpuAE.Noise;

namespace GpuAE.Plots;

/// <summary>
/// Orders noise settings as a reader expects (none first, then by kind, then by level) and, when
/// every setting is one kind at different levels, gives each a numeric position for a line chart.
/// </summary>
public static class NoiseAxis
{
    public static List<string> Sorted(IEnumerable<string> settings) =>
        settings.Distinct().OrderBy(s => Key(s).Kind).ThenBy(s => Key(s).Level).ThenBy(s => s, StringComparer.Ordinal).ToList();

    /// <summary>Numeric levels of the settings and the kind they share, or null when they cannot share an axis.</summary>
    public static (double[] Levels, string Kind)? NumericLevels(IReadOnlyList<string> settings)
    {
        var keys = settings.Select(Key).ToList();
        var kinds = keys.Where(k => k.Kind != 0).Select(k => k.Name).Distinct().ToList();
        if (keys.Any(k => double.IsNaN(k.Level)) || kinds.Count > 1) return null;
        if (keys.Select(k => k.Level).Distinct().Count() != keys.Count) return null;
        return (keys.Select(k => k.Level).ToArray(), kinds.FirstOrDefault() ?? "level");
    }

    /// <summary>(kind order, level, kind name); level NaN where the setting has no level (erase, mix, unknown text).</summary>
    private static (int Kind, double Level, string Name) Key(string setting)
    {
        if (double.TryParse(setting, NumberStyles.Float, CultureInfo.InvariantCulture, out double plain)) return (1, plain, "level");
        try
        {
            var spec = NoiseSpec.Parse(setting);
            if (spec.IsMix) return (6, double.NaN, "mix");
            return spec.Kind switch
            {
                NoiseKind.None => (0, 0, "none"),
                NoiseKind.Erase => (5, double.NaN, "erase"),
                _ => (2 + (int)spec.Kind, spec.Level, spec.Kind.ToString().ToLowerInvariant()),
            };
        }
        catch (FormatException)
        {
            return (7, double.NaN, setting);
        }
    }
}
