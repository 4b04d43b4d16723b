using System.Runtime.InteropServices;

namespace GpuAE.Compute.Cuda;

/// <summary>
/// NVRTC (CUDA's runtime compiler) bound as function pointers. Probed by versioned name, newest
/// first; $GPUAE_NVRTC names a library file to use instead. NVRTC needs no GPU or driver.
/// </summary>
internal sealed unsafe class NvrtcApi
{
    private static readonly Lazy<(NvrtcApi? Api, string? Note)> Shared = new(Load);

    public static NvrtcApi? TryGet(out string? note)
    {
        var (api, why) = Shared.Value;
        note = why;
        return api;
    }

    public static string[] LibraryNames()
    {
        var names = new List<string>();
        var fromEnvironment = Environment.GetEnvironmentVariable("GPUAE_NVRTC");
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) names.Add(fromEnvironment);
        if (OperatingSystem.IsWindows())
            names.AddRange(["nvrtc64_130_0.dll", "nvrtc64_120_0.dll", "nvrtc64_112_0.dll", "nvrtc64_111_0.dll"]);
        else
            names.AddRange(["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so"]);
        return names.ToArray();
    }

    private static (NvrtcApi?, string?) Load()
    {
        foreach (var name in LibraryNames())
        {
            if (!NativeLibrary.TryLoad(name, out var handle)) continue;
            try { return (new NvrtcApi(handle, name), null); }
            catch (EntryPointNotFoundException e) { return (null, $"{name} lacks NVRTC entry point {e.Message}"); }
        }
        return (null, $"NVRTC not found (tried {string.Join(", ", LibraryNames())}; set GPUAE_NVRTC to its path)");
    }

    private NvrtcApi(nint library, string name)
    {
        LibraryName = name;
        nint F(string export) => NativeLibrary.TryGetExport(library, export, out var p) ? p : throw new EntryPointNotFoundException(export);
        Version = (delegate* unmanaged<int*, int*, int>)F("nvrtcVersion");
        CreateProgram = (delegate* unmanaged<nint*, byte*, byte*, int, byte**, byte**, int>)F("nvrtcCreateProgram");
        CompileProgram = (delegate* unmanaged<nint, int, byte**, int>)F("nvrtcCompileProgram");
        GetProgramLogSize = (delegate* unmanaged<nint, nuint*, int>)F("nvrtcGetProgramLogSize");
        GetProgramLog = (delegate* unmanaged<nint, byte*, int>)F("nvrtcGetProgramLog");
        GetPtxSize = (delegate* unmanaged<nint, nuint*, int>)F("nvrtcGetPTXSize");
        GetPtx = (delegate* unmanaged<nint, byte*, int>)F("nvrtcGetPTX");
        DestroyProgram = (delegate* unmanaged<nint*, int>)F("nvrtcDestroyProgram");
        GetErrorString = (delegate* unmanaged<int, byte*>)F("nvrtcGetErrorString");
        if (NativeLibrary.TryGetExport(library, "nvrtcGetNumSupportedArchs", out var count)
            && NativeLibrary.TryGetExport(library, "nvrtcGetSupportedArchs", out var archs))
        {
            GetNumSupportedArchs = (delegate* unmanaged<int*, int>)count;
            GetSupportedArchs = (delegate* unmanaged<int*, int>)archs;
        }
    }

    public string LibraryName { get; }

    public readonly delegate* unmanaged<int*, int*, int> Version;
    public readonly delegate* unmanaged<nint*, byte*, byte*, int, byte**, byte**, int> CreateProgram;
    public readonly delegate* unmanaged<nint, int, byte**, int> CompileProgram;
    public readonly delegate* unmanaged<nint, nuint*, int> GetProgramLogSize;
    public readonly delegate* unmanaged<nint, byte*, int> GetProgramLog;
    public readonly delegate* unmanaged<nint, nuint*, int> GetPtxSize;
    public readonly delegate* unmanaged<nint, byte*, int> GetPtx;
    public readonly delegate* unmanaged<nint*, int> DestroyProgram;
    public readonly delegate* unmanaged<int, byte*> GetErrorString;
    /// <summary>NVRTC 11.2 and later; null before.</summary>
    public readonly delegate* unmanaged<int*, int> GetNumSupportedArchs;
    public readonly delegate* unmanaged<int*, int> GetSupportedArchs;

    public string ErrorName(int result) => Marshal.PtrToStringUTF8((nint)GetErrorString(result)) ?? $"NVRTC error {result}";
}
