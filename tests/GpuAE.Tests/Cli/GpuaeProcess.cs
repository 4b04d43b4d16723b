using System.Diagnostics;

namespace GpuAE.Tests.Cli;

/// <summary>Runs the real gpuae executable (copied beside the tests) as a child process.</summary>
public static class GpuaeProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args) => RunIn(Directory.GetCurrentDirectory(), args);

    public static Result RunIn(string workingDirectory, params string[] args) => Wait(Start(Info(workingDirectory, args)), args);

    /// <summary>Runs gpuae with extra environment variables (e.g. a GC heap limit that the CPU device reports as its memory).</summary>
    public static Result RunWithEnvironment(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = Info(Directory.GetCurrentDirectory(), args);
        foreach (var (key, value) in environment) psi.Environment[key] = value;
        return Wait(Start(psi), args);
    }

    /// <summary>Runs gpuae as user and group 65534 (nobody) through setpriv: how a root test meets "permission denied".</summary>
    public static Result RunAsNobody(params string[] args)
    {
        var psi = Info(Directory.GetCurrentDirectory(), args);
        psi.FileName = "setpriv";
        psi.ArgumentList.Insert(0, "dotnet");
        foreach (var a in new[] { "--reuid=65534", "--regid=65534", "--clear-groups" }.Reverse()) psi.ArgumentList.Insert(0, a);
        psi.Environment["HOME"] = Path.GetTempPath();
        psi.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        return Wait(Start(psi), args);
    }

    /// <summary>Starts gpuae without waiting (its output is read and discarded), for tests that kill it.</summary>
    public static Process StartDetached(params string[] args)
    {
        var p = Start(Info(Directory.GetCurrentDirectory(), args));
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static ProcessStartInfo Info(string workingDirectory, string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gpuae.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }

    private static Process Start(ProcessStartInfo psi) => Process.Start(psi)!;

    private static Result Wait(Process started, string[] args)
    {
        using var p = started;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5))) { p.Kill(true); throw new TimeoutException("gpuae " + string.Join(' ', args)); }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
