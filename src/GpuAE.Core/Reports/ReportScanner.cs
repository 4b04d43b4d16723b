namespace GpuAE.Reports;

/// <summary>
/// Finds what a report shows under a folder, recursively: every folder with a summary.json or a
/// metrics.csv (a run, a t-SNE, or another summary), every results.csv (a sweep table) and every comparison.csv (a reproduce preset). Sections
/// come back in page order: reproduce comparisons, sweeps, runs, t-SNE, classifiers, others, each sorted by path (ordinal, so stable).
/// </summary>
public static class ReportScanner
{
    private static readonly string[] RunFiles = ["metrics.csv", "model.gae", "samples.png", "loss.svg"];
    private static readonly string[] TsneFiles = ["tsne.svg", "embedding.csv"];

    public static List<ReportSection> Scan(string root)
    {
        if (File.Exists(root)) throw new ReportInputException($"report: '{root}' is a file; give the folder that holds the runs");
        if (!System.IO.Directory.Exists(root)) throw new DirectoryNotFoundException($"report: folder '{root}' not found");
        string full = Path.GetFullPath(root);
        var sections = new List<ReportSection>();
        foreach (var dir in Folders(full))
        {
            string relative = Relative(full, dir);
            if (File.Exists(Path.Combine(dir, ComparisonSection.FileName))) sections.Add(new ComparisonSection(dir, relative));
            if (File.Exists(Path.Combine(dir, SweepSection.FileName))) sections.Add(new SweepSection(dir, relative));
            if (Classify(dir, relative) is { } section) sections.Add(section);
        }
        return sections.OrderBy(s => s.Kind).ThenBy(s => s.RelativePath, StringComparer.Ordinal).ToList();
    }

    private static ReportSection? Classify(string dir, string relative)
    {
        var summary = SummaryFile.TryLoad(dir);
        if (summary?.IsRun == true) return new RunSection(dir, relative, summary);
        if (summary?.IsTsne == true) return new TsneSection(dir, relative, summary);
        if (summary is not null && ClassifierSection.Shows(summary)) return new ClassifierSection(dir, relative, summary);
        bool looksLikeRun = RunFiles.Any(f => File.Exists(Path.Combine(dir, f)));
        bool looksLikeTsne = TsneFiles.Any(f => File.Exists(Path.Combine(dir, f)));
        // an unreadable or format-less summary: judge the folder by the files beside it
        if (summary?.Format is null && looksLikeRun && (summary is not null || File.Exists(Path.Combine(dir, "metrics.csv"))))
            return new RunSection(dir, relative, summary);
        if (summary?.Format is null && looksLikeTsne && summary is not null) return new TsneSection(dir, relative, summary);
        return summary is null ? null : new OtherSection(dir, relative, summary);
    }

    /// <summary>The root and every folder below it, skipping links (no cycles) and hidden folders.</summary>
    private static IEnumerable<string> Folders(string root)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true, IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
        };
        return System.IO.Directory.EnumerateDirectories(root, "*", options).Prepend(root);
    }

    private static string Relative(string root, string dir)
    {
        string r = Path.GetRelativePath(root, dir).Replace(Path.DirectorySeparatorChar, '/');
        // the root itself is named by its folder name: "." would say nothing in a heading
        return r is "" or "." ? Path.GetFileName(Path.TrimEndingDirectorySeparator(root)) is { Length: > 0 } name ? name : "." : r;
    }
}
