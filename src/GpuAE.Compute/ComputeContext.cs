using GpuAE.Compute.Cpu;

namespace GpuAE.Compute;

/// <summary>
/// Finds the devices of every runtime installed on this machine and opens accelerators on them
/// (ILGPU's Context). Runtimes register a <see cref="IDeviceProvider"/>; one that is missing
/// reports a one-line reason instead of failing.
/// </summary>
public sealed class ComputeContext
{
    private readonly List<IDeviceProvider> _providers;

    public ComputeContext(IEnumerable<IDeviceProvider>? providers = null)
    {
        _providers = providers?.ToList() ?? DefaultProviders();
        var devices = new List<DeviceInfo>();
        var notes = new List<string>();
        foreach (var provider in _providers)
        {
            var found = provider.Discover(out var note);
            devices.AddRange(found);
            if (note is not null) notes.Add($"{provider.Runtime}: {note}");
        }
        Devices = devices;
        RuntimeNotes = notes;
    }

    /// <summary>Every runtime GpuAE ships, in the order `gpuae devices` lists them.</summary>
    public static List<IDeviceProvider> DefaultProviders() =>
    [
        new CpuDeviceProvider(),
        new Ilgpu.IlgpuDeviceProvider(AcceleratorType.IlgpuCpu),
        new Ilgpu.IlgpuDeviceProvider(AcceleratorType.Cuda),
        new Ilgpu.IlgpuDeviceProvider(AcceleratorType.OpenCl),
    ];

    public IReadOnlyList<DeviceInfo> Devices { get; }

    /// <summary>Why a runtime found nothing (library missing, no platform, no driver).</summary>
    public IReadOnlyList<string> RuntimeNotes { get; }

    /// <summary>
    /// The device `auto` picks: a CUDA device, else an OpenCL GPU that ILGPU accepts, else the
    /// managed CPU accelerator (ilgpu-cpu and OpenCL CPU devices are listed but never auto-picked:
    /// the managed accelerator is far faster on a CPU).
    /// </summary>
    public DeviceInfo AutoDevice =>
        Devices.FirstOrDefault(d => d.Type == AcceleratorType.Cuda)
        ?? Devices.FirstOrDefault(d => d.Type == AcceleratorType.OpenCl && d.IsGpu)
        ?? Devices.First(d => d.Type == AcceleratorType.Cpu);

    /// <summary>Resolves auto | cpu | ilgpu-cpu | opencl[:N] | cuda[:N]; throws ArgumentException with a one-line reason.</summary>
    public DeviceInfo Resolve(string spec)
    {
        spec = (spec ?? "auto").Trim().ToLowerInvariant();
        if (spec == "auto") return AutoDevice;
        string kind = spec, indexText = "0";
        int colon = spec.IndexOf(':');
        if (colon >= 0) { kind = spec[..colon]; indexText = spec[(colon + 1)..]; }
        AcceleratorType type = kind switch
        {
            "cpu" => AcceleratorType.Cpu,
            "ilgpu-cpu" => AcceleratorType.IlgpuCpu,
            "opencl" => AcceleratorType.OpenCl,
            "cuda" => AcceleratorType.Cuda,
            _ => throw new ArgumentException($"--device: unknown device '{spec}' (use auto, cpu, ilgpu-cpu, opencl[:N] or cuda[:N])"),
        };
        if (!int.TryParse(indexText, out int index) || index < 0)
            throw new ArgumentException($"--device: '{indexText}' in '{spec}' is not a device index");
        var matches = Devices.Where(d => d.Type == type).ToList();
        if (index >= matches.Count)
        {
            string why = RuntimeNotes.FirstOrDefault(n => n.StartsWith(kind + ":", StringComparison.OrdinalIgnoreCase)) ?? "";
            throw new ArgumentException($"--device: no {kind} device {index} on this machine ({matches.Count} found){(why.Length > 0 ? "; " + why : "")}");
        }
        return matches[index];
    }

    public Accelerator CreateAccelerator(string spec) => CreateAccelerator(Resolve(spec));

    public Accelerator CreateAccelerator(DeviceInfo device)
    {
        var provider = _providers.First(p => p.Type == device.Type);
        return provider.Open(device);
    }
}

/// <summary>One runtime's view of its devices (CPU, OpenCL, CUDA).</summary>
public interface IDeviceProvider
{
    AcceleratorType Type { get; }
    string Runtime { get; }

    /// <summary>Lists devices; when none, `note` says why (runtime not installed, no driver).</summary>
    IReadOnlyList<DeviceInfo> Discover(out string? note);

    Accelerator Open(DeviceInfo device);
}

public sealed class CpuDeviceProvider : IDeviceProvider
{
    public AcceleratorType Type => AcceleratorType.Cpu;
    public string Runtime => "cpu";

    public IReadOnlyList<DeviceInfo> Discover(out string? note)
    {
        note = null;
        return [CpuAccelerator.Describe()];
    }

    public Accelerator Open(DeviceInfo device) => new CpuAccelerator();
}
