using GpuAE.Kernels.Common;
using GpuAE.Kernels.Noise;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.OpenCL;
using ILGPU.Runtime.OpenCL;

namespace GpuAE.Tests.Compute;

/// <summary>
/// Every kernel translates to OpenCL C 2.0 through ILGPU's OpenCL backend, with no OpenCL device
/// (the driver's own compile happens on the user's machine). A kernel ILGPU cannot translate
/// fails here.
/// </summary>
public sealed class OpenClSourceTests
{
    private static readonly Lazy<Context> Context = new(() => ILGPU.Context.Create(builder => builder.Optimize(OptimizationLevel.O2).EnableAlgorithms()));

    private static string Source(System.Reflection.MethodInfo kernel)
    {
        var ctor = typeof(CLCapabilityContext).GetConstructors().First(c => c.GetParameters().Length > 0 && c.GetParameters().All(p => p.ParameterType == typeof(bool)));
        var capabilities = (CLCapabilityContext)ctor.Invoke(ctor.GetParameters().Select(_ => (object)true).ToArray());
        var backend = new CLBackend(Context.Value, capabilities, CLDeviceVendor.AMD, CLCVersion.CL20);
        return ((CLCompiledKernel)backend.Compile(EntryPointDescription.FromExplicitlyGroupedKernel(kernel), default)).Source;
    }

    [Fact]
    public void EveryKernelTranslatesToOpenClC()
    {
        foreach (var kernel in KernelCatalog.All)
            Assert.Contains("kernel void ", Source(kernel));
    }

    /// <summary>
    /// OpenCL C may contract a * b + c into an FMA only within one expression (FP_CONTRACT), so
    /// the noise stays bit-identical as long as every float operation is a statement of its own,
    /// which is how ILGPU writes it: this keeps that true.
    /// </summary>
    [Fact]
    public void TheNoiseKernelHasOneArithmeticOperationPerStatement()
    {
        string source = Source(typeof(NoiseKernels).GetMethod(nameof(NoiseKernels.Apply))!);
        var compound = source.Split('\n').Where(l => System.Text.RegularExpressions.Regex.Matches(l, @" [-+*/] ").Count > 1).ToList();
        Assert.True(compound.Count == 0, $"statements with more than one operation: {string.Join(" | ", compound.Take(3))}");
        Assert.DoesNotContain("fma(", source);
        Assert.DoesNotContain("mad(", source);
    }
}
