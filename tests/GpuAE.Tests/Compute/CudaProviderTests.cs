using GpuAE.Compute;
using GpuAE.Compute.Cuda;
using Xunit.Abstractions;

namespace GpuAE.Tests.Compute;

public sealed class CudaProviderTests(ITestOutputHelper output)
{
    private static bool DriverInstalled =>
        CudaApi.LibraryNames().Any(name => System.Runtime.InteropServices.NativeLibrary.TryLoad(name, out _));

    [Fact]
    public void WithoutTheDriverDiscoverListsNothingAndSaysWhyInOneLine()
    {
        if (DriverInstalled) { output.WriteLine("SKIPPED: this machine has a CUDA driver"); return; }
        var devices = new CudaDeviceProvider().Discover(out var note);
        Assert.Empty(devices);
        Assert.Equal($"CUDA driver ({CudaApi.LibraryNames()[0]}) not found", note);
    }

    [Fact]
    public void WithoutTheDriverTheContextOpensAndCudaResolvesToAOneLineError()
    {
        if (DriverInstalled) { output.WriteLine("SKIPPED: this machine has a CUDA driver"); return; }
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
}
