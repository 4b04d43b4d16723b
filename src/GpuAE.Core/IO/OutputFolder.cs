namespace GpuAE.IO;

/// <summary>
/// Checks an output folder before any work starts, so a long run cannot fail at its end for a
/// reason known at its start: the path must not be a file, the folder must be creatable and
/// writable (a read-only mount or a permission fails here, in one line), and a folder that
/// already holds another run's results is refused unless the caller was told to overwrite it
/// (`--force`) or to continue it (`--resume`).
/// </summary>
public static class OutputFolder
{
    /// <summary>Files whose presence means "a GpuAE run wrote here" (train, sweep, reproduce, classify, t-SNE, stacked runs).</summary>
    public static readonly string[] RunMarkers =
        ["summary.json", "metrics.csv", "model.gae", "resume.gae", "sweep.json", "results.csv", "cell.json", "comparison.csv", "embedding.csv", "folds.csv"];

    /// <summary>The run files a folder holds (names only; empty when the folder is missing or holds none).</summary>
    public static IReadOnlyList<string> RunFilesIn(string folder) =>
        Directory.Exists(folder) ? RunMarkers.Where(m => File.Exists(Path.Combine(folder, m))).ToList() : [];

    /// <summary>
    /// Refuses a folder holding another run's files (unless <paramref name="force"/>), then makes
    /// sure it can be written. <paramref name="option"/> names the command-line option in messages.
    /// </summary>
    public static void PrepareNew(string folder, string option, bool force)
    {
        RefuseFile(folder, option);
        var found = RunFilesIn(folder);
        if (found.Count > 0 && !force)
            throw new OutputFolderException($"{option} '{Text.Printable.Path(folder)}' holds another run ({string.Join(", ", found.Take(3))}); " +
                "use --force to overwrite it, --resume to continue it (train), or another " + option);
        EnsureWritable(folder);
    }

    /// <summary>Files a run writes besides its markers (charts and tables), removed with them by <see cref="RemoveRunFiles"/>.</summary>
    private static readonly string[] RunOutputs =
        ["loss.png", "loss.svg", "samples.png", "accuracy.png", "accuracy.svg", "confusion.csv", "confusion.png", "confusion.svg",
         "pretraining.csv", "pretraining.png", "pretraining.svg", "gallery.png", "comparison.md"];

    /// <summary>`--force`: removes the files an earlier run left (its markers, tables and charts), so none mixes with the new run's; other files stay.</summary>
    public static void RemoveRunFiles(string folder)
    {
        foreach (var name in RunMarkers.Concat(RunOutputs))
        {
            string path = Path.Combine(folder, name);
            try { if (File.Exists(path)) File.Delete(path); }
            catch (Exception e) when (FileFailure.Is(e)) { throw new FileSystemException(FileFailure.Of(e, path), "remove"); }
        }
    }

    /// <summary>Throws when <paramref name="folder"/> is a file.</summary>
    public static void RefuseFile(string folder, string option)
    {
        if (File.Exists(folder)) throw new FileSystemException(FileFailure.WrongPath(folder, $"is a file; {option} names a folder"), "use");
    }

    /// <summary>Creates the folder and writes and deletes a small file in it: a read-only, full or forbidden folder fails now, in one line.</summary>
    public static void EnsureWritable(string folder)
    {
        string probe = Path.Combine(folder, $".gpuae-write-test-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(probe, [0]);
            File.Delete(probe);
        }
        catch (Exception e) when (FileFailure.Is(e) && e is not FileSystemException)
        {
            throw new FileSystemException(FileFailure.Of(e, probe).About(folder), "write to");
        }
    }

    /// <summary>Checks a file to write (`report --out`, `denoise --output` for one image): not a folder, its folder writable.</summary>
    public static void PrepareFile(string file, string option)
    {
        if (Directory.Exists(file)) throw new FileSystemException(FileFailure.WrongPath(file, $"is a folder; {option} names a file"), "write");
        string? dir = Path.GetDirectoryName(Path.GetFullPath(file));
        if (dir is null) return;
        RefuseFile(dir, option);
        EnsureWritable(dir);
    }
}

/// <summary>An output folder the command must not write to as asked (another run is there): a user mistake, exit code 2.</summary>
public sealed class OutputFolderException(string message) : Exception(message);
