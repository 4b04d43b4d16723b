using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using GpuAE.Benchmarks;

namespace GpuAE.Cli.Commands;

/// <summary>
/// `bench train --threads 1,2,4`: the CPU accelerator's scaling curve. Every pool it uses (the GEMM
/// team, the conv scratch slots, Parallel.For) sizes itself from Environment.ProcessorCount when
/// the process starts, so each thread count runs in a child process of this same command with
/// DOTNET_PROCESSOR_COUNT set, and this process prints the children's results side by side.
/// </summary>
public static class ThreadScaling
{
    private const string ChildMarker = "GPUAE_BENCH_THREADS_CHILD";

    /// <summary>Whether this process is one of the children (it then runs the benchmark itself).</summary>
    public static bool IsChild => Environment.GetEnvironmentVariable(ChildMarker) == "1";

    public static IReadOnlyList<int> Parse(string spec) =>
        spec.Split(',', StringSplitOptions.TrimEntries).Select(t => int.TryParse(t, out int n) && n > 0 && n <= 4096 ? n
            : throw new UsageException($"--threads: '{t}' is not a thread count from 1 to 4096")).ToList();

    public static int Run(IReadOnlyList<int> threads, bool json)
    {
        var rows = new List<(int Threads, TrainingBenchmarkResult Result)>();
        if (!json) Console.WriteLine($"{"threads",7} {"model",-10} {"batch",5} {"images/s",10} {"min",9} {"max",9} {"speed-up",8}");
        foreach (int n in threads)
        foreach (var result in RunChild(n))
        {
            rows.Add((n, result));
            if (json) { Console.WriteLine(JsonSerializer.Serialize(new { Threads = n, Result = result })); continue; }
            var first = rows.First(r => r.Result.Model == result.Model && r.Result.Batch == result.Batch);
            double speedUp = result.MedianImagesPerSecond / first.Result.MedianImagesPerSecond;
            Console.WriteLine($"{n,7} {result.Model,-10} {result.Batch,5} {result.MedianImagesPerSecond,10:F0} {result.MinImagesPerSecond,9:F0} {result.MaxImagesPerSecond,9:F0} {speedUp,7:F2}x");
        }
        return 0;
    }

    /// <summary>This command again, without --threads and with --json, on n processors.</summary>
    private static List<TrainingBenchmarkResult> RunChild(int n)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") psi.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var arg in ArgumentsWithoutThreads(Environment.GetCommandLineArgs().Skip(1))) psi.ArgumentList.Add(arg);
        psi.ArgumentList.Add("--json");
        psi.Environment["DOTNET_PROCESSOR_COUNT"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment[ChildMarker] = "1";
        using var child = Process.Start(psi)!;
        var stderr = child.StandardError.ReadToEndAsync();
        var results = new List<TrainingBenchmarkResult>();
        while (child.StandardOutput.ReadLine() is { } line)
            if (line.StartsWith('{')) results.Add(JsonSerializer.Deserialize<TrainingBenchmarkResult>(line)!);
        child.WaitForExit();
        if (child.ExitCode != 0)
            throw new UsageException($"--threads {n}: the benchmark exited {child.ExitCode}: {stderr.Result.Trim().Split('\n')[^1]}");
        return results;
    }

    private static IEnumerable<string> ArgumentsWithoutThreads(IEnumerable<string> args)
    {
        bool skipValue = false;
        foreach (var arg in args)
        {
            if (skipValue) { skipValue = false; continue; }
            if (arg == "--threads") { skipValue = true; continue; }
            if (arg.StartsWith("--threads=", StringComparison.Ordinal) || arg == "--json") continue;
            yield return arg;
        }
    }
}
