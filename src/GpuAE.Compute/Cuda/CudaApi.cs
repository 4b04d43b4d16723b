using System.Runtime.InteropServices;

namespace GpuAE.Compute.Cuda;

/// <summary>
/// The CUDA driver API entry points GpuAE uses (the _v2 exports where CUDA has them), bound as
/// function pointers from libcuda.so.1 / nvcuda.dll. The driver ships with the GPU driver, not
/// the toolkit: a machine without an NVIDIA GPU has none, which is reported, not thrown.
/// </summary>
internal sealed unsafe class CudaApi
{
    private static readonly Lazy<(CudaApi? Api, string? Note)> Shared = new(Load);

    public static CudaApi? TryGet(out string? note)
    {
        var (api, why) = Shared.Value;
        note = why;
        return api;
    }

    public static string[] LibraryNames() => OperatingSystem.IsWindows() ? ["nvcuda.dll"] : ["libcuda.so.1", "libcuda.so"];

    private static (CudaApi?, string?) Load()
    {
        foreach (var name in LibraryNames())
        {
            if (!NativeLibrary.TryLoad(name, out var handle)) continue;
            try { return (new CudaApi(handle), null); }
            catch (EntryPointNotFoundException e) { return (null, $"CUDA driver {name} lacks {e.Message} (driver too old)"); }
        }
        return (null, $"CUDA driver ({LibraryNames()[0]}) not found");
    }

    private CudaApi(nint library)
    {
        nint F(string name) => NativeLibrary.TryGetExport(library, name, out var p) ? p : throw new EntryPointNotFoundException(name);
        Init = (delegate* unmanaged<uint, int>)F("cuInit");
        DriverGetVersion = (delegate* unmanaged<int*, int>)F("cuDriverGetVersion");
        DeviceGetCount = (delegate* unmanaged<int*, int>)F("cuDeviceGetCount");
        DeviceGet = (delegate* unmanaged<int*, int, int>)F("cuDeviceGet");
        DeviceGetName = (delegate* unmanaged<byte*, int, int, int>)F("cuDeviceGetName");
        DeviceTotalMem = (delegate* unmanaged<nuint*, int, int>)F("cuDeviceTotalMem_v2");
        DeviceGetAttribute = (delegate* unmanaged<int*, int, int, int>)F("cuDeviceGetAttribute");
        DevicePrimaryCtxRetain = (delegate* unmanaged<nint*, int, int>)F("cuDevicePrimaryCtxRetain");
        DevicePrimaryCtxRelease = (delegate* unmanaged<int, int>)(NativeLibrary.TryGetExport(library, "cuDevicePrimaryCtxRelease_v2", out var r) ? r : F("cuDevicePrimaryCtxRelease"));
        CtxSetCurrent = (delegate* unmanaged<nint, int>)F("cuCtxSetCurrent");
        CtxSynchronize = (delegate* unmanaged<int>)F("cuCtxSynchronize");
        ModuleLoadDataEx = (delegate* unmanaged<nint*, void*, uint, int*, void**, int>)F("cuModuleLoadDataEx");
        ModuleGetFunction = (delegate* unmanaged<nint*, nint, byte*, int>)F("cuModuleGetFunction");
        ModuleUnload = (delegate* unmanaged<nint, int>)F("cuModuleUnload");
        MemAlloc = (delegate* unmanaged<ulong*, nuint, int>)F("cuMemAlloc_v2");
        MemFree = (delegate* unmanaged<ulong, int>)F("cuMemFree_v2");
        MemcpyHtoD = (delegate* unmanaged<ulong, void*, nuint, int>)F("cuMemcpyHtoD_v2");
        MemcpyDtoH = (delegate* unmanaged<void*, ulong, nuint, int>)F("cuMemcpyDtoH_v2");
        LaunchKernel = (delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, void**, void**, int>)F("cuLaunchKernel");
        EventCreate = (delegate* unmanaged<nint*, uint, int>)F("cuEventCreate");
        EventRecord = (delegate* unmanaged<nint, nint, int>)F("cuEventRecord");
        EventSynchronize = (delegate* unmanaged<nint, int>)F("cuEventSynchronize");
        EventElapsedTime = (delegate* unmanaged<float*, nint, nint, int>)F("cuEventElapsedTime");
        EventDestroy = (delegate* unmanaged<nint, int>)F("cuEventDestroy_v2");
        GetErrorName = (delegate* unmanaged<int, byte**, int>)F("cuGetErrorName");
    }

    public readonly delegate* unmanaged<uint, int> Init;
    public readonly delegate* unmanaged<int*, int> DriverGetVersion;
    public readonly delegate* unmanaged<int*, int> DeviceGetCount;
    public readonly delegate* unmanaged<int*, int, int> DeviceGet;
    public readonly delegate* unmanaged<byte*, int, int, int> DeviceGetName;
    public readonly delegate* unmanaged<nuint*, int, int> DeviceTotalMem;
    public readonly delegate* unmanaged<int*, int, int, int> DeviceGetAttribute;
    public readonly delegate* unmanaged<nint*, int, int> DevicePrimaryCtxRetain;
    public readonly delegate* unmanaged<int, int> DevicePrimaryCtxRelease;
    public readonly delegate* unmanaged<nint, int> CtxSetCurrent;
    public readonly delegate* unmanaged<int> CtxSynchronize;
    public readonly delegate* unmanaged<nint*, void*, uint, int*, void**, int> ModuleLoadDataEx;
    public readonly delegate* unmanaged<nint*, nint, byte*, int> ModuleGetFunction;
    public readonly delegate* unmanaged<nint, int> ModuleUnload;
    public readonly delegate* unmanaged<ulong*, nuint, int> MemAlloc;
    public readonly delegate* unmanaged<ulong, int> MemFree;
    public readonly delegate* unmanaged<ulong, void*, nuint, int> MemcpyHtoD;
    public readonly delegate* unmanaged<void*, ulong, nuint, int> MemcpyDtoH;
    public readonly delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, void**, void**, int> LaunchKernel;
    public readonly delegate* unmanaged<nint*, uint, int> EventCreate;
    public readonly delegate* unmanaged<nint, nint, int> EventRecord;
    public readonly delegate* unmanaged<nint, int> EventSynchronize;
    public readonly delegate* unmanaged<float*, nint, nint, int> EventElapsedTime;
    public readonly delegate* unmanaged<nint, int> EventDestroy;
    public readonly delegate* unmanaged<int, byte**, int> GetErrorName;

    public const int Success = 0, OutOfMemory = 2, NoDevice = 100;
    public const int AttributeMultiprocessorCount = 16, AttributeComputeCapabilityMajor = 75, AttributeComputeCapabilityMinor = 76;

    /// <summary>Errors after which the context is dead: illegal address, launch failure, ECC, device unavailable or lost.</summary>
    public static bool IsDeviceLost(int result) => result is 46 or 214 or 700 or 702 or 714 or 715 or 716 or 717 or 718 or 719 or 999;

    public string ErrorName(int result)
    {
        byte* name = null;
        return GetErrorName(result, &name) == Success && name != null ? Marshal.PtrToStringUTF8((nint)name) ?? $"CUDA error {result}" : $"CUDA error {result}";
    }

    public int Attribute(int device, int attribute)
    {
        int value = 0;
        DeviceGetAttribute(&value, attribute, device);
        return value;
    }
}
