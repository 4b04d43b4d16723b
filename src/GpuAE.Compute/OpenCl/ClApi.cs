using System.Runtime.InteropServices;

namespace GpuAE.Compute.OpenCl;

/// <summary>
/// The OpenCL 1.2 entry points GpuAE uses, bound as function pointers from the ICD loader
/// (libOpenCL.so.1 / OpenCL.dll), which is loaded by its versioned name: a plain "OpenCL" does
/// not resolve on Linux, where only the runtime package's versioned file exists.
/// </summary>
internal sealed unsafe class ClApi
{
    private static readonly Lazy<(ClApi? Api, string? Note)> Shared = new(Load);

    public static ClApi? TryGet(out string? note)
    {
        var (api, why) = Shared.Value;
        note = why;
        return api;
    }

    private static string[] LibraryNames() =>
        OperatingSystem.IsWindows() ? ["OpenCL.dll"]
        : OperatingSystem.IsMacOS() ? ["/System/Library/Frameworks/OpenCL.framework/OpenCL"]
        : ["libOpenCL.so.1", "libOpenCL.so"];

    private static (ClApi?, string?) Load()
    {
        foreach (var name in LibraryNames())
        {
            if (!NativeLibrary.TryLoad(name, out var handle)) continue;
            try { return (new ClApi(handle), null); }
            catch (EntryPointNotFoundException e) { return (null, $"{name} lacks OpenCL 1.2 entry point {e.Message}"); }
        }
        return (null, $"OpenCL runtime not installed ({LibraryNames()[0]} not found)");
    }

    private ClApi(nint library)
    {
        nint F(string name) => NativeLibrary.TryGetExport(library, name, out var p) ? p : throw new EntryPointNotFoundException(name);
        GetPlatformIDs = (delegate* unmanaged<uint, nint*, uint*, int>)F("clGetPlatformIDs");
        GetPlatformInfo = (delegate* unmanaged<nint, uint, nuint, void*, nuint*, int>)F("clGetPlatformInfo");
        GetDeviceIDs = (delegate* unmanaged<nint, ulong, uint, nint*, uint*, int>)F("clGetDeviceIDs");
        GetDeviceInfo = (delegate* unmanaged<nint, uint, nuint, void*, nuint*, int>)F("clGetDeviceInfo");
        CreateContext = (delegate* unmanaged<nint*, uint, nint*, nint, nint, int*, nint>)F("clCreateContext");
        CreateCommandQueue = (delegate* unmanaged<nint, nint, ulong, int*, nint>)F("clCreateCommandQueue");
        CreateProgramWithSource = (delegate* unmanaged<nint, uint, byte**, nuint*, int*, nint>)F("clCreateProgramWithSource");
        CreateProgramWithBinary = (delegate* unmanaged<nint, uint, nint*, nuint*, byte**, int*, int*, nint>)F("clCreateProgramWithBinary");
        BuildProgram = (delegate* unmanaged<nint, uint, nint*, byte*, nint, nint, int>)F("clBuildProgram");
        GetProgramBuildInfo = (delegate* unmanaged<nint, nint, uint, nuint, void*, nuint*, int>)F("clGetProgramBuildInfo");
        GetProgramInfo = (delegate* unmanaged<nint, uint, nuint, void*, nuint*, int>)F("clGetProgramInfo");
        CreateKernel = (delegate* unmanaged<nint, byte*, int*, nint>)F("clCreateKernel");
        SetKernelArg = (delegate* unmanaged<nint, uint, nuint, void*, int>)F("clSetKernelArg");
        EnqueueNDRangeKernel = (delegate* unmanaged<nint, nint, uint, nuint*, nuint*, nuint*, uint, nint*, nint*, int>)F("clEnqueueNDRangeKernel");
        EnqueueWriteBuffer = (delegate* unmanaged<nint, nint, uint, nuint, nuint, void*, uint, nint*, nint*, int>)F("clEnqueueWriteBuffer");
        EnqueueReadBuffer = (delegate* unmanaged<nint, nint, uint, nuint, nuint, void*, uint, nint*, nint*, int>)F("clEnqueueReadBuffer");
        CreateBuffer = (delegate* unmanaged<nint, ulong, nuint, void*, int*, nint>)F("clCreateBuffer");
        Finish = (delegate* unmanaged<nint, int>)F("clFinish");
        GetEventProfilingInfo = (delegate* unmanaged<nint, uint, nuint, void*, nuint*, int>)F("clGetEventProfilingInfo");
        ReleaseMemObject = (delegate* unmanaged<nint, int>)F("clReleaseMemObject");
        ReleaseKernel = (delegate* unmanaged<nint, int>)F("clReleaseKernel");
        ReleaseProgram = (delegate* unmanaged<nint, int>)F("clReleaseProgram");
        ReleaseCommandQueue = (delegate* unmanaged<nint, int>)F("clReleaseCommandQueue");
        ReleaseContext = (delegate* unmanaged<nint, int>)F("clReleaseContext");
        ReleaseEvent = (delegate* unmanaged<nint, int>)F("clReleaseEvent");
    }

