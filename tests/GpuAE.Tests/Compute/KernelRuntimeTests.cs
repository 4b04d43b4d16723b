using GpuAE.Compute;

namespace GpuAE.Tests.Compute;

/// <summary>Behaviour of the OpenCL and CUDA accelerators beyond op results: variants, allocation, errors.</summary>
[Collection(AcceleratorCollection.Name)]
public sealed class KernelRuntimeTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void GemmReportsItsFourVariantsFastestFirst(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        Assert.Equal(["regblock-vec", "regblock", "tiled", "naive"], accelerator.KernelVariants("gemm"));
        Assert.Empty(accelerator.KernelVariants("no-such-op"));
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void AnUnknownGemmVariantIsAOneLineArgumentError(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        using var a = accelerator.Allocate(4);
        accelerator.Kernels.Set("gemm", "fastest");
        var error = Assert.Throws<ArgumentException>(() => accelerator.Gemm(false, false, 2, 2, 1, 1f, a, a, 0f, a));
        Assert.Contains("'fastest'", error.Message);
        Assert.Contains("regblock-vec", error.Message);
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void AnOpOnATooSmallBufferNamesTheOpAndTheBuffer(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        using var x = accelerator.Allocate(10);
        var error = Assert.Throws<ArgumentException>(() => accelerator.Fill(x, 11, 0f));
        Assert.Equal("Fill: buffer 'x' holds 10 floats, the op needs 11", error.Message);
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void AnAllocationTheDeviceCannotHoldIsAComputeExceptionNamingTheDevice(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        if (accelerator.Info.MemoryBytes > (long)int.MaxValue * sizeof(float))
        {
            Assert.Skip($"{accelerator.Name} holds more than the largest buffer (8 GiB)");
        }
        var error = Assert.Throws<ComputeException>(() => accelerator.Allocate(int.MaxValue));
        Assert.Contains("Allocate", error.Message);
        Assert.Contains(accelerator.Name, error.Message);
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void OpsAllocateNothingOnTheHostOnceWarm(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        using var x = accelerator.Allocate(4096);
        using var y = accelerator.Allocate(4096);
        using var z = accelerator.Allocate(4096);
        using var rows = accelerator.Allocate(64);
        accelerator.Fill(x, 4096, 0.5f);
        accelerator.Fill(y, 4096, 0.25f);
        accelerator.Fill(rows, 64, 1f);
        void Step()
        {
            accelerator.Gemm(false, true, 64, 64, 64, 1f, x, y, 0f, z);
            accelerator.AddRowVector(z, rows, 64, 64);
            accelerator.ActivationForward(ActivationKind.Sigmoid, 0f, z, z, 4096);
            accelerator.MseLoss(z, y, x, rows, 64, 64, 1f);
            accelerator.AccumulateSum(rows, 64, rows, 0);
            accelerator.ActivationBackward(ActivationKind.Sigmoid, 0f, z, x, y, 4096);
            accelerator.SumRows(y, rows, 64, 64, 0f);
            accelerator.AdamUpdate(x, y, z, rows, 64, 1e-3f, 0.9f, 0.999f, 1e-8f, 3);
            accelerator.Copy(x, 3, y, 5, 100);
            accelerator.SgdUpdate(x, y, z, 4096, 0.1f, 0.9f, 0f);
            accelerator.BceWithLogitsLoss(z, y, x, rows, 64, 64, 1f);
            accelerator.SoftmaxCrossEntropyLoss(z, rows, x, rows, 64, 64, 1f);
            accelerator.ApplyNoise(y, x, 1, 64, 64, new NoiseParameters(NoiseKind.Erase, 0f), 7, 1, 0);
            accelerator.ImageQuality(x, y, 1, 64, 64, rows, z);
            accelerator.Fill(rows, 64, 1f);
        }
        Step();
        accelerator.Synchronize();
        // The runtime itself allocates now and then on the calling thread (tiered JIT bookkeeping,
        // once per process), so of three steps one must allocate nothing; an op that allocates
        // on every call fails all three.
        var allocated = new long[3];
        for (int i = 0; i < allocated.Length; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Step();
            allocated[i] = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        accelerator.Synchronize();
        Assert.True(allocated.Min() == 0, $"bytes allocated per step: {string.Join(", ", allocated)}");
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void TimeMeasuresTheKernelsTheWorkQueues(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        using var a = accelerator.Allocate(128 * 128);
        accelerator.Fill(a, 128 * 128, 1f);
        double milliseconds = accelerator.Time(() => accelerator.Gemm(false, false, 128, 128, 128, 1f, a, a, 0f, a));
        output.WriteLine($"gemm 128^3: {milliseconds} ms");
        Assert.True(milliseconds > 0, $"Time returned {milliseconds}");
        Assert.Equal(0, accelerator.Time(() => { }));
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void SoftmaxCrossEntropyWithALabelOutOfRangeGivesANaNRowLoss(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        using var z = accelerator.Allocate([0.5f, 1f, -1f]);
        using var label = accelerator.Allocate([3f]);
        using var grad = accelerator.Allocate(3);
        using var loss = accelerator.Allocate(1);
        accelerator.SoftmaxCrossEntropyLoss(z, label, grad, loss, 1, 3, 1f);
        Assert.True(float.IsNaN(loss.ToArray()[0]));
    }
}
