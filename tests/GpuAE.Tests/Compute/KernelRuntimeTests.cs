using GpuAE.Compute;

namespace GpuAE.Tests.Compute;

/// <summary>Behaviour of the ILGPU accelerators beyond op results: variants, allocation, errors.</summary>
[Collection(AcceleratorCollection.Name)]
public sealed class KernelRuntimeTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void GemmReportsItsVariantsFastestFirstWithCuBlasOnCuda(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        string[] kernels = ["regblock", "regblock-32", "tiled", "naive"];
        bool cublas = accelerator.Type == AcceleratorType.Cuda && ((GpuAE.Compute.Ilgpu.IlgpuAccelerator)accelerator).CuBlasNote is null;
        Assert.Equal(cublas ? ["cublas", .. kernels] : kernels, accelerator.KernelVariants("gemm"));
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
        Assert.Contains("regblock-32", error.Message);
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
        int side = AcceleratorSpecs.IsEmulated(spec) ? 16 : 64; // the emulator runs 256-item groups on OS threads: keep it small
        int n = side * side;
        using var x = accelerator.Allocate(4096);
        using var y = accelerator.Allocate(4096);
        using var z = accelerator.Allocate(4096);
        using var rows = accelerator.Allocate(64);
        accelerator.Fill(x, 4096, 0.5f);
        accelerator.Fill(y, 4096, 0.25f);
        accelerator.Fill(rows, 64, 1f);
        void Step()
        {
            accelerator.Gemm(false, true, side, side, side, 1f, x, y, 0f, z);
            accelerator.AddRowVector(z, rows, side, side);
            accelerator.ActivationForward(ActivationKind.Sigmoid, 0f, z, z, n);
            accelerator.MseLoss(z, y, x, rows, side, side, 1f);
            accelerator.AccumulateSum(rows, side, rows, 0);
            accelerator.ActivationBackward(ActivationKind.Sigmoid, 0f, z, x, y, n);
            accelerator.SumRows(y, rows, side, side, 0f);
            accelerator.AdamUpdate(x, y, z, rows, side, 1e-3f, 0.9f, 0.999f, 1e-8f, 3);
            accelerator.Copy(x, 3, y, 5, 100);
            accelerator.SgdUpdate(x, y, z, n, 0.1f, 0.9f, 0f);
            accelerator.BceWithLogitsLoss(z, y, x, rows, side, side, 1f);
            accelerator.SoftmaxCrossEntropyLoss(z, rows, x, rows, side, side, 1f);
            accelerator.ApplyNoise(y, x, 1, side, side, new NoiseParameters(NoiseKind.Erase, 0f), 7, 1, 0);
            accelerator.ImageQuality(x, y, 1, side, side, rows, z);
            accelerator.Fill(rows, 64, 1f);
        }
        Step();
        accelerator.Synchronize();
        HostAllocations.AssertOnlyTheRuntimesLaunchCost(accelerator, Step, output);
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
        double empty = accelerator.Time(() => { });
        output.WriteLine($"nothing queued: {empty} ms");
        Assert.True(milliseconds > 0, $"Time returned {milliseconds}");
        // Device timers put two markers on the stream even around nothing: a few microseconds on a GPU.
        Assert.InRange(empty, 0, Math.Max(1.0, milliseconds / 2));
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
