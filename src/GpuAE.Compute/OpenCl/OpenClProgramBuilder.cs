using System.Text;
using GpuAE.Compute.Kernels;

namespace GpuAE.Compute.OpenCl;

/// <summary>
/// Builds one kernel file for one device: from the disk cache's program binary when a verified
/// entry exists and the driver accepts it, else from source (and then stores the binary). A
/// source build that fails throws ComputeException with the file, the device and the build log.
/// </summary>
internal sealed unsafe class OpenClProgramBuilder(ClApi api, nint context, OpenClDevice device, KernelCache cache, string options)
{
    /// <summary>IEEE division and sqrt (MathF.Sqrt's), so noise matches the C# reference bit for bit.</summary>
    public const string BaseOptions = "-cl-std=CL1.2 -cl-fp32-correctly-rounded-divide-sqrt";

    public string Options { get; } = BaseOptions + " " + options;

    public string CacheKey(string source) =>
        KernelCache.Key("opencl", source, device.Info.Name, device.DriverVersion, device.PlatformVersion, Options);

    public nint Build(string file)
    {
        string source = KernelSource.ForOpenCl(file);
        string key = CacheKey(source);
        var binary = cache.TryRead(key);
        if (binary is not null)
        {
            nint cached = TryFromBinary(binary);
            if (cached != 0) return cached;
            cache.Remove(key); // verified bytes the driver rejects (e.g. a driver update): rebuild
        }
        nint program = FromSource(file, source);
        var built = Binary(program);
        if (built is not null) cache.Write(key, built);
        return program;
    }

    private nint TryFromBinary(byte[] binary)
    {
        nint dev = device.Device;
        nuint length = (nuint)binary.Length;
        int binaryStatus, status;
        nint program;
        fixed (byte* b = binary)
        {
            byte* pointer = b;
            program = api.CreateProgramWithBinary(context, 1, &dev, &length, &pointer, &binaryStatus, &status);
        }
        if (status != ClStatus.Success || binaryStatus != ClStatus.Success || program == 0) return 0;
        if (BuildProgram(program) == ClStatus.Success) return program;
        api.ReleaseProgram(program);
        return 0;
    }

    private nint FromSource(string file, string source)
    {
        var bytes = Encoding.UTF8.GetBytes(source);
        int status;
        nint program;
        fixed (byte* s = bytes)
        {
            byte* text = s;
            nuint length = (nuint)bytes.Length;
            program = api.CreateProgramWithSource(context, 1, &text, &length, &status);
        }
        if (status != ClStatus.Success)
            throw new ComputeException($"kernels/{file}: clCreateProgramWithSource failed on {device.Info.Name}: {ClStatus.Name(status)}");
        status = BuildProgram(program);
        if (status != ClStatus.Success)
        {
            string log = BuildLog(program);
            api.ReleaseProgram(program);
            throw new ComputeException($"kernels/{file} failed to build for {device.Info.Name} ({ClStatus.Name(status)}; options {Options}):\n{log}");
        }
        return program;
    }

    private int BuildProgram(nint program)
    {
        var options = Encoding.UTF8.GetBytes(Options + "\0");
        nint dev = device.Device;
        fixed (byte* o = options) return api.BuildProgram(program, 1, &dev, o, 0, 0);
    }

    public string BuildLog(nint program)
    {
        nuint size;
        if (api.GetProgramBuildInfo(program, device.Device, ClStatus.ProgramBuildLog, 0, null, &size) != ClStatus.Success || size == 0) return "(no build log)";
        var log = new byte[(int)size];
        fixed (byte* l = log) api.GetProgramBuildInfo(program, device.Device, ClStatus.ProgramBuildLog, size, l, null);
        return Encoding.UTF8.GetString(log).TrimEnd('\0').Trim();
    }

    /// <summary>The program's device binary (CL_PROGRAM_BINARIES), or null when the driver offers none.</summary>
    private byte[]? Binary(nint program)
    {
        nuint size;
        if (api.GetProgramInfo(program, ClStatus.ProgramBinarySizes, (nuint)sizeof(nuint), &size, null) != ClStatus.Success || size == 0) return null;
        var binary = new byte[(int)size];
        fixed (byte* b = binary)
        {
            byte* pointer = b;
            if (api.GetProgramInfo(program, ClStatus.ProgramBinaries, (nuint)sizeof(nint), &pointer, null) != ClStatus.Success) return null;
        }
        return binary;
    }
}
