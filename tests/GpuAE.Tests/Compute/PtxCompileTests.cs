using GpuAE.Kernels.Common;
using GpuAE.Kernels.Noise;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime.Cuda;

namespace GpuAE.Tests.Compute;

/// <summary>
/// Every kernel compiles through ILGPU's PTX backend for Turing, Ampere and Hopper, with no GPU
/// and no CUDA toolkit: a kernel ILGPU cannot translate fails here, not on a user's GPU.
/// </summary>
public sealed class PtxCompileTests(ITestOutputHelper output)
{
    private static readonly Lazy<Context> Context = new(() => ILGPU.Context.Create(builder => builder.Optimize(OptimizationLevel.O2).EnableAlgorithms()));

    public static TheoryData<string> Architectures => new() { "SM_75", "SM_80", "SM_90" };

    private static string Ptx(CudaArchitecture architecture, System.Reflection.MethodInfo kernel)
    {
        var backend = new PTXBackend(Context.Value, new CudaCapabilityContext(architecture), architecture, CudaInstructionSet.ISA_88, null);
        var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromExplicitlyGroupedKernel(kernel), default);
        return compiled.PTXAssembly;
    }

    private static CudaArchitecture Architecture(string name) =>
        (CudaArchitecture)typeof(CudaArchitecture).GetField(name)!.GetValue(null)!;

    [Theory]
    [MemberData(nameof(Architectures))]
    public void EveryKernelCompilesToPtx(string architecture)
    {
        Assert.NotEmpty(KernelCatalog.All);
        foreach (var kernel in KernelCatalog.All)
        {
            string ptx = Ptx(Architecture(architecture), kernel);
            output.WriteLine($"{KernelCatalog.Describe(kernel)}: {ptx.Length} chars of PTX");
            Assert.Contains(".entry ", ptx);
        }
    }

    [Fact]
    public void TheCatalogHoldsEveryOpFamilysKernels()
    {
        var families = KernelCatalog.All.Select(k => k.DeclaringType!.Name).ToHashSet();
        string[] expected = ["ElementwiseKernels", "LossKernels", "OptimizerKernels", "NoiseKernels", "DropoutKernels",
            "QualityKernels", "BatchNormKernels", "SpatialKernels", "GemmKernels", "ConvKernels", "ImplicitGemmKernels", "GatherKernels"];
        Assert.Equal(expected.Order(), families.Order());
        Assert.Contains(KernelCatalog.All, k => k.IsGenericMethod && k.GetGenericArguments()[0].Name == "Tiling32");
    }

    /// <summary>
    /// The noise must be bit-identical on every device: its float products and sums are emitted
    /// as mul.rn / add.rn / sub.rn, which ptxas may not fuse into FMAs (plain mul.f32 + add.f32 it may).
    /// </summary>
    [Theory]
    [MemberData(nameof(Architectures))]
    public void TheNoiseKernelsArithmeticCannotBeFusedByPtxas(string architecture)
    {
        string ptx = Ptx(Architecture(architecture), typeof(NoiseKernels).GetMethod(nameof(NoiseKernels.Apply))!);
        Assert.Contains("mul.rn.f32", ptx);
        Assert.Contains("add.rn.f32", ptx);
        Assert.DoesNotContain("fma.", ptx);
        var unrounded = System.Text.RegularExpressions.Regex.Matches(Reachable(ptx), @"\b(mul|add|sub)\.f32\b");
        Assert.True(unrounded.Count == 0, $"{unrounded.Count} float ops without .rn, e.g. '{unrounded.FirstOrDefault()?.Value}'");
    }

    /// <summary>
    /// The PTX without its dead blocks. ILGPU keeps both arms of `if (CudaAsm.IsSupported)`: the
    /// plain C# arm follows a branch on a predicate set to true (`mov.pred %p, 1; @%p bra.uni L`)
    /// and no label leads into it, so it never runs (ptxas drops it). Lines after an unconditional
    /// branch up to the next label are cut.
    /// </summary>
    private static string Reachable(string ptx)
    {
        var kept = new List<string>();
        var alwaysTrue = new HashSet<string>();
        bool dead = false;
        foreach (var raw in ptx.Split('\n'))
        {
            string line = raw.Trim();
            if (System.Text.RegularExpressions.Regex.IsMatch(line, @"^[$\w]+:$")) dead = false; // a label: reachable again
            if (dead) continue;
            kept.Add(raw);
            var written = System.Text.RegularExpressions.Regex.Match(line, @"^(mov\.pred|setp\.\S+|and\.pred|or\.pred|not\.pred)\s+(%p\d+)");
            if (written.Success) alwaysTrue.Remove(written.Groups[2].Value);
            var set = System.Text.RegularExpressions.Regex.Match(line, @"^mov\.pred\s+(%p\d+),\s*1;");
            if (set.Success) alwaysTrue.Add(set.Groups[1].Value);
            var branch = System.Text.RegularExpressions.Regex.Match(line, @"^(@(%p\d+)\s+)?bra(\.uni)?\s");
            if (branch.Success && (!branch.Groups[1].Success || alwaysTrue.Contains(branch.Groups[2].Value))) dead = true;
        }
        return string.Join('\n', kept);
    }
}
