using GpuAE.Compute.Kernels;

namespace GpuAE.Compute.OpenCl;

/// <summary>Every device of every OpenCL platform, numbered in platform order ("opencl:0", ...).</summary>
public sealed class OpenClDeviceProvider : IDeviceProvider
{
    private readonly KernelCache? _cache;

    public OpenClDeviceProvider(KernelCache? cache = null) { _cache = cache; }

    public AcceleratorType Type => AcceleratorType.OpenCl;
    public string Runtime => "opencl";

    public IReadOnlyList<DeviceInfo> Discover(out string? note)
    {
        var api = ClApi.TryGet(out note);
        if (api is null) return [];
        var devices = OpenClDevice.Enumerate(api).Select(d => d.Info).ToList();
        if (devices.Count == 0) note = "no OpenCL platform or device found (an ICD loader is installed, but no driver)";
        return devices;
    }

    public Accelerator Open(DeviceInfo device)
    {
        var api = ClApi.TryGet(out var note) ?? throw new ComputeException($"opencl: {note}");
        var found = OpenClDevice.Enumerate(api).FirstOrDefault(d => d.Info.Index == device.Index)
            ?? throw new ComputeException($"opencl: device {device.Index} ({device.Name}) is no longer present");
        return new OpenClAccelerator(api, found, _cache ?? new KernelCache());
    }
}

/// <summary>An OpenCL device as found: its platform and device ids and what `gpuae devices` prints.</summary>
internal sealed record OpenClDevice(nint Platform, nint Device, DeviceInfo Info, string DriverVersion, string PlatformVersion)
{
    public static unsafe List<OpenClDevice> Enumerate(ClApi api)
    {
        var result = new List<OpenClDevice>();
        uint platformCount;
        if (api.GetPlatformIDs(0, null, &platformCount) != ClStatus.Success || platformCount == 0) return result;
        var platforms = new nint[platformCount];
        fixed (nint* p = platforms) if (api.GetPlatformIDs(platformCount, p, null) != ClStatus.Success) return result;
        foreach (var platform in platforms)
        {
            uint deviceCount;
            if (api.GetDeviceIDs(platform, ClStatus.DeviceTypeAll, 0, null, &deviceCount) != ClStatus.Success || deviceCount == 0) continue;
            var devices = new nint[deviceCount];
            fixed (nint* d = devices) if (api.GetDeviceIDs(platform, ClStatus.DeviceTypeAll, deviceCount, d, null) != ClStatus.Success) continue;
            foreach (var device in devices) result.Add(Describe(api, platform, device, result.Count));
        }
        return result;
    }

    private static OpenClDevice Describe(ClApi api, nint platform, nint device, int index)
    {
        string platformName = api.PlatformString(platform, ClStatus.PlatformName);
        string platformVersion = api.PlatformString(platform, ClStatus.PlatformVersion);
        string name = api.DeviceString(device, ClStatus.DeviceName);
        string driver = api.DeviceString(device, ClStatus.DriverVersion);
        string language = api.DeviceString(device, ClStatus.DeviceOpenClCVersion);
        ulong type = api.DeviceValue<ulong>(device, ClStatus.DeviceType);
        long memory = (long)api.DeviceValue<ulong>(device, ClStatus.DeviceGlobalMemSize);
        int units = (int)api.DeviceValue<uint>(device, ClStatus.DeviceMaxComputeUnits);
        bool gpu = (type & ClStatus.DeviceTypeGpu) != 0;
        string kind = gpu ? "GPU" : (type & ClStatus.DeviceTypeCpu) != 0 ? "CPU" : "accelerator";
        var info = new DeviceInfo(AcceleratorType.OpenCl, index, name, $"OpenCL ({platformName})", memory, units, gpu,
            $"{kind}, {units} compute units, {language}, driver {driver}");
        return new OpenClDevice(platform, device, info, driver, platformVersion);
    }
}
