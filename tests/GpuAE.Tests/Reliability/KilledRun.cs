using System.Diagnostics;
using System.Text.Json.Nodes;
using GpuAE.Tests.Cli;
using GpuAE.Training;

namespace GpuAE.Tests.Reliability;

/// <summary>
/// Runs a gpuae command to completion while killing it with SIGKILL at random moments: the first
/// start runs the command as given, every later one continues it (`resumeArgs`) once it has
/// left a resume state, until a run exits on its own. Kill times are drawn from a seeded
/// generator over the span an uninterrupted run took, so they land in start-up, in epochs and in
/// the writes between them.
/// </summary>
public static class KilledRun
{
    /// <summary>How many kills landed, the last run's output, and how far the saved state had got at each resumed start.</summary>
    public sealed record Outcome(int Kills, GpuaeProcess.Result Last, IReadOnlyList<int> ProgressAtResume);

    /// <summary>
    /// The first kill waits until the saved state shows progress (so at least one start resumes
    /// from the middle of the run); the others come at seeded random moments.
    /// </summary>
    public static Outcome Run(string[] args, string[] resumeArgs, string folder, TimeSpan uninterrupted, int kills, int seed, ITestOutputHelper output)
    {
        var random = new Random(seed);
        var progressAtResume = new List<int>();
        int done = 0;
        while (done < kills)
        {
            bool resumable = File.Exists(Path.Combine(folder, "resume.gae"));
            if (done > 0 && CompletedAsKillLanded(folder, resumable))
            {
                output.WriteLine($"the run completed as kill {done} landed");
                return new Outcome(done, new GpuaeProcess.Result(0, "", ""), progressAtResume);
            }
            if (resumable) progressAtResume.Add(Progress(folder));
            var delay = TimeSpan.FromSeconds(0.2 + random.NextDouble() * uninterrupted.TotalSeconds);
            using var p = GpuaeProcess.StartDetached(resumable ? resumeArgs : args);
            bool exited = done == 0 ? !WaitForProgress(p, folder, uninterrupted * 3) : p.WaitForExit(delay);
            if (exited)
            {
                p.WaitForExit();
                output.WriteLine($"start {done + 1} ({(resumable ? "resume" : "fresh")}) finished before its kill (exit {p.ExitCode})");
                if (p.ExitCode != 0) throw new InvalidOperationException($"gpuae exited {p.ExitCode} between kills");
                return new Outcome(done, new GpuaeProcess.Result(0, "", ""), progressAtResume);
            }
            Process.Start("kill", $"-KILL {p.Id}")!.WaitForExit();
            p.WaitForExit();
            done++;
            output.WriteLine($"kill {done} ({(resumable ? "resumed" : "fresh")} start, {(done == 1 ? "once the state showed progress" : $"at {delay.TotalSeconds:F2} s")}); saved progress now {Progress(folder)}");
        }
        bool resume = File.Exists(Path.Combine(folder, "resume.gae"));
        if (CompletedAsKillLanded(folder, resume))
        {
            output.WriteLine($"the run completed as kill {done} landed");
            return new Outcome(done, new GpuaeProcess.Result(0, "", ""), progressAtResume);
        }
        if (resume) progressAtResume.Add(Progress(folder));
        var last = GpuaeProcess.Run(resume ? resumeArgs : args);
        output.WriteLine(last.Stdout + last.Stderr);
        return new Outcome(done, last, progressAtResume);
    }

    /// <summary>
    /// A kill can land just as the run completes (it removes resume.gae last, after writing its
    /// summary): then it is done, and a fresh start would refuse the finished folder. On a loaded
    /// machine this happens to any kill, not only the last.
    /// </summary>
    private static bool CompletedAsKillLanded(string folder, bool resumable) =>
        !resumable && File.Exists(Path.Combine(folder, "summary.json"));

    /// <summary>How far a saved state is: finished epochs of the fit in progress, plus folds, pretrained layers and self-training rounds, 0 at the start.</summary>
    public static int Progress(string folder)
    {
        try
        {
            var h = ResumeState.Load(folder).Header;
            return (h["epoch"]?.GetValue<int>() ?? 0) + (h["fold"]?.GetValue<int>() ?? 0)
                + (h["pretraining"]?.AsArray().Count ?? 0) + (h["rounds"]?.AsArray().Count ?? 0);
        }
        catch (Exception e) when (e is IOException or StateFileException) { return 0; }
    }

    /// <summary>Waits until the state shows progress; false when the process exits first.</summary>
    private static bool WaitForProgress(Process p, string folder, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (p.WaitForExit(50)) return false;
            if (Progress(folder) > 0) return true;
        }
        return true;
    }

    /// <summary>metrics.csv without its time columns (seconds, images_per_s).</summary>
    public static IEnumerable<string> MetricsWithoutTimes(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "metrics.csv")).Select(l => string.Join(",", l.Split(',')[..^2]));

    /// <summary>summary.json without what depends on timing and memory (seconds, images/s, peak device bytes), at any depth.</summary>
    public static string SummaryWithoutTimes(string folder)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")))!;
        Strip(json);
        return json.ToJsonString();
    }

    private static readonly string[] TimingKeys = ["wall_seconds", "seconds", "images_per_s", "peak_device_bytes"];

    private static void Strip(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            foreach (var key in TimingKeys) o.Remove(key);
            foreach (var (_, child) in o) Strip(child);
        }
        else if (node is JsonArray a) foreach (var child in a) Strip(child);
    }

    /// <summary>A CSV file without its last column (a time).</summary>
    public static IEnumerable<string> CsvWithoutLastColumn(string path) => File.ReadAllLines(path).Select(l => string.Join(",", l.Split(',')[..^1]));
}
