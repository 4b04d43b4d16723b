using System.Diagnostics;

namespace GpuAE.Tests.Reliability;

/// <summary>
/// A small tmpfs mounted for one test: read-only (a read-only output folder) or a few hundred KB
/// (a disk that fills while gpuae writes). Mounting needs root (CAP_SYS_ADMIN); where it is not
/// allowed the test is skipped, visibly. Unmounted and removed on dispose.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public static TmpfsMount Create(int kilobytes, bool readOnly)
    {
        string dir = Directory.CreateTempSubdirectory("gpuae-tmpfs-").FullName;
        var (code, error) = Mount($"-t tmpfs -o size={kilobytes}k{(readOnly ? ",ro" : "")} tmpfs {dir}");
        if (code != 0)
        {
            Directory.Delete(dir);
            Assert.Skip($"cannot mount a tmpfs here ({error.Trim()}): run the tests as root to check read-only and full disks");
        }
        return new TmpfsMount(dir);
    }

    /// <summary>A tmpfs with <paramref name="setUp"/> written into it, then remounted read-only.</summary>
    public static TmpfsMount ReadOnlyWith(Action<string> setUp)
    {
        var m = Create(1024, readOnly: false);
        setUp(m.Path);
        var (code, error) = Mount($"-o remount,ro {m.Path}");
        Assert.True(code == 0, error);
        return m;
    }

    private static (int Code, string Error) Mount(string arguments)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("mount", arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            string error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception e) { return (-1, e.Message); }
    }

    public void Dispose()
    {
        using (var p = Process.Start(new ProcessStartInfo("umount", $"-l {Path}") { RedirectStandardError = true })!) p.WaitForExit();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
