using System.Diagnostics;
using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Reliability;

/// <summary>
/// `gpuae train --resume` continues only on the data the run started on (resume.gae records each
/// file's SHA-256, the image size and the class names): other files or another image size are one
/// line and exit 2, with the run folder left as it was; a run on your own data (`--dataset PATH`)
/// killed and resumed ends with the uninterrupted run's results.
/// </summary>
public sealed class ResumeOnDataTests(ITestOutputHelper output)
{
    private static readonly string[] Classes = ["circle", "square"];

    private static string[] TrainArgs(string dataset, string folder, int epochs) =>
        ["train", "--model", "dense", "--hidden", "16", "--optimizer", "adam", "--lr", "0.01", "--epochs", epochs.ToString(), "--batch", "8",
         "--dataset", dataset, "--device", "cpu", "--quiet", "--out", folder];

    /// <summary>Starts a long training run and kills it with SIGKILL once it has written its resume state.</summary>
    private static void StartAndKill(string[] args, string folder)
    {
        using var p = GpuaeProcess.StartDetached(args);
        var clock = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(folder, "resume.gae")))
        {
            if (p.WaitForExit(20)) Assert.Fail($"gpuae exited ({p.ExitCode}) before it wrote resume.gae");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "no resume.gae after 2 minutes");
        }
        Process.Start("kill", $"-KILL {p.Id}")!.WaitForExit();
        p.WaitForExit();
    }

    /// <summary>A killed run on a 28x28 image folder, then <paramref name="change"/> to its data, then --resume: refused, the folder untouched.</summary>
    private void ResumeIsRefusedAfter(Action<string> change, string expected)
    {
        using var dir = new TempDirectory();
        string data = TestDatasets.ImageFolder(dir.File("shapes"), Classes, trainPerClass: 40, testPerClass: 8, side: 28), run = dir.File("run");
        StartAndKill(TrainArgs(data, run, epochs: 500), run);
        var before = Directory.GetFiles(run).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        change(data);
        var r = GpuaeProcess.Run("train", "--resume", run, "--quiet");
        output.WriteLine(r.Stderr);
        CliAssert.OneLineUsageError(r, expected);
        Assert.Contains("resume on the same data, or start a new run with --force", r.Stderr);
        Assert.Equal(before.Keys.Order(), Directory.GetFiles(run).Select(f => Path.GetFileName(f)).Order());
        foreach (var (name, bytes) in before) Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(run, name)));
    }

    [Fact]
    public void Resume_on_other_dataset_files_is_refused_with_exit_2()
    {
        // One training image replaced by another: same names and size, other contents.
        ResumeIsRefusedAfter(data => File.Copy(Path.Combine(data, "train", "square", "000.png"), Path.Combine(data, "train", "circle", "000.png"), overwrite: true),
            "its files' contents differ");
    }

    [Fact]
    public void Resume_on_images_of_another_size_is_refused_with_exit_2()
    {
        ResumeIsRefusedAfter(data =>
        {
            Directory.Delete(data, recursive: true);
            TestDatasets.ImageFolder(data, Classes, trainPerClass: 40, testPerClass: 8, side: 32);
        }, "28x28, noise mask:0.2, and its files' contents differ"); // the file hashes differ first, and the message names the saved size
    }

    [Fact]
    public void A_run_on_your_own_data_killed_and_resumed_ends_like_an_uninterrupted_one()
    {
        using var dir = new TempDirectory();
        string data = TestDatasets.ImageFolder(dir.File("shapes"), Classes, trainPerClass: 60, testPerClass: 10, side: 28);
        string whole = dir.File("whole"), killed = dir.File("killed");
        var clock = Stopwatch.StartNew();
        var reference = GpuaeProcess.Run(TrainArgs(data, whole, epochs: 30));
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        var outcome = KilledRun.Run(TrainArgs(data, killed, epochs: 30), ["train", "--resume", killed, "--quiet"], killed, clock.Elapsed, kills: 2, seed: 3, output);
        Assert.True(outcome.Last.ExitCode == 0, outcome.Last.Stderr);
        Assert.True(outcome.Kills > 0, "no kill landed before the run finished");
        Assert.Contains(outcome.ProgressAtResume, p => p > 0);
        Assert.Equal(KilledRun.MetricsWithoutTimes(whole), KilledRun.MetricsWithoutTimes(killed));
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "model.gae")), File.ReadAllBytes(Path.Combine(killed, "model.gae")));
        Assert.False(File.Exists(Path.Combine(killed, "resume.gae")));
    }
}
