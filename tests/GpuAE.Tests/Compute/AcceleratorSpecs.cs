using GpuAE.Compute;

namespace GpuAE.Tests.Compute;

/// <summary>
/// The accelerators the parity tests run on: "cpu", every OpenCL device found ("opencl:0", ...)
/// and every CUDA device. A runtime that is missing still yields one case ("opencl (missing)"),
/// which fails when CI=true and is otherwise reported as skipped,
/// so a missing runtime never hides as a silent pass.
/// </summary>
public static class AcceleratorSpecs
{
    public const string MissingSuffix = " (missing)";

    private static readonly Lazy<ComputeContext> Context = new(() => new ComputeContext());
    private static readonly Dictionary<string, Accelerator> Open = new();

    public static ComputeContext Devices => Context.Value;

    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var spec in Specs()) data.Add(spec);
            return data;
        }
    }

    /// <summary>Only the GPU-runtime accelerators (for tests of OpenCL/CUDA machinery).</summary>
    public static TheoryData<string> KernelRuntimes
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var spec in Specs().Where(s => s != "cpu")) data.Add(spec);
            return data;
        }
    }

    public static IEnumerable<string> Specs()
    {
        yield return "cpu";
        foreach (var type in new[] { AcceleratorType.OpenCl, AcceleratorType.Cuda })
        {
            var found = Devices.Devices.Where(d => d.Type == type).ToList();
            if (found.Count == 0) yield return type.ToString().ToLowerInvariant() + MissingSuffix;
            foreach (var device in found) yield return device.Spec;
        }
    }

    /// <summary>
    /// The shared accelerator for spec (kernels are built once per test run), or a skip (Assert.Skip)
    /// when its runtime is missing. Fails in CI when OpenCL is missing
    /// (CI machines carry PoCL); a missing CUDA driver is normal without a GPU and never fails.
    /// </summary>
    public static Accelerator? TryOpen(string spec, ITestOutputHelper output)
    {
        if (spec.EndsWith(MissingSuffix, StringComparison.Ordinal))
        {
            string runtime = spec[..^MissingSuffix.Length];
            string why = string.Join("; ", Devices.RuntimeNotes.Where(n => n.StartsWith(runtime, StringComparison.OrdinalIgnoreCase)));
            string message = $"no {runtime} device ({why})";
            if (runtime == "opencl" && Environment.GetEnvironmentVariable("CI") == "true")
                Assert.Fail(message + " -- CI must provide an OpenCL runtime (PoCL)");
            Assert.Skip(message);
        }
        lock (Open)
        {
            if (!Open.TryGetValue(spec, out var accelerator))
            {
                accelerator = Devices.CreateAccelerator(spec);
                Open[spec] = accelerator;
            }
            output.WriteLine($"accelerator: {accelerator}");
            accelerator.Kernels.Set("gemm", accelerator.KernelVariants("gemm").FirstOrDefault() ?? "");
            if (accelerator.KernelVariants("conv") is [var conv, ..]) accelerator.Kernels.Set("conv", conv);
            return accelerator;
        }
    }
}

/// <summary>The first OpenCL device, for tests that build their own OpenCL accelerator (own cache, tuning, options).</summary>
public static class OpenClTestDevice
{
    /// <summary>The device, or null after a visible skip message (a failure when CI=true).</summary>
    internal static (GpuAE.Compute.OpenCl.ClApi Api, GpuAE.Compute.OpenCl.OpenClDevice Device)? Find(ITestOutputHelper output)
    {
        var api = GpuAE.Compute.OpenCl.ClApi.TryGet(out var note);
        var device = api is null ? null : GpuAE.Compute.OpenCl.OpenClDevice.Enumerate(api).FirstOrDefault();
        if (device is not null) return (api!, device);
        string message = $"no OpenCL device ({note ?? "no platform"})";
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(message + " -- CI must provide an OpenCL runtime (PoCL)");
        Assert.Skip(message);
        return null;
    }
}

/// <summary>Accelerators are not thread-safe: every test that uses the shared ones runs in this collection, one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class AcceleratorCollection
{
    public const string Name = "Accelerators";
}
