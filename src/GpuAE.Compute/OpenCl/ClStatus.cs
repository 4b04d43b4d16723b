namespace GpuAE.Compute.OpenCl;

/// <summary>OpenCL constants and status codes (cl.h), with readable names for error messages.</summary>
internal static class ClStatus
{
    public const int Success = 0;
    public const int MemObjectAllocationFailure = -4;
    public const int OutOfResources = -5;
    public const int OutOfHostMemory = -6;
    public const int BuildProgramFailure = -11;
    public const int InvalidBufferSize = -61;

    public const uint PlatformVersion = 0x0901, PlatformName = 0x0902, PlatformVendor = 0x0903;
    public const ulong DeviceTypeAll = 0xFFFFFFFF, DeviceTypeCpu = 1 << 1, DeviceTypeGpu = 1 << 2;
    public const uint DeviceType = 0x1000, DeviceMaxComputeUnits = 0x1002, DeviceMaxWorkGroupSize = 0x1004,
        DeviceMaxMemAllocSize = 0x1010, DeviceGlobalMemSize = 0x101F, DeviceLocalMemSize = 0x1023,
        DeviceName = 0x102B, DeviceVendor = 0x102C, DriverVersion = 0x102D, DeviceVersion = 0x102F,
        DeviceOpenClCVersion = 0x103D;
    public const ulong QueueProfilingEnable = 1 << 1;
    public const ulong MemReadWrite = 1 << 0;
    public const uint ProgramBinarySizes = 0x1165, ProgramBinaries = 0x1166, ProgramBuildLog = 0x1183;
    public const uint ProfilingCommandStart = 0x1282, ProfilingCommandEnd = 0x1283;

    /// <summary>True for the codes a device returns when its memory is exhausted.</summary>
    public static bool IsOutOfMemory(int status) =>
        status is MemObjectAllocationFailure or OutOfResources or OutOfHostMemory or InvalidBufferSize;

    public static string Name(int status) => status switch
    {
        0 => "CL_SUCCESS",
        -1 => "CL_DEVICE_NOT_FOUND",
        -2 => "CL_DEVICE_NOT_AVAILABLE",
        -3 => "CL_COMPILER_NOT_AVAILABLE",
        -4 => "CL_MEM_OBJECT_ALLOCATION_FAILURE",
        -5 => "CL_OUT_OF_RESOURCES",
        -6 => "CL_OUT_OF_HOST_MEMORY",
        -7 => "CL_PROFILING_INFO_NOT_AVAILABLE",
        -11 => "CL_BUILD_PROGRAM_FAILURE",
        -14 => "CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST",
        -30 => "CL_INVALID_VALUE",
        -33 => "CL_INVALID_DEVICE",
        -34 => "CL_INVALID_CONTEXT",
        -36 => "CL_INVALID_COMMAND_QUEUE",
        -38 => "CL_INVALID_MEM_OBJECT",
        -42 => "CL_INVALID_BINARY",
        -43 => "CL_INVALID_BUILD_OPTIONS",
        -44 => "CL_INVALID_PROGRAM",
        -45 => "CL_INVALID_PROGRAM_EXECUTABLE",
        -46 => "CL_INVALID_KERNEL_NAME",
        -48 => "CL_INVALID_KERNEL",
        -49 => "CL_INVALID_ARG_INDEX",
        -50 => "CL_INVALID_ARG_VALUE",
        -51 => "CL_INVALID_ARG_SIZE",
        -52 => "CL_INVALID_KERNEL_ARGS",
        -54 => "CL_INVALID_WORK_GROUP_SIZE",
        -55 => "CL_INVALID_WORK_ITEM_SIZE",
        -61 => "CL_INVALID_BUFFER_SIZE",
        -1001 => "CL_PLATFORM_NOT_FOUND_KHR",
        _ => $"OpenCL error {status}",
    };
}
