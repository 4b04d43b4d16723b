using GpuAE.Compute.Cuda;

namespace GpuAE.Tests.Compute;

/// <summary>
/// Every kernel file compiles as CUDA C++ (cuda_prelude.h + the .cl file) through the
/// accelerator's own NVRTC path, with no errors and no warnings, for Volta, Ampere and Hopper.
/// Needs no GPU. Without NVRTC the cases skip visibly (and fail when CI=true).
/// </summary>
public sealed class NvrtcCompileTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("compute_70")]
    [InlineData("compute_80")]
    [InlineData("compute_90")]
    public void EveryKernelFileCompilesWithoutWarnings(string architecture)
    {
        if (!NvrtcCompiler.IsAvailable(out var note))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail($"NVRTC missing in CI: {note}");
            Assert.Skip(note ?? "NVRTC missing");
        }
        output.WriteLine($"NVRTC {NvrtcCompiler.Version}; architectures {string.Join(",", NvrtcCompiler.SupportedArchitectures())}");
        foreach (var result in NvrtcCompiler.CompileAll(architecture))
        {
            output.WriteLine($"{result.File}: {(result.Success ? $"{result.Ptx.Length} chars of PTX" : "FAILED")} {result.Log}");
            Assert.True(result.Success, $"kernels/{result.File} for {architecture}: {result.Log}");
            Assert.True(result.Log.Length == 0, $"kernels/{result.File} for {architecture} compiled with messages: {result.Log}");
            foreach (System.Text.RegularExpressions.Match kernel in System.Text.RegularExpressions.Regex.Matches(
                         GpuAE.Compute.Kernels.KernelSource.ForOpenCl(result.File), @"__kernel\s+void\s+(\w+)"))
                Assert.Contains($".entry {kernel.Groups[1].Value}(", result.Ptx); // unmangled: extern "C"
            if (result.File == "noise.cl") Assert.DoesNotContain("fma.", result.Ptx); // --fmad=false: bit-exact noise
        }
    }
}
