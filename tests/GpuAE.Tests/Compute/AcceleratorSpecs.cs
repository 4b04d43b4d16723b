using GpuAE.Compute;

namespace GpuAE.Tests.Compute;

/// <summary>
/// The accelerators the device tests run on: "cpu" (the managed accelerator), "ilgpu-cpu"
/// (ILGPU's CPU accelerator, running the GPU kernels), and every CUDA and OpenCL device found.
/// A runtime without devices still yields one case ("cuda (missing)"), reported as skipped, so
/// a missing runtime never hides as a silent pass.
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

    /// <summary>Only the ILGPU accelerators: the GPU kernels (on the host, and on every GPU found).</summary>
    public static TheoryData<string> KernelRuntimes
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var spec in Specs().Where(s => s != "cpu")) data.Add(spec);
            return data;
        }
    }

    /// <summary>
    /// Every spec, or only those whose runtime GPUAE_TEST_RUNTIMES names (comma-separated, e.g.
    /// "cuda" for a short device check on a GPU machine; the run's test count shows the cut).
    /// </summary>
    public static IEnumerable<string> Specs()
    {
        var only = Environment.GetEnvironmentVariable("GPUAE_TEST_RUNTIMES")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return only is { Length: > 0 } ? AllSpecs().Where(s => only.Contains(s.Split(':', ' ')[0], StringComparer.OrdinalIgnoreCase)) : AllSpecs();
    }

    private static IEnumerable<string> AllSpecs()
    {
        yield return "cpu";
        yield return "ilgpu-cpu";
        foreach (var type in new[] { AcceleratorType.Cuda, AcceleratorType.OpenCl })
        {
            var found = Devices.Devices.Where(d => d.Type == type).ToList();
            if (found.Count == 0) yield return Missing(type);
            foreach (var device in found) yield return device.Spec;
        }
    }

    /// <summary>The spec a backend's test classes run on: its first device, or "cuda (missing)" (a skip) when it has none.</summary>
    public static string Spec(Backend backend) => backend switch
    {
        Backend.Cpu => "cpu",
        Backend.IlgpuCpu => "ilgpu-cpu",
        Backend.Cuda => First(AcceleratorType.Cuda),
        Backend.OpenCl => First(AcceleratorType.OpenCl),
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, null),
    };

    private static string First(AcceleratorType type) => Devices.Devices.FirstOrDefault(d => d.Type == type)?.Spec ?? Missing(type);

    private static string Missing(AcceleratorType type) => type.ToString().ToLowerInvariant() + MissingSuffix;

    /// <summary>Whether spec runs GPU kernels on the host (slowly): tests keep their sizes small there.</summary>
    public static bool IsEmulated(string spec) => spec == "ilgpu-cpu";

    /// <summary>
    /// The shared accelerator for spec (kernels compile once per test run) with its default kernel
    /// variants, or a skip (Assert.Skip) naming why its runtime has no device. CI machines have no
    /// GPU, so a missing CUDA or OpenCL device is never a failure; ilgpu-cpu is always there.
    /// </summary>
    public static Accelerator TryOpen(string spec, ITestOutputHelper output)
    {
        if (spec.EndsWith(MissingSuffix, StringComparison.Ordinal))
        {
            string runtime = spec[..^MissingSuffix.Length];
            string why = string.Join("; ", Devices.RuntimeNotes.Where(n => n.StartsWith(runtime, StringComparison.OrdinalIgnoreCase)));
            Assert.Skip($"no {runtime} device ({why})");
        }
        // Two test classes must not drive the shared accelerators at once: whatever brought the
        // test here (a theory over these specs, a BackendTests subclass), it must run in their collection.
        if (TestContext.Current.Test is not null)
        {
            string? collection = TestContext.Current.TestCollection?.TestCollectionDisplayName;
            Assert.True(collection == AcceleratorCollection.Name,
                $"{TestContext.Current.TestClass?.TestClassName} opens a shared accelerator but runs in test collection '{collection}', not '{AcceleratorCollection.Name}'");
        }
        lock (Open)
        {
            if (!Open.TryGetValue(spec, out var accelerator))
            {
                accelerator = Devices.CreateAccelerator(spec);
                Open[spec] = accelerator;
            }
            output.WriteLine($"accelerator: {accelerator}");
            // Back to the defaults a user gets, whatever variant an earlier test chose.
            foreach (var op in accelerator.Kernels.Choices.Keys.ToList()) accelerator.Kernels.Clear(op);
            // GPUAE_TEST_KERNELS ("gemm=regblock", the --kernels syntax) pins variants for a diagnostic run.
            foreach (var (op, variant) in KernelSelection.Parse(Environment.GetEnvironmentVariable("GPUAE_TEST_KERNELS")).Choices)
                accelerator.Kernels.Set(op, variant);
            return accelerator;
        }
    }
}

/// <summary>
/// Device tests run one at a time: ILGPU's CPU accelerator runs each work-group on as many
/// threads as it has items (up to 1024), and two such runs at once only slow each other down.
/// (Accelerators themselves may be called from any thread: see AcceleratorThreadingTests.)
/// </summary>
[CollectionDefinition(Name)]
public sealed class AcceleratorCollection
{
    public const string Name = "Accelerators";
}
