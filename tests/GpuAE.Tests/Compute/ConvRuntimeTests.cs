using GpuAE.Compute;

namespace GpuAE.Tests.Compute;

/// <summary>The conv op family on the ILGPU accelerators: variants reported, and no allocation in a warm training step.</summary>
[Collection(AcceleratorCollection.Name)]
public sealed class ConvRuntimeTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void ConvReportsItsVariantsDefaultFirst(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        Assert.Equal(["im2col", "direct", "direct-split", "implicit-gemm", "direct-plane"], accelerator.KernelVariants("conv"));
    }

    [Theory]
    [InlineData("im2col")]
    [InlineData("direct")]
    [InlineData("direct-split")]
    [InlineData("implicit-gemm")]
    [InlineData("direct-plane")]
    public void ConvOpsAllocateNothingOnTheHostOrTheDeviceOnceWarm(string variant)
    {
        foreach (var spec in AcceleratorSpecs.Specs().Where(s => s != "cpu" && !s.EndsWith(AcceleratorSpecs.MissingSuffix, StringComparison.Ordinal)))
        {
            var accelerator = AcceleratorSpecs.TryOpen(spec, output);
            accelerator.Kernels.Set("conv", variant);
            CheckWarmStepsAllocateNothing(accelerator);
        }
    }

    private void CheckWarmStepsAllocateNothing(Accelerator accelerator)
    {
        var g = new Conv2dGeometry(3, 4, 9, 7, 6, 3, 1, 1);
        int pooledSize = g.Batch * g.OutChannels * 5 * 4;
        using var x = accelerator.Allocate(g.Batch * g.InputSize);
        using var w = accelerator.Allocate(g.WeightCount);
        using var y = accelerator.Allocate(g.Batch * g.OutputSize);
        using var dy = accelerator.Allocate(g.Batch * g.OutputSize);
        using var dx = accelerator.Allocate(g.Batch * g.InputSize);
        using var dw = accelerator.Allocate(g.WeightCount);
        using var channel = accelerator.Allocate(g.OutChannels);
        using var stats = accelerator.Allocate(4 * g.OutChannels);
        using var pooled = accelerator.Allocate(pooledSize);
        using var indices = accelerator.Allocate(pooledSize);
        using var up = accelerator.Allocate(4 * pooledSize);
        foreach (var buffer in new[] { x, w, y, dy, dx, dw, channel, stats, pooled, indices, up }) accelerator.Fill(buffer, buffer.Length, 0.5f);
        int planes = g.Batch * g.OutChannels;
        void Step()
        {
            accelerator.Conv2dForward(g, x, w, y);
            accelerator.AddChannelBias(y, channel, g.Batch, g.OutChannels, g.OutPixels);
            accelerator.BatchNorm2dForwardTraining(y, y, channel, channel, stats, stats, stats, stats, g.Batch, g.OutChannels, g.OutPixels, 0.1f, 1e-5f);
            accelerator.BatchNorm2dForwardInference(y, y, channel, channel, stats, stats, g.Batch, g.OutChannels, g.OutPixels, 1e-5f);
            accelerator.DropoutForward(y, y, dy, y.Length, 0.25f, 7, 3);
            accelerator.MaxPool2dForward(y, pooled, indices, planes, g.OutHeight, g.OutWidth, ceilMode: true);
            accelerator.Upsample2dForward(pooled, up, planes, 5, 4);
            accelerator.Upsample2dBackward(up, pooled, planes, 5, 4);
            accelerator.MaxPool2dBackward(pooled, indices, y, planes, g.OutHeight, g.OutWidth, ceilMode: true);
            accelerator.DropoutBackward(y, dy, dy, y.Length);
            accelerator.BatchNorm2dBackward(y, dy, channel, stats, stats, dy, stats, stats, g.Batch, g.OutChannels, g.OutPixels);
            accelerator.SumChannels(dy, channel, g.Batch, g.OutChannels, g.OutPixels, 0f);
            accelerator.Conv2dBackwardWeights(g, x, dy, dw);
            accelerator.Conv2dBackwardData(g, dy, w, dx);
        }
        Step();
        accelerator.Synchronize();
        long deviceAllocations = accelerator.AllocationCount;
        Step();
        accelerator.Synchronize();
        Assert.Equal(deviceAllocations, accelerator.AllocationCount);
        HostAllocations.AssertOnlyTheRuntimesLaunchCost(accelerator, Step, output);
    }
}
