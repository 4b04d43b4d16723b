namespace GpuAE.Compute;

public enum AcceleratorType
{
    Cpu,
    OpenCl,
    Cuda,
}

/// <summary>What a device is, as `gpuae devices` prints it, before an accelerator is opened on it.</summary>
public sealed record DeviceInfo(
    AcceleratorType Type,
    int Index,
    string Name,
    string Runtime,
    long MemoryBytes,
    int ComputeUnits,
    bool IsGpu,
    string Details)
{
    /// <summary>The `--device` spelling that selects this device, e.g. "cpu", "opencl:0", "cuda:1".</summary>
    public string Spec => Type switch
    {
        AcceleratorType.Cpu => "cpu",
        AcceleratorType.OpenCl => $"opencl:{Index}",
        AcceleratorType.Cuda => $"cuda:{Index}",
        _ => throw new InvalidOperationException(),
    };
}
