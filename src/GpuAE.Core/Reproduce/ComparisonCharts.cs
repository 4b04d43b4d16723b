using GpuAE.Plots;

namespace GpuAE.Reproduce;

/// <summary>
/// The paper's values beside GpuAE's, drawn: one grouped bar chart per quantity that the paper
/// reports (paper-vs-gpuae-1.svg, -2, ... in the order the quantities first appear), a pair of
/// bars per setting. Quantities on different scales (accuracy in %, a loss) never share an axis.
/// </summary>
public static class ComparisonCharts
{
    public const string FilePrefix = "paper-vs-gpuae-";

    public static void Write(string folder, string experiment, IReadOnlyList<ComparisonRow> rows)
    {
        foreach (var old in Directory.EnumerateFiles(folder, FilePrefix + "*.*")) File.Delete(old); // a rerun with fewer quantities leaves no stale chart
        var groups = rows.Where(r => r.Paper is not null && r.GpuAE is not null).GroupBy(r => r.Quantity).ToList();
        for (int g = 0; g < groups.Count; g++)
        {
            var group = groups[g].ToList();
            int seeds = group.Max(r => r.Spread?.Count ?? 1);
            new BarChart(group.Select(r => Shorten(r.Setting)).ToList())
            {
                Title = $"{experiment}: {groups[g].Key}",
                YLabel = groups[g].Key,
                ShowValues = true,
                ValueFormat = "G4",
                Width = Math.Clamp(170 * group.Count + 200, 720, 2400), // room for each setting's label under its pair of bars
            }
                .AddSeries("paper", group.Select(r => r.Paper!.Value).ToList())
                .AddSeries(seeds > 1 ? $"GpuAE (mean of {seeds} seeds)" : "GpuAE", group.Select(r => r.GpuAE!.Value).ToList())
                .Save(Path.Combine(folder, $"{FilePrefix}{g + 1}"));
        }
    }

    /// <summary>The setting on up to three lines of about 24 characters, broken after its commas (a long label would run into its neighbours).</summary>
    private static string Shorten(string setting)
    {
        var lines = new List<string> { "" };
        foreach (var part in setting.Split(", "))
        {
            if (lines[^1].Length > 0 && lines[^1].Length + part.Length > 24) lines.Add("");
            lines[^1] += (lines[^1].Length > 0 ? ", " : "") + part;
        }
        var kept = lines.Take(3).Select(l => l.Length <= 28 ? l : l[..27] + "…").ToList();
        if (lines.Count > 3) kept[^1] += " …";
        return string.Join("\n", kept);
    }
}
