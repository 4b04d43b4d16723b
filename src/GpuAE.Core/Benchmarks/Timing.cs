namespace GpuAE.Benchmarks;

/// <summary>Medians and process memory for benchmarks (never used in tests).</summary>
public static class Timing
{
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        int n = sorted.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /// <summary>
    /// Runs op until .NET has compiled its code fully: at least minCalls calls and, unless that is
    /// 0, at least minMilliseconds (tiered compilation first runs quickly-jitted code, re-jitted
    /// after 30 calls and a 100 ms quiet spell), and never past maxMilliseconds. Two warm-up calls timed quick code: `gpuae bench kernels --op upsample-conv` gave
    /// 14.5 ms for a pass that takes 0.65 once compiled; five `bench train` steps left a conv-keras
    /// run at 3399 images/s where the compiled code does 5312.
    /// </summary>
    public static void WarmUp(Action op, int minCalls, int minMilliseconds, int maxMilliseconds = int.MaxValue)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int calls = 0; (calls < minCalls || (minCalls > 0 && clock.ElapsedMilliseconds < minMilliseconds)) && clock.ElapsedMilliseconds < maxMilliseconds; calls++) op();
    }

    /// <summary>Peak resident set size of this process (VmHWM on Linux, peak working set elsewhere).</summary>
    public static long PeakResidentBytes()
    {
        try
        {
            if (File.Exists("/proc/self/status"))
            {
                var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (line is not null)
                    return long.Parse(line[6..].Trim().Split(' ')[0]) * 1024;
            }
        }
        catch (IOException) { }
        return System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
