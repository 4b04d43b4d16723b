using System.Runtime.InteropServices;
using GpuAE.Compute;

namespace GpuAE.Tests.Compute;

public sealed class DeviceDiscoveryTests
{
    private static bool CudaDriverInstalled => NativeLibrary.TryLoad(OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1", out _);

    [Fact]
    public void TheContextListsTheManagedCpuAndIlgpusCpuAccelerator()
    {
        var context = new ComputeContext();
        Assert.Contains(context.Devices, d => d.Spec == "cpu");
        var ilgpu = Assert.Single(context.Devices, d => d.Spec == "ilgpu-cpu");
        Assert.Contains("warp 32", ilgpu.Details);
    }

    [Fact]
    public void WithoutTheCudaDriverCudaResolvesToAOneLineErrorThatSaysWhy()
    {
        if (CudaDriverInstalled) Assert.Skip("this machine has a CUDA driver");
        var context = new ComputeContext();
        Assert.DoesNotContain(context.Devices, d => d.Type == AcceleratorType.Cuda);
        Assert.Contains(context.RuntimeNotes, n => n.StartsWith("cuda: CUDA driver", StringComparison.Ordinal));
        var error = Assert.Throws<ArgumentException>(() => context.Resolve("cuda"));
        Assert.Contains("not found", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void AutoPicksAGpuOrTheManagedCpuNeverAnEmulator()
    {
        var context = new ComputeContext();
        var auto = context.AutoDevice;
        Assert.True(auto.Type == AcceleratorType.Cpu || auto.IsGpu, $"auto picked {auto.Spec} ({auto.Name})");
        if (context.Devices.Any(d => d.Type == AcceleratorType.Cuda)) Assert.Equal(AcceleratorType.Cuda, auto.Type);
    }

    [Fact]
    public void OpenClDevicesIlgpuRefusesAreNamedInTheNotesNotHidden()
    {
        var context = new ComputeContext();
        foreach (var note in context.RuntimeNotes.Where(n => n.Contains("refused", StringComparison.Ordinal)))
            Assert.StartsWith("opencl: ", note);
        // PoCL before 4 (Debian 12's 3.1) lacks the generic address space: when its ICD is installed, it must show up as refused.
        if (File.Exists("/etc/OpenCL/vendors/pocl.icd") && !context.Devices.Any(d => d.Type == AcceleratorType.OpenCl))
            Assert.Contains(context.RuntimeNotes, n => n.Contains("refused by ILGPU", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ilgpu-cpu")]
    [InlineData("ILGPU-CPU")]
    [InlineData("cpu")]
    public void DeviceSpecsResolveCaseInsensitively(string spec)
    {
        var device = new ComputeContext().Resolve(spec);
        Assert.Equal(spec.ToLowerInvariant(), device.Spec);
    }

    [Fact]
    public void AnUnknownDeviceIsAOneLineErrorListingTheChoices()
    {
        var error = Assert.Throws<ArgumentException>(() => new ComputeContext().Resolve("tpu"));
        Assert.Contains("ilgpu-cpu", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
