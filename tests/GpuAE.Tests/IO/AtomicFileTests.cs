using System.Diagnostics;
using GpuAE.IO;

namespace GpuAE.Tests.IO;

public sealed class AtomicFileTests
{
    private static int PidOfAnExitedProcess()
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }

    [Fact]
    public void Writing_replaces_the_whole_file()
    {
        string dir = Directory.CreateTempSubdirectory("gpuae-atomic-").FullName;
        string path = Path.Combine(dir, "a.txt");
        AtomicFile.WriteAllText(path, "first, longer contents");
        AtomicFile.WriteAllText(path, "second");
        Assert.Equal("second", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void A_temporary_file_left_by_a_killed_writer_is_removed_by_the_next_write()
    {
        string dir = Directory.CreateTempSubdirectory("gpuae-atomic-").FullName;
        string path = Path.Combine(dir, "plot.svg");
        string leftover = $"{path}.tmp-{PidOfAnExitedProcess()}-0123abcd";
        File.WriteAllText(leftover, "<svg half");
        AtomicFile.WriteAllText(path, "<svg/>");
        Assert.False(File.Exists(leftover));
        Assert.Equal(["plot.svg"], Directory.GetFiles(dir).Select(Path.GetFileName));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void A_temporary_file_of_a_running_writer_is_left_alone()
    {
        string dir = Directory.CreateTempSubdirectory("gpuae-atomic-").FullName;
        string path = Path.Combine(dir, "plot.svg");
        using var running = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        string inFlight = $"{path}.tmp-{running.Id}-0123abcd";
        File.WriteAllText(inFlight, "<svg half");
        AtomicFile.WriteAllText(path, "<svg/>");
        Assert.True(File.Exists(inFlight));
        running.Kill();
        Directory.Delete(dir, true);
    }
}
