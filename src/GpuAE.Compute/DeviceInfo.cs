namespace GpuAE.Compute;

/// <summary>The kinds of accelerator GpuAE opens.</summary>
public enum AcceleratorType
{
    /// <summary>The managed SIMD accelerator: the fast CPU path.</summary>
    Cpu,

    /// <summary>An OpenCL device, through ILGPU.</summary>
    OpenCl,

    /// <summary>An NVIDIA GPU, through ILGPU's CUDA backend.</summary>
    Cuda,

    /// <summary>ILGPU's CPU accelerator: the GPU kernels on the host, for verifying and debugging them.</summary>
    IlgpuCpu,
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
    /// <summary>The `--device` spelling that selects this device, e.g. "cpu", "ilgpu-cpu", "opencl:0", "cuda:1".</summary>
    public string Spec => Type switch
    {
        AcceleratorType.Cpu => "cpu",
        AcceleratorType.IlgpuCpu => "ilgpu-cpu",
        AcceleratorType.OpenCl => $"opencl:{Index}",
        AcceleratorType.Cuda => $"cuda:{Index}",
        _ => throw new InvalidOperationException(),
    };
}
