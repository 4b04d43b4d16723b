using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GpuAE.Fuzz;

/// <summary>A reader's line of the table.</summary>
public sealed record ReaderResult(string Reader, int Cases, int Loaded, int Rejected, int Crashed, int Hung, long PeakBytes, double Seconds, IReadOnlyList<string> Failures);

/// <summary>
/// Runs one reader's cases in worker processes (so a case that kills the process, such as a
/// native decoder's fault or a stack overflow, is counted as a crash, and one that runs past the
/// timeout as a hang, and the next worker carries on after it). Workers get a 1.5 GiB GC heap
/// limit, so a reader that allocates without bound fails fast instead of swapping. A failing
/// case's input is saved under the crash folder, with the command that replays it.
/// </summary>
public sealed class Supervisor(FuzzTarget target, FuzzOptions o)
{
    public const string HeapLimit = "0x60000000";

    private readonly List<string> _failures = [];
    private int _loaded, _rejected, _crashed, _hung;
    private long _peak;

    public ReaderResult Run()
    {
        var clock = Stopwatch.StartNew();
        int next = 0;
        while (next < o.Cases) next = RunWorker(next);
        Console.Error.WriteLine($"{target.Name}: {o.Cases} cases in {clock.Elapsed.TotalSeconds:F0} s");
        return new ReaderResult(target.Name, o.Cases, _loaded, _rejected, _crashed, _hung, _peak, clock.Elapsed.TotalSeconds, _failures);
    }

    /// <summary>Runs a worker from case <paramref name="from"/>; returns the next case to run.</summary>
    private int RunWorker(int from)
    {
        using var p = Start(from);
        var lines = new BlockingCollection<string?>();
        p.OutputDataReceived += (_, e) => lines.Add(e.Data);
        p.ErrorDataReceived += (_, e) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        int current = -1;
        while (true)
        {
            bool got = lines.TryTake(out var line, current >= 0 ? o.Timeout : TimeSpan.FromMinutes(2));
            if (!got)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
                if (current < 0) throw new InvalidOperationException($"{target.Name}: the worker did not start");
                _hung++;
                Fail(current, $"hung: no result after {o.Timeout.TotalSeconds:F0} s");
                return current + 1;
            }
            if (line is null) // the worker's output ended: it exited
            {
                p.WaitForExit();
                if (current < 0) return o.Cases; // finished every case
                _crashed++;
                Fail(current, $"the worker process died (exit code {p.ExitCode})");
                return current + 1;
            }
            var parts = line.Split(' ', 3);
            if (parts.Length < 2) continue;
            int index = parts[0] == "memory" ? -1 : int.Parse(parts[1], CultureInfo.InvariantCulture);
            switch (parts[0])
            {
                case "start": current = index; break;
                case "loaded": _loaded++; current = -1; Progress(index); break;
                case "rejected": _rejected++; current = -1; Progress(index); break;
                case "crashed": _crashed++; Fail(index, parts.Length > 2 ? parts[2] : "crashed"); current = -1; Progress(index); break;
                case "memory": _peak = Math.Max(_peak, long.Parse(parts[1], CultureInfo.InvariantCulture)); break;
            }
        }
    }

    private Process Start(int from)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") psi.ArgumentList.Add(typeof(Worker).Assembly.Location);
        foreach (var a in new[] { "--worker", "--reader", target.Name, "--cases", o.Cases.ToString(CultureInfo.InvariantCulture),
                     "--seed", o.Seed.ToString(CultureInfo.InvariantCulture), "--from", from.ToString(CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_GCHeapHardLimit"] = HeapLimit;
        return Process.Start(psi)!;
    }

    private void Progress(int index)
    {
        if ((index + 1) % 500 == 0) Console.Error.WriteLine($"{target.Name}: {index + 1}/{o.Cases} cases, {_crashed} crashed, {_hung} hung");
    }

    /// <summary>Records a failing case and saves its input with the command that replays it.</summary>
    private void Fail(int index, string what)
    {
        var (seed, input) = Worker.Input(target, target.Seeds(), o.Seed, index);
        Directory.CreateDirectory(o.CrashDir);
        string file = Path.Combine(o.CrashDir, $"{target.Name}-seed{o.Seed}-case{index}-{seed.Name.Replace('/', '_')}");
        File.WriteAllBytes(file, input);
        string line = $"case {index}: {what} (input: {file}; replay: --reader {target.Name} --seed {o.Seed} --case {index})";
        _failures.Add(line);
        Console.Error.WriteLine($"{target.Name}: {line}");
    }

    public static string Table(IReadOnlyList<ReaderResult> rows, FuzzOptions o)
    {
        var sb = new StringBuilder($"seed {o.Seed}, hang timeout {o.Timeout.TotalSeconds:F0} s, worker heap limit 1.5 GiB\n\n");
        sb.Append("| reader | cases | loaded | rejected cleanly | crashed | hung | peak memory | time |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var r in rows)
            sb.Append(CultureInfo.InvariantCulture, $"| {r.Reader} | {r.Cases:N0} | {r.Loaded:N0} | {r.Rejected:N0} | {r.Crashed} | {r.Hung} | {r.PeakBytes / (1024.0 * 1024):F0} MiB | {r.Seconds:F0} s |\n");
        foreach (var f in rows.SelectMany(r => r.Failures.Select(x => $"{r.Reader} {x}"))) sb.Append(f).Append('\n');
        return sb.ToString();
    }
}
