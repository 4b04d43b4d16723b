using GpuAE.Compute;
using GpuAE.Compute.Cuda;

namespace GpuAE.Tests.Compute;

public sealed class DeviceDiscoveryTests
{
    private static bool DriverInstalled =>
        CudaApi.LibraryNames().Any(name => System.Runtime.InteropServices.NativeLibrary.TryLoad(name, out _));

    [Fact]
    public void WithoutTheCudaDriverDiscoverListsNothingAndSaysWhyInOneLine()
    {
        if (DriverInstalled) Assert.Skip("this machine has a CUDA driver");
        var devices = new CudaDeviceProvider().Discover(out var note);
        Assert.Empty(devices);
        Assert.Equal($"CUDA driver ({CudaApi.LibraryNames()[0]}) not found", note);
    }

    [Fact]
    public void WithoutTheCudaDriverTheContextOpensAndCudaResolvesToAOneLineError()
    {
        if (DriverInstalled) Assert.Skip("this machine has a CUDA driver");
        var context = new ComputeContext();
        Assert.DoesNotContain(context.Devices, d => d.Type == AcceleratorType.Cuda);
        Assert.Contains(context.RuntimeNotes, n => n.StartsWith("cuda: CUDA driver", StringComparison.Ordinal));
        var error = Assert.Throws<ArgumentException>(() => context.Resolve("cuda"));
        Assert.Contains("not found", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.NotEqual(AcceleratorType.Cuda, context.AutoDevice.Type);
    }

    [Fact]
    public void AutoNeverPicksAnOpenClCpuDevice()
    {
        var context = new ComputeContext();
        Assert.All(context.Devices.Where(d => d.Type == AcceleratorType.OpenCl && d.Details.StartsWith("CPU", StringComparison.Ordinal)),
            d => Assert.False(d.IsGpu));
        var auto = context.AutoDevice;
        Assert.True(auto.Type == AcceleratorType.Cpu || auto.IsGpu, $"auto picked {auto.Name}");
    }

    [Fact]
    public void OpenClDevicesReportNameMemoryComputeUnitsAndKind()
    {
        var devices = new GpuAE.Compute.OpenCl.OpenClDeviceProvider().Discover(out var note);
        if (devices.Count == 0) Assert.Skip(note ?? "no OpenCL device");
        Assert.All(devices, d =>
        {
            Assert.Equal(AcceleratorType.OpenCl, d.Type);
            Assert.False(string.IsNullOrWhiteSpace(d.Name));
            Assert.True(d.MemoryBytes > 0 && d.ComputeUnits > 0);
            Assert.Matches("^(GPU|CPU|accelerator), ", d.Details);
        });
        Assert.Equal(Enumerable.Range(0, devices.Count), devices.Select(d => d.Index));
    }
}
