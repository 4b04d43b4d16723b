using System.Reflection;
using System.Runtime.InteropServices;

namespace GpuAE.Compute.Ilgpu;

/// <summary>
/// Where ILGPU's native libraries are on this machine. ILGPU imports "cuda" and "OpenCL", which
/// .NET looks up as libcuda.so / libOpenCL.so, names that only development packages provide
/// (the driver installs libcuda.so.1, the ICD loader libOpenCL.so.1). ILGPU.Algorithms imports
/// cuBLAS as libcublas.so.12/.11/.10 (cublas64_12/11/10.dll), while CUDA 13 ships
/// libcublas.so.13; its v2 entry points are unchanged, so every cuBLAS name is served by the
/// newest library found, with libcublasLt (which it needs) loaded from the same folder first.
/// </summary>
public static class NativeLibraries
{
    private static int _registered;

    /// <summary>Installs the resolvers once per process (before ILGPU loads anything).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        NativeLibrary.SetDllImportResolver(typeof(ILGPU.Context).Assembly, ResolveIlgpu);
        NativeLibrary.SetDllImportResolver(typeof(ILGPU.Runtime.Cuda.CuBlas).Assembly, ResolveAlgorithms);
    }

    private static readonly string[] CudaNames = OperatingSystem.IsWindows() ? ["nvcuda.dll"] : ["libcuda.so.1", "libcuda.so"];
    private static readonly string[] OpenClNames = OperatingSystem.IsWindows() ? ["OpenCL.dll"] : ["libOpenCL.so.1", "libOpenCL.so"];

    /// <summary>cuBLAS names, newest first.</summary>
    public static readonly string[] CuBlasNames = OperatingSystem.IsWindows()
        ? ["cublas64_13.dll", "cublas64_12.dll", "cublas64_11.dll"]
        : ["libcublas.so.13", "libcublas.so.12", "libcublas.so.11"];

    private static IntPtr ResolveIlgpu(string name, Assembly assembly, DllImportSearchPath? path) =>
        name.Equals("cuda", StringComparison.OrdinalIgnoreCase) || name.Equals("nvcuda", StringComparison.OrdinalIgnoreCase) ? First(CudaNames)
        : name.Equals("OpenCL", StringComparison.OrdinalIgnoreCase) ? First(OpenClNames)
        : IntPtr.Zero;

    private static IntPtr ResolveAlgorithms(string name, Assembly assembly, DllImportSearchPath? path) =>
        name.Contains("cublas", StringComparison.OrdinalIgnoreCase) ? CuBlas.Value : IntPtr.Zero;

    private static readonly Lazy<IntPtr> CuBlas = new(LoadCuBlas);

    private static IntPtr LoadCuBlas()
    {
        foreach (var name in CuBlasNames)
        {
            PreloadLt(name);
            if (NativeLibrary.TryLoad(name, out var handle)) return handle;
        }
        return IntPtr.Zero;
    }

    /// <summary>Loads libcublasLt of the same version (libcublas links it by its soname).</summary>
    private static void PreloadLt(string cublasName)
    {
        string lt = cublasName.Replace("cublas", "cublasLt", StringComparison.Ordinal);
        NativeLibrary.TryLoad(lt, out _);
    }

    /// <summary>The name of the cuBLAS library that loads, or null.</summary>
    public static string? CuBlasLibrary => CuBlasNames.FirstOrDefault(n => NativeLibrary.TryLoad(n, out _));

    private static IntPtr First(string[] names)
    {
        foreach (var name in names)
            if (NativeLibrary.TryLoad(name, out var handle)) return handle;
        return IntPtr.Zero;
    }
}
