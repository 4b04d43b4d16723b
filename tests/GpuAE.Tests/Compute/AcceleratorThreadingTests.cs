using GpuAE.Compute;

namespace GpuAE.Tests.Compute;

/// <summary>
/// No sequence of calls from any number of threads may crash the process or mix up results:
/// an accelerator serialises calls on its gate (and rebinds a GPU context to the calling thread).
/// </summary>
public sealed class AcceleratorThreadingTests(ITestOutputHelper output)
{
    public static TheoryData<string> Backends => new() { "cpu", "ilgpu-cpu" };

    /// <summary>Each thread computes y = 2x + 1 on its own buffers through the shared accelerator and checks its own answer.</summary>
    private static void Work(Accelerator accelerator, int thread, int rounds)
    {
        const int n = 1000;
        var x = Enumerable.Range(0, n).Select(i => (float)(i + thread)).ToArray();
        using var xb = accelerator.Allocate(x);
        using var yb = accelerator.Allocate(n);
        for (int round = 0; round < rounds; round++)
        {
            accelerator.Fill(yb, n, 1f);
            accelerator.Axpy(xb, yb, n, 2f);
            var y = yb.ToArray();
            for (int i = 0; i < n; i++)
                if (y[i] != 2f * x[i] + 1f) Assert.Fail($"thread {thread} round {round}: y[{i}] = {y[i]}, expected {2f * x[i] + 1f}");
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task OneAcceleratorDrivenFromFourThreadsAtOnceGivesEveryThreadItsOwnResults(string spec)
    {
        using var accelerator = new ComputeContext().CreateAccelerator(spec);
        // Dedicated threads (not pool tasks that may run inline one after another), so the four really overlap.
        var tasks = Enumerable.Range(0, 4)
            .Select(t => Task.Factory.StartNew(() => Work(accelerator, t, rounds: 20), TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(tasks);
        output.WriteLine($"{spec}: 4 threads x 20 rounds, {accelerator.LaunchCount} launches");
        Assert.Equal(0, accelerator.AllocatedBytes);
    }

    [Fact]
    public async Task TwoAcceleratorsUsedSideBySideDoNotDisturbEachOther()
    {
        var context = new ComputeContext();
        using var first = context.CreateAccelerator("ilgpu-cpu");
        using var second = context.CreateAccelerator("ilgpu-cpu");
        using var managed = context.CreateAccelerator("cpu");
        var tasks = new[] { first, second, managed }.Select((acc, t) => Task.Run(() => Work(acc, t, rounds: 10))).ToArray();
        await Task.WhenAll(tasks);
    }
}
