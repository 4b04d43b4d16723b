using GpuAE.Compute.Kernels;

namespace GpuAE.Compute.Cuda;

/// <summary>
/// NVIDIA GPUs through the CUDA driver API, kernels compiled by NVRTC. Lists nothing, with a
/// one-line note, when the driver, a device or NVRTC is missing.
/// </summary>
public sealed class CudaDeviceProvider : IDeviceProvider
{
    private readonly KernelCache? _cache;

    public CudaDeviceProvider(KernelCache? cache = null) { _cache = cache; }

    public AcceleratorType Type => AcceleratorType.Cuda;
    public string Runtime => "cuda";

    public IReadOnlyList<DeviceInfo> Discover(out string? note)
    {
        var api = CudaApi.TryGet(out note);
        if (api is null) return [];
        var devices = CudaDevice.Enumerate(api, out note);
        if (devices.Count > 0 && !NvrtcCompiler.IsAvailable(out var nvrtcNote))
        {
            note = $"found {devices.Count} CUDA device(s) but cannot compile kernels: {nvrtcNote}";
            return [];
        }
        return devices.Select(d => d.Info).ToList();
    }

    public Accelerator Open(DeviceInfo device)
    {
        var api = CudaApi.TryGet(out var note) ?? throw new ComputeException($"cuda: {note}");
        var found = CudaDevice.Enumerate(api, out note).FirstOrDefault(d => d.Info.Index == device.Index)
            ?? throw new ComputeException($"cuda: device {device.Index} ({device.Name}) is no longer present{(note is null ? "" : "; " + note)}");
        return new CudaAccelerator(api, found, _cache ?? new KernelCache());
    }
}

/// <summary>A CUDA device as found: its ordinal, compute capability and what `gpuae devices` prints.</summary>
internal sealed record CudaDevice(int Ordinal, int ComputeCapability, int DriverVersion, DeviceInfo Info)
{
    public static unsafe List<CudaDevice> Enumerate(CudaApi api, out string? note)
    {
        note = null;
        var result = new List<CudaDevice>();
        int status = api.Init(0);
        if (status != CudaApi.Success) { note = $"cuInit failed: {api.ErrorName(status)}"; return result; }
        int count = 0, driver = 0;
        api.DriverGetVersion(&driver);
        if (api.DeviceGetCount(&count) != CudaApi.Success || count == 0) { note = "no CUDA device found"; return result; }
        for (int ordinal = 0; ordinal < count; ordinal++)
        {
            int device;
            if (api.DeviceGet(&device, ordinal) != CudaApi.Success) continue;
            var nameBytes = new byte[256];
            fixed (byte* n = nameBytes) api.DeviceGetName(n, nameBytes.Length, device);
            string name = System.Text.Encoding.UTF8.GetString(nameBytes).TrimEnd('\0');
            nuint memory;
            api.DeviceTotalMem(&memory, device);
            int units = api.Attribute(device, CudaApi.AttributeMultiprocessorCount);
            int major = api.Attribute(device, CudaApi.AttributeComputeCapabilityMajor), minor = api.Attribute(device, CudaApi.AttributeComputeCapabilityMinor);
            var info = new DeviceInfo(AcceleratorType.Cuda, ordinal, name, "CUDA", (long)memory, units, IsGpu: true,
                $"GPU, {units} SMs, compute capability {major}.{minor}, driver {driver / 1000}.{driver % 1000 / 10}");
            result.Add(new CudaDevice(device, major * 10 + minor, driver, info));
        }
        return result;
    }
}
