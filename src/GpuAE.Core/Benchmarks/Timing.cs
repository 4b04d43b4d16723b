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
