using GpuAE.Compute;
using Xunit.Sdk;

namespace GpuAE.Tests.Compute;

/// <summary>The backends every op family is tested on, one sealed test class each (...OnCpu, ...OnIlgpuCpu, ...OnCuda, ...OnOpenCl).</summary>
public enum Backend
{
    /// <summary>"cpu": the managed SIMD accelerator.</summary>
    Cpu,

    /// <summary>"ilgpu-cpu": ILGPU's CPU accelerator running the GPU kernels.</summary>
    IlgpuCpu,

    /// <summary>The first CUDA device, or a skip naming why there is none.</summary>
    Cuda,

    /// <summary>The first OpenCL device ILGPU accepts, or a skip naming why there is none.</summary>
    OpenCl,
}

/// <summary>
/// What the op family tests share, as in ILGPU's own test projects: one abstract class per op
/// family holds the tests, and a sealed subclass per backend runs them there. This base opens
/// the backend's shared accelerator on first use (a visible skip when the machine has no such
/// device; AcceleratorSpecs.TryOpen also checks that xunit put the subclass in the accelerators'
/// collection, whose attribute sits here), says whether the backend is emulated, gives fresh
/// random data (seed printed), and runs a check once per kernel variant.
/// </summary>
[Collection(AcceleratorCollection.Name)]
public abstract class BackendTests(Backend backend, ITestOutputHelper output)
{
    private Accelerator? _accelerator;

    protected ParityData Data { get; } = new(output);

    /// <summary>The backend's shared accelerator with its default kernel variants chosen; skips the test when the machine has none.</summary>
    protected Accelerator Accelerator => _accelerator ??= AcceleratorSpecs.TryOpen(AcceleratorSpecs.Spec(backend), output);

    /// <summary>
    /// ILGPU's CPU accelerator runs the GPU kernels a work-group at a time on OS threads that meet
    /// at every barrier, slowly: tests use smaller, still awkward, shapes there.
    /// </summary>
    protected bool Emulated => backend == Backend.IlgpuCpu;

    /// <summary>Runs check once for each variant of op the accelerator reports, with that variant chosen; a failure names the variant.</summary>
    protected void ForEachVariant(string op, Action<string> check)
    {
        var variants = Accelerator.KernelVariants(op);
        Assert.NotEmpty(variants);
        foreach (var variant in variants)
        {
            Accelerator.Kernels.Set(op, variant);
            try
            {
                check(variant);
            }
            catch (Exception e)
            {
                throw new XunitException($"{op} variant '{variant}': {e.Message}", e);
            }
        }
    }
}
