using GpuAE.Compute;
using GpuAE.Compute.Kernels;
using GpuAE.Compute.OpenCl;

namespace GpuAE.Tests.Compute;

public sealed class OpenClBuildFailureTests(ITestOutputHelper output)
{
    [Fact]
    public void AKernelThatFailsToBuildIsAComputeExceptionWithFileDeviceAndLog()
    {
        if (OpenClTestDevice.Find(output) is not var (api, device)) return;
        string directory = Path.Combine(Path.GetTempPath(), "gpuae-build-failure-" + Guid.NewGuid().ToString("N"));
        try
        {
            // A define that names nothing: every use of GEMM_TS in gemm.cl becomes an undeclared identifier.
            using var accelerator = new OpenClAccelerator(api, device, new KernelCache(directory), extraBuildOptions: "-DGEMM_TS=not_a_number");
            using var a = accelerator.Allocate(4);
            var error = Assert.Throws<ComputeException>(() => accelerator.Gemm(false, false, 2, 2, 1, 1f, a, a, 0f, a));
            output.WriteLine(error.Message);
            Assert.StartsWith("kernels/gemm.cl failed to build for " + device.Info.Name, error.Message);
            Assert.Contains("not_a_number", error.Message);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }
}
