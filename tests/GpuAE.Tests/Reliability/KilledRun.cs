using System.Diagnostics;
using System.Text.Json.Nodes;
using GpuAE.Tests.Cli;

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
    public sealed record Outcome(int Kills, GpuaeProcess.Result Last);

    public static Outcome Run(string[] args, string[] resumeArgs, string folder, TimeSpan uninterrupted, int kills, int seed, ITestOutputHelper output)
    {
        var random = new Random(seed);
        int done = 0;
        while (done < kills)
        {
            bool resumable = File.Exists(Path.Combine(folder, "resume.gae"));
            var delay = TimeSpan.FromSeconds(0.2 + random.NextDouble() * uninterrupted.TotalSeconds);
            using var p = GpuaeProcess.StartDetached(resumable ? resumeArgs : args);
            if (p.WaitForExit(delay))
            {
                output.WriteLine($"start {done + 1} ({(resumable ? "resume" : "fresh")}) finished before its kill at {delay.TotalSeconds:F2} s (exit {p.ExitCode})");
                if (p.ExitCode != 0) throw new InvalidOperationException($"gpuae exited {p.ExitCode} between kills");
                return new Outcome(done, new GpuaeProcess.Result(0, "", ""));
            }
            Process.Start("kill", $"-KILL {p.Id}")!.WaitForExit();
            p.WaitForExit();
            done++;
            output.WriteLine($"kill {done} at {delay.TotalSeconds:F2} s ({(resumable ? "resumed" : "fresh")} start); resume state present: {File.Exists(Path.Combine(folder, "resume.gae"))}");
        }
        var last = GpuaeProcess.Run(File.Exists(Path.Combine(folder, "resume.gae")) ? resumeArgs : args);
        output.WriteLine(last.Stdout + last.Stderr);
        return new Outcome(done, last);
    }

    /// <summary>metrics.csv without its time columns (seconds, images_per_s).</summary>
    public static IEnumerable<string> MetricsWithoutTimes(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "metrics.csv")).Select(l => string.Join(",", l.Split(',')[..^2]));

    /// <summary>summary.json without what depends on timing and memory: wall seconds and peak device bytes.</summary>
    public static string SummaryWithoutTimes(string folder)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")))!.AsObject();
        json.Remove("wall_seconds");
        json.Remove("peak_device_bytes");
        return json.ToJsonString();
    }
}
