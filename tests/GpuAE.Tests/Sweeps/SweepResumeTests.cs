using System.Diagnostics;
using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Sweeps;

/// <summary>Sweeps survive kill -9, and shards merge into the same results as one run.</summary>
public sealed class SweepResumeTests(ITestOutputHelper output)
{
    private static string[] SweepArgs(string outDir, params string[] extra) =>
    [
        "sweep", "--model", "dense", "--dataset", "fashion-mnist", "--data-dir", RealData.DataDir,
        "--grid", "hidden=8,16", "--grid", "lr=0.1,0.2", "--train-noise", "mask:0.2,mask:0.5", "--test-noise", "mask:0.2:0.6:0.2",
        "--epochs", "1", "--batch", "50", "--train-limit", "300", "--test-limit", "60", "--device", "cpu", "--out", outDir, .. extra,
    ];

    private static List<string> ResultRows(string dir) => File.ReadAllLines(Path.Combine(dir, "results.csv")).Skip(1).ToList();

    [Fact]
    public void A_sweep_killed_with_sigkill_resumes_and_ends_with_every_row_exactly_once()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        string dir = Directory.CreateTempSubdirectory("gpuae-sweep-kill-").FullName;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gpuae.dll"));
        foreach (var a in SweepArgs(dir)) psi.ArgumentList.Add(a);
        using (var p = Process.Start(psi)!)
        {
            _ = p.StandardOutput.ReadToEndAsync(); _ = p.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (Directory.GetFiles(dir, "cell.json", SearchOption.AllDirectories).Length < 2 && !p.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3))
                Thread.Sleep(20);
            p.Kill(entireProcessTree: true); // SIGKILL: no clean-up code runs
            p.WaitForExit();
        }
        var finishedBefore = Directory.GetFiles(dir, "cell.json", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        output.WriteLine($"{finishedBefore.Count} cells finished before the kill");
        Assert.InRange(finishedBefore.Count, 1, 7);

        var r = GpuaeProcess.Run(SweepArgs(dir));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"{finishedBefore.Count} already done", r.Stdout);
        var rows = ResultRows(dir);
        Assert.Equal(8 * 3, rows.Count);
        Assert.Equal(rows.Count, rows.Select(row => string.Join(",", row.Split(',')[..5])).Distinct().Count());
        foreach (var (file, time) in finishedBefore) Assert.Equal(time, File.GetLastWriteTimeUtc(file)); // not retrained
        Assert.Empty(Directory.GetFiles(dir, "*.tmp-*", SearchOption.AllDirectories));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Shards_merge_into_the_results_of_a_single_run()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        string root = Directory.CreateTempSubdirectory("gpuae-sweep-shards-").FullName;
        string a = Path.Combine(root, "a"), b = Path.Combine(root, "b"), merged = Path.Combine(root, "m"), whole = Path.Combine(root, "w");
        Assert.Equal(0, GpuaeProcess.Run(SweepArgs(a, "--shard", "0/2")).ExitCode);
        Assert.Equal(0, GpuaeProcess.Run(SweepArgs(b, "--shard", "1/2")).ExitCode);
        Assert.Equal(12, ResultRows(a).Count);
        var m = GpuaeProcess.Run("sweep", "merge", a, b, "--out", merged);
        Assert.True(m.ExitCode == 0, m.Stderr);
        Assert.Equal(0, GpuaeProcess.Run(SweepArgs(whole)).ExitCode);
        static IEnumerable<string> WithoutTime(List<string> rows) => rows.Select(r => string.Join(",", r.Split(',')[..^1]));
        Assert.Equal(WithoutTime(ResultRows(whole)), WithoutTime(ResultRows(merged)));
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Merging_folders_of_different_sweeps_is_refused()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        string root = Directory.CreateTempSubdirectory("gpuae-sweep-mismatch-").FullName;
        string a = Path.Combine(root, "a"), b = Path.Combine(root, "b");
        Directory.CreateDirectory(a); Directory.CreateDirectory(b);
        Assert.Equal(0, GpuaeProcess.Run([.. SweepArgs(a, "--shard", "0/8")]).ExitCode);
        var other = SweepArgs(b, "--shard", "0/8");
        other[Array.IndexOf(other, "--epochs") + 1] = "2";
        Assert.Equal(0, GpuaeProcess.Run(other).ExitCode);
        var r = GpuaeProcess.Run("sweep", "merge", a, b, "--out", Path.Combine(root, "m"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("different sweep", r.Stderr);
        Directory.Delete(root, recursive: true);
    }
}
