namespace GpuAE.Compute.Ilgpu;

/// <summary>
/// One kind of ILGPU device (CUDA, OpenCL or ILGPU's CPU accelerator). Lists nothing, with a
/// one-line note, when the runtime is missing; lists OpenCL devices ILGPU refuses in the notes.
/// </summary>
public sealed class IlgpuDeviceProvider(AcceleratorType type) : IDeviceProvider
{
    public AcceleratorType Type => type;

    public string Runtime => type switch { AcceleratorType.Cuda => "cuda", AcceleratorType.OpenCl => "opencl", _ => "ilgpu-cpu" };

    public IReadOnlyList<DeviceInfo> Discover(out string? note)
    {
        var devices = IlgpuRuntime.Devices(type);
        var notes = IlgpuRuntime.Notes(type).ToList();
        note = notes.Count == 0 ? null : string.Join("; ", notes);
        return devices.Select((d, i) => IlgpuRuntime.Describe(type, i, d)).ToList();
    }

    public Accelerator Open(DeviceInfo device)
    {
        var devices = IlgpuRuntime.Devices(type);
        if (device.Index >= devices.Count) throw new ComputeException($"{device.Spec}: device {device.Index} ({device.Name}) is no longer present");
        try
        {
            return new IlgpuAccelerator(device, devices[device.Index]);
        }
        catch (Exception e) when (e is ILGPU.Runtime.AcceleratorException or NotSupportedException or ILGPU.CapabilityNotSupportedException)
        {
            throw new ComputeException($"{device.Spec} ({device.Name}): ILGPU could not open it: {e.Message.Split('\n')[0]}", e);
        }
    }
}
