using System.Globalization;

namespace GpuAE.Fuzz;

/// <summary>
/// Runs cases of one reader in this process and reports each on stdout: "start I" before the
/// case, then "loaded I", "rejected I" or "crashed I reason", and "memory BYTES" (peak resident
/// memory so far) every few cases. A case's input depends only on (seed, reader, case index),
/// so the supervisor can rebuild the input of a case that killed or hung its worker.
/// </summary>
public static class Worker
{
    public static int Run(FuzzOptions o)
    {
        var target = o.Targets.Single();
        var seeds = target.Seeds();
        string work = Directory.CreateTempSubdirectory($"gpuae-fuzz-{target.Name}-").FullName;
        try
        {
            for (int i = o.From; i < o.Cases; i++)
            {
                Console.Out.WriteLine($"start {i}");
                Console.Out.Flush();
                var (kind, detail, _) = RunCase(target, seeds, o.Seed, i, work);
                Console.Out.WriteLine(detail is null ? $"{kind} {i}" : $"{kind} {i} {detail}");
                if (i % 20 == 0 || i == o.Cases - 1) Console.Out.WriteLine($"memory {PeakResidentBytes()}");
                Console.Out.Flush();
            }
        }
        finally { Directory.Delete(work, recursive: true); }
        return 0;
    }

    /// <summary>Runs one case here and prints what happened (for reproducing a crash).</summary>
    public static int Replay(FuzzOptions o, int index)
    {
        var target = o.Targets.Single();
        string work = Directory.CreateTempSubdirectory("gpuae-fuzz-replay-").FullName;
        var seeds = target.Seeds();
        var (seed, input) = Input(target, seeds, o.Seed, index);
        Console.WriteLine($"case {index} of {target.Name}: seed {seed.Name}, {input.Length} bytes");
        var (kind, detail, error) = RunCase(target, seeds, o.Seed, index, work);
        Console.WriteLine($"{kind}{(detail is null ? "" : ": " + detail)}");
        if (error is not null) Console.WriteLine(error); // the full exception, stack trace included
        Directory.Delete(work, recursive: true);
        return kind == "crashed" ? 1 : 0;
    }

    /// <summary>The seed and mutated bytes of a case: a generator keyed by (seed, reader, case).</summary>
    public static (Seed Seed, byte[] Input) Input(FuzzTarget target, IReadOnlyList<Seed> seeds, ulong seed, int index)
    {
        var r = new Random(StableHash($"{seed}/{target.Name}/{index}"));
        var chosen = seeds[r.Next(seeds.Count)];
        return (chosen, target.Mutate(chosen, r, seeds));
    }

    /// <summary>FNV-1a: the same number in every process (string.GetHashCode is randomised per process).</summary>
    private static int StableHash(string s)
    {
        uint h = 2166136261;
        foreach (char c in s) h = (h ^ c) * 16777619;
        return (int)(h & int.MaxValue);
    }

    private static (string Kind, string? Detail, Exception? Error) RunCase(FuzzTarget target, IReadOnlyList<Seed> seeds, ulong seed, int index, string work)
    {
        string folder = Path.Combine(work, index.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        try
        {
            var (chosen, input) = Input(target, seeds, seed, index);
            target.Read(folder, chosen, input);
            return ("loaded", null, null);
        }
        catch (Exception e)
        {
            return Outcome.Problem(e) is string problem ? ("crashed", $"{problem}: {Outcome.Describe(e)}", e) : ("rejected", null, e);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    /// <summary>VmHWM from /proc/self/status: the most resident memory this process has had.</summary>
    private static long PeakResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }
}
