using GpuAE.Compute.Kernels;
using GpuAE.Compute.OpenCl;

namespace GpuAE.Tests.Compute;

[Collection(AcceleratorCollection.Name)]
public sealed class KernelBuildTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryKernelFileIsEmbeddedWithItsIncludesInlined()
    {
        foreach (var file in KernelSource.Files)
        {
            string opencl = KernelSource.ForOpenCl(file);
            string cuda = KernelSource.ForCuda(file);
            Assert.DoesNotMatch("(?m)^\\s*#\\s*include", opencl);
            Assert.DoesNotMatch("(?m)^\\s*#\\s*include", cuda);
            Assert.Contains("__kernel", opencl);
            Assert.StartsWith("#line 1 \"cuda_prelude.h\"", cuda);
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void EveryKernelFileBuildsOnTheDevice(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        if (accelerator is OpenClAccelerator opencl) opencl.BuildAll();
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(256)]
    [InlineData(128)]
    [InlineData(64)]
    [InlineData(16)]
    public void TuningFitsTheDevicesLargestWorkGroup(long maxGroupSize)
    {
        var tuning = KernelTuning.ForMaxGroupSize(maxGroupSize);
        tuning.Validate();
        KernelTuning.CpuDevice.Validate();
        Assert.True(tuning.ElementwiseGroup <= maxGroupSize && tuning.ReduceGroup <= maxGroupSize);
        Assert.True(tuning.GemmTile * tuning.GemmTile <= maxGroupSize);
        Assert.True(tuning.GemmGroupX * tuning.GemmGroupY <= maxGroupSize);
    }
}
