using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Reliability;

/// <summary>
/// The machine refusing a write (a read-only mount, a full disk, a permission) ends in one line
/// naming the path and the cause, exit code 5; a path of the wrong kind (a file where a folder
/// is needed, or the reverse) is the user's mistake, exit code 2. Never a stack trace, and what
/// was there before stays intact.
/// </summary>
public sealed class FileSystemFailureTests(ITestOutputHelper output)
{
    private static void OneLine(GpuaeProcess.Result r, int code, params string[] expected)
    {
        Assert.True(r.ExitCode == code, $"exit {r.ExitCode}, expected {code}: {r.Stderr}");
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("gpuae: ", lines[0]);
        foreach (var e in expected) Assert.Contains(e, lines[0]);
        Assert.DoesNotContain("   at ", r.Stderr + r.Stdout);
        Assert.DoesNotContain(".tmp-", lines[0]);
    }

    public static TheoryData<string> WritingCommands => ["train", "sweep", "denoise", "report", "tsne", "data fetch", "svm", "stacked"];

    [Theory]
    [MemberData(nameof(WritingCommands))]
    public void An_output_folder_on_a_read_only_mount_is_one_line_and_exit_5(string command)
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        using var inputs = new TempDirectory();
        string checkpoint = SmallRun.Checkpoint(inputs.Path), image = SmallRun.Image(inputs.Path);
        using var ro = TmpfsMount.Create(64, readOnly: true);
        string target = ro.Sub("out");
        string[] small = ["--data-dir", RealData.DataDir, "--device", "cpu", "--quiet"];
        string[] args = command switch
        {
            "train" => SmallRun.TrainArgs(RealData.DataDir, target),
            "sweep" => ["sweep", "--hidden", "16", "--epochs", "1", "--train-limit", "64", "--test-limit", "32", "--out", target, .. small],
            "denoise" => ["denoise", "--checkpoint", checkpoint, "--input", image, "--output", ro.Sub("denoised.png"), "--device", "cpu"],
            "report" => ["report", inputs.Path, "--out", ro.Sub("report.html")],
            "tsne" => ["tsne", "--checkpoint", checkpoint, "--n", "40", "--perplexity", "5", "--iterations", "50", "--out", target, .. small],
            "data fetch" => ["data", "fetch", "--dataset", "mnist", "--dir", target],
            "svm" => ["svm", "--train-limit", "40", "--test-limit", "20", "--out", target, "--data-dir", RealData.DataDir, "--quiet"],
            "stacked" => ["stacked", "--layers", "8", "--pretrain-iters", "2", "--finetune-epochs", "1", "--train-limit", "40", "--test-limit", "20", "--out", target, .. small],
            _ => throw new ArgumentException(command),
        };
        var r = GpuaeProcess.Run(args);
        output.WriteLine(r.Stdout + r.Stderr);
        OneLine(r, 5, "read-only file system", ro.Path);
    }

    [Fact]
    public void A_disk_that_fills_while_training_writes_is_one_line_exit_5_and_leaves_no_partial_file()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        // dense with 1000 hidden units: 6.3 MB of weights. The resume state written before epoch 1
        // fits on a 9 MB disk; after epoch 1 (metrics.csv written) model.gae's 6.3 MB do not.
        using var small = TmpfsMount.Create(9 * 1024, readOnly: false);
        string run = small.Sub("run");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "notes.txt"), "mine");
        var r = GpuaeProcess.Run("train", "--model", "dense", "--epochs", "1", "--train-limit", "64", "--test-limit", "32",
            "--data-dir", RealData.DataDir, "--device", "cpu", "--quiet", "--out", run);
        output.WriteLine(r.Stdout + r.Stderr);
        OneLine(r, 5, "no space left on the device", Path.Combine(run, "model.gae"));
        Assert.Empty(Directory.GetFiles(run, "*.tmp-*"));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(run, "notes.txt")));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length); // the finished epoch's metrics are whole
    }

    [Theory]
    [InlineData("train")]
    [InlineData("sweep")]
    public void An_out_that_names_a_file_is_a_user_error(string command)
    {
        using var dir = new TempDirectory();
        string file = dir.File("taken");
        File.WriteAllText(file, "x");
        string[] args = command == "train"
            ? ["train", "--epochs", "1", "--out", file, "--data-dir", dir.Path]
            : ["sweep", "--epochs", "1", "--out", file, "--data-dir", dir.Path];
        var r = GpuaeProcess.Run(args);
        OneLine(r, 2, "is a file", file);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void A_report_out_that_names_a_folder_is_a_user_error()
    {
        using var dir = new TempDirectory();
        var r = GpuaeProcess.Run("report", dir.Path, "--out", dir.Path);
        OneLine(r, 2, "is a folder", dir.Path);
    }

    [Fact, System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix file modes
    public void A_folder_without_write_permission_is_one_line_and_exit_5()
    {
        using var dir = new TempDirectory();
        string locked = dir.File("locked");
        Directory.CreateDirectory(locked);
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(dir.Path, File.GetUnixFileMode(dir.Path) | UnixFileMode.OtherExecute | UnixFileMode.OtherRead);
        string target = Path.Combine(locked, "report.html");
        var r = Environment.UserName == "root" ? GpuaeProcess.RunAsNobody("report", dir.Path, "--out", target) : GpuaeProcess.Run("report", dir.Path, "--out", target);
        output.WriteLine(r.Stdout + r.Stderr);
        OneLine(r, 5, "permission denied", locked);
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
