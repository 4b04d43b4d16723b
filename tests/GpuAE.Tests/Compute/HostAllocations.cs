using GpuAE.Compute;

namespace GpuAE.Tests.Compute;

/// <summary>
/// Warm training steps must allocate nothing on the host, or the GC runs inside a step. GpuAE's
/// own code must add nothing; a runtime's launch may cost a fixed amount (a GPU launch should
/// cost nothing), measured here on the cheapest op and charged per launch. ILGPU's CPU
/// accelerator allocates a task per launch plus more for kernels with more arguments (measured:
/// 104 bytes for Fill, 24-96 bytes beyond that for the other ops), so there each launch may
/// cost up to EmulatorLaunchBudget; the strict check is the one on a GPU.
/// </summary>
public static class HostAllocations
{
    private const long EmulatorLaunchBudget = 256;

    public static void AssertOnlyTheRuntimesLaunchCost(Accelerator accelerator, Action step, ITestOutputHelper output)
    {
        long perLaunch = PerLaunch(accelerator);
        if (accelerator.Type == AcceleratorType.IlgpuCpu) perLaunch = Math.Max(perLaunch, EmulatorLaunchBudget);
        // The runtime itself allocates now and then on the calling thread (tiered JIT bookkeeping,
        // once per process), so of three steps one must stay within the budget; an op that
        // allocates on every call fails all three.
        var excess = new long[3];
        for (int i = 0; i < excess.Length; i++)
        {
            long launches = accelerator.LaunchCount;
            long before = GC.GetAllocatedBytesForCurrentThread();
            step();
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            excess[i] = bytes - (accelerator.LaunchCount - launches) * perLaunch;
        }
        accelerator.Synchronize();
        output.WriteLine($"runtime cost per launch: {perLaunch} bytes; bytes beyond it per step: {string.Join(", ", excess)}");
        Assert.True(excess.Min() <= 0, $"bytes allocated per step beyond the runtime's {perLaunch} per launch: {string.Join(", ", excess)}");
    }

    /// <summary>Bytes one launch of the smallest kernel allocates on the calling thread (the least of several tries).</summary>
    private static long PerLaunch(Accelerator accelerator)
    {
        using var x = accelerator.Allocate(1);
        accelerator.Fill(x, 1, 0f);
        accelerator.Synchronize();
        long least = long.MaxValue;
        for (int i = 0; i < 5; i++)
        {
            long launches = accelerator.LaunchCount, before = GC.GetAllocatedBytesForCurrentThread();
            accelerator.Fill(x, 1, 0f);
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before, count = accelerator.LaunchCount - launches;
            if (count > 0) least = Math.Min(least, bytes / count);
        }
        accelerator.Synchronize();
        return least == long.MaxValue ? 0 : least;
    }
}
