using GpuAE.Benchmarks;
using GpuAE.Compute;
using GpuAE.Compute.Cpu;

namespace GpuAE.Tests.Benchmarks;

/// <summary>`gpuae bench kernels --op upsample-conv`: what it checks and times (not how fast anything is).</summary>
public sealed class UpsampleConvBenchmarkTests
{
    [Fact]
    public void Every_upsample_conv_variant_of_the_cpu_is_verified_then_timed_in_every_pass()
    {
        using var acc = new CpuAccelerator();
        var shape = new ConvBenchmark.Shape("small", new Conv2dGeometry(2, 4, 8, 8, 1, 3, 1, 1));
        var results = UpsampleConvBenchmark.Run(acc, [shape], repeats: 1, peakGflops: null).ToList();
        Assert.Equal(6, results.Count); // 3 passes x (subpixel, upsampled)
        Assert.All(results, r => Assert.True(r.Verified, $"{r.Op} {r.Variant}: {r.Failure}"));
        Assert.Equal(["subpixel", "upsampled"], results.Select(r => r.Variant).Distinct());
        Assert.Null(acc.Kernels[UpsampleConvBenchmark.Op]); // the default is back
    }
}
