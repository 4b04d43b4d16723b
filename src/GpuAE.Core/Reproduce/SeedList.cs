using System.Globalization;

namespace GpuAE.Reproduce;

/// <summary>`--seeds`: "3", "1-5" (inclusive) or "1,4,9", each seed a positive integer; at most 1000, none twice.</summary>
public static class SeedList
{
    public static IReadOnlyList<ulong> Parse(string text)
    {
        var seeds = new List<ulong>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int dash = part.IndexOf('-', 1);
            if (dash > 0)
            {
                ulong from = One(part[..dash], text), to = One(part[(dash + 1)..], text);
                if (to < from) throw new FormatException($"--seeds: range '{part}' runs backwards");
                if (to - from >= 1000) throw new FormatException($"--seeds: range '{part}' has more than 1000 seeds");
                for (ulong s = from; s <= to; s++) seeds.Add(s);
            }
            else seeds.Add(One(part, text));
        }
        if (seeds.Count > 1000) throw new FormatException($"--seeds: '{text}' gives {seeds.Count} seeds (at most 1000)");
        if (seeds.Distinct().Count() != seeds.Count) throw new FormatException($"--seeds: '{text}' repeats a seed");
        return seeds;
    }

    private static ulong One(string s, string text) =>
        ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v) && v > 0 ? v
            : throw new FormatException($"--seeds: '{s}' in '{text}' is not a positive integer (use e.g. 1-5 or 1,3,7)");
}