    public readonly delegate* unmanaged<uint, nint*, uint*, int> GetPlatformIDs;
    public readonly delegate* unmanaged<nint, uint, nuint, void*, nuint*, int> GetPlatformInfo;
    public readonly delegate* unmanaged<nint, ulong, uint, nint*, uint*, int> GetDeviceIDs;
    public readonly delegate* unmanaged<nint, uint, nuint, void*, nuint*, int> GetDeviceInfo;
    public readonly delegate* unmanaged<nint*, uint, nint*, nint, nint, int*, nint> CreateContext;
    public readonly delegate* unmanaged<nint, nint, ulong, int*, nint> CreateCommandQueue;
    public readonly delegate* unmanaged<nint, uint, byte**, nuint*, int*, nint> CreateProgramWithSource;
    public readonly delegate* unmanaged<nint, uint, nint*, nuint*, byte**, int*, int*, nint> CreateProgramWithBinary;
    public readonly delegate* unmanaged<nint, uint, nint*, byte*, nint, nint, int> BuildProgram;
    public readonly delegate* unmanaged<nint, nint, uint, nuint, void*, nuint*, int> GetProgramBuildInfo;
    public readonly delegate* unmanaged<nint, uint, nuint, void*, nuint*, int> GetProgramInfo;
    public readonly delegate* unmanaged<nint, byte*, int*, nint> CreateKernel;
    public readonly delegate* unmanaged<nint, uint, nuint, void*, int> SetKernelArg;
    public readonly delegate* unmanaged<nint, nint, uint, nuint*, nuint*, nuint*, uint, nint*, nint*, int> EnqueueNDRangeKernel;
    public readonly delegate* unmanaged<nint, nint, uint, nuint, nuint, void*, uint, nint*, nint*, int> EnqueueWriteBuffer;
    public readonly delegate* unmanaged<nint, nint, uint, nuint, nuint, void*, uint, nint*, nint*, int> EnqueueReadBuffer;
    public readonly delegate* unmanaged<nint, ulong, nuint, void*, int*, nint> CreateBuffer;
    public readonly delegate* unmanaged<nint, int> Finish;
    public readonly delegate* unmanaged<nint, uint, nuint, void*, nuint*, int> GetEventProfilingInfo;
    public readonly delegate* unmanaged<nint, int> ReleaseMemObject;
    public readonly delegate* unmanaged<nint, int> ReleaseKernel;
    public readonly delegate* unmanaged<nint, int> ReleaseProgram;
    public readonly delegate* unmanaged<nint, int> ReleaseCommandQueue;
    public readonly delegate* unmanaged<nint, int> ReleaseContext;
    public readonly delegate* unmanaged<nint, int> ReleaseEvent;

    // ---- Typed queries -----------------------------------------------------------------------

    public string PlatformString(nint platform, uint param)
    {
        nuint size;
        if (GetPlatformInfo(platform, param, 0, null, &size) != 0 || size == 0) return "";
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes) if (GetPlatformInfo(platform, param, size, p, null) != 0) return "";
        return DecodeString(bytes);
    }

    public string DeviceString(nint device, uint param)
    {
        nuint size;
        if (GetDeviceInfo(device, param, 0, null, &size) != 0 || size == 0) return "";
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes) if (GetDeviceInfo(device, param, size, p, null) != 0) return "";
        return DecodeString(bytes);
    }

    public T DeviceValue<T>(nint device, uint param) where T : unmanaged
    {
        T value = default;
        GetDeviceInfo(device, param, (nuint)sizeof(T), &value, null);
        return value;
    }

    private static string DecodeString(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes).TrimEnd('\0').Trim();
}
