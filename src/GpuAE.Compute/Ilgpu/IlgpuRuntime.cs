using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace GpuAE.Compute.Ilgpu;

/// <summary>
/// The one ILGPU context of the process (kernels compile once per context and are shared by
/// every accelerator opened on it) and the devices it found: CUDA GPUs, OpenCL devices ILGPU
/// accepts (it needs the generic address space: OpenCL 2.0+ drivers of AMD and Intel), and
/// ILGPU's CPU accelerator as a warp-32 GPU (groups up to 1024 items) that runs the very
/// kernels GPUs run.
/// </summary>
internal static class IlgpuRuntime
{
    private static readonly Lazy<Context> SharedContext = new(Create);

    public static Context Context => SharedContext.Value;

    private static Context Create()
    {
        NativeLibraries.Register();
        return Context.Create(builder => builder
            .Cuda()
            .OpenCL()
            .CPU(CPUDevice.Nvidia)
            .Profiling()
            // ILGPU.Algorithms supplies exp and log for the PTX and OpenCL backends (MathF.Exp has no intrinsic of its own there).
            .EnableAlgorithms()
            .Optimize(OptimizationLevel.O2));
    }

    /// <summary>The ILGPU devices of one kind, in ILGPU's order (that order gives cuda:N and opencl:N).</summary>
    public static IReadOnlyList<Device> Devices(AcceleratorType type)
    {
        var found = new List<Device>();
        switch (type)
        {
            case AcceleratorType.Cuda: foreach (var d in Context.GetCudaDevices()) found.Add(d); break;
            case AcceleratorType.OpenCl: foreach (var d in Context.GetCLDevices()) found.Add(d); break;
            case AcceleratorType.IlgpuCpu: foreach (var d in Context.GetCPUDevices()) found.Add(d); break;
        }
        return found;
    }

    public static DeviceInfo Describe(AcceleratorType type, int index, Device device)
    {
        string details = device switch
        {
            CudaDevice cuda => $"GPU, {cuda.Architecture}, PTX ISA {cuda.InstructionSet}, driver {cuda.DriverVersion}; GEMM: {CudaGemmNote()}",
            CLDevice cl => $"{cl.DeviceType}, {cl.PlatformName}, OpenCL C {cl.CVersion}",
            _ => $"ILGPU CPU accelerator: warp {device.WarpSize}, groups up to {device.MaxNumThreadsPerGroup} (runs the GPU kernels, slowly: a verifier and debugger)",
        };
        string runtime = type switch { AcceleratorType.Cuda => "ilgpu cuda", AcceleratorType.OpenCl => "ilgpu opencl", _ => "ilgpu cpu" };
        bool gpu = device is CudaDevice || device is CLDevice { DeviceType: CLDeviceType.CL_DEVICE_TYPE_GPU };
        long memory = device is CPUDevice ? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes : device.MemorySize;
        return new DeviceInfo(type, index, device.Name.Trim(), runtime, memory, device.NumMultiprocessors, gpu, details);
    }

    private static string CudaGemmNote() =>
        NativeLibraries.CuBlasLibrary is string lib ? $"cuBLAS ({lib})" : $"ILGPU kernels (no cuBLAS: none of {string.Join(", ", NativeLibraries.CuBlasNames)} found)";

    /// <summary>Why a runtime found nothing, or which of its devices ILGPU refused.</summary>
    public static IEnumerable<string> Notes(AcceleratorType type)
    {
        if (type == AcceleratorType.Cuda && Devices(type).Count == 0)
            yield return NativeLibrary.TryLoad(OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1", out _)
                ? "CUDA driver found, but no CUDA device"
                : $"CUDA driver ({(OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1")}) not found";
        if (type != AcceleratorType.OpenCl) yield break;
        _ = Context; // registers the resolvers
        var refused = CLDevice.GetDevices(d => !d.Capabilities.GenericAddressSpace);
        foreach (var device in refused)
            yield return $"{device.Name.Trim()} refused by ILGPU: the device lacks the generic address space (OpenCL 2.0 feature) ILGPU's kernels need";
        if (Devices(type).Count == 0 && refused.Length == 0)
            yield return NativeLibrary.TryLoad(OperatingSystem.IsWindows() ? "OpenCL.dll" : "libOpenCL.so.1", out _)
                ? "no OpenCL platform with a device"
                : $"no OpenCL ICD loader ({(OperatingSystem.IsWindows() ? "OpenCL.dll" : "libOpenCL.so.1")}) found";
    }
}
