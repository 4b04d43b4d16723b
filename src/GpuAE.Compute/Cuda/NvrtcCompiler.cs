using System.Text;
using GpuAE.Compute.Kernels;

namespace GpuAE.Compute.Cuda;

/// <summary>What NVRTC made of one kernel file: PTX when it compiled, and the compiler's log (warnings included).</summary>
public sealed record NvrtcResult(string File, string Architecture, bool Success, string Ptx, string Log, string Options);

/// <summary>
/// Compiles the kernel files (cuda_prelude.h + kernels/*.cl) to PTX with NVRTC for a virtual
/// architecture such as "compute_70". The CUDA accelerator builds through here, and so do the
/// tests that check every file compiles cleanly without a GPU.
/// </summary>
public static unsafe class NvrtcCompiler
{
    /// <summary>Whether NVRTC could be loaded; when not, `note` says why.</summary>
    public static bool IsAvailable(out string? note) => NvrtcApi.TryGet(out note) is not null;

    /// <summary>"11.8", say; throws ComputeException when NVRTC is missing.</summary>
    public static string Version
    {
        get
        {
            var api = Api();
            int major, minor;
            api.Version(&major, &minor);
            return $"{major}.{minor}";
        }
    }

    /// <summary>The virtual architectures this NVRTC can target, as numbers (70 for compute_70), ascending.</summary>
    public static IReadOnlyList<int> SupportedArchitectures()
    {
        var api = Api();
        if (api.GetNumSupportedArchs is null) return [];
        int count;
        if (api.GetNumSupportedArchs(&count) != 0 || count <= 0) return [];
        var archs = new int[count];
        fixed (int* a = archs) if (api.GetSupportedArchs(a) != 0) return [];
        Array.Sort(archs);
        return archs;
    }

    /// <summary>NVRTC's options for a file: the architecture, no FMA contraction (bit-exact noise), IEEE div/sqrt, tuning defines.</summary>
    public static string[] Options(string architecture, KernelTuning tuning) =>
    [
        $"--gpu-architecture={architecture}", "--fmad=false", "--prec-div=true", "--prec-sqrt=true", "--ftz=false",
        .. tuning.Defines.Split(' ', StringSplitOptions.RemoveEmptyEntries),
    ];

    /// <summary>Compiles one kernel file; never throws for compile errors (see Success and Log).</summary>
    public static NvrtcResult Compile(string file, string architecture, KernelTuning? tuning = null)
    {
        var api = Api();
        var options = Options(architecture, tuning ?? KernelTuning.Default);
        string source = KernelSource.ForCuda(file);
        nint program;
        var sourceBytes = Encoding.UTF8.GetBytes(source + "\0");
        var nameBytes = Encoding.UTF8.GetBytes(file + "\0");
        int result;
        fixed (byte* s = sourceBytes, n = nameBytes) result = api.CreateProgram(&program, s, n, 0, null, null);
        if (result != 0) throw new ComputeException($"kernels/{file}: nvrtcCreateProgram failed ({api.ErrorName(result)})");
        try
        {
            result = CompileWith(api, program, options);
            string log = Read(api, program, api.GetProgramLogSize, api.GetProgramLog);
            string ptx = result == 0 ? Read(api, program, api.GetPtxSize, api.GetPtx) : "";
            if (result != 0 && log.Length == 0) log = api.ErrorName(result);
            return new NvrtcResult(file, architecture, result == 0, ptx, log, string.Join(' ', options));
        }
        finally { api.DestroyProgram(&program); }
    }

    /// <summary>Every kernel file for one architecture.</summary>
    public static IReadOnlyList<NvrtcResult> CompileAll(string architecture, KernelTuning? tuning = null) =>
        KernelSource.Files.Select(f => Compile(f, architecture, tuning)).ToList();

    private static int CompileWith(NvrtcApi api, nint program, string[] options)
    {
        var encoded = options.Select(o => Encoding.UTF8.GetBytes(o + "\0")).ToArray();
        var handles = encoded.Select(e => System.Runtime.InteropServices.GCHandle.Alloc(e, System.Runtime.InteropServices.GCHandleType.Pinned)).ToArray();
        try
        {
            var pointers = stackalloc byte*[encoded.Length];
            for (int i = 0; i < encoded.Length; i++) pointers[i] = (byte*)handles[i].AddrOfPinnedObject();
            return api.CompileProgram(program, encoded.Length, pointers);
        }
        finally { foreach (var h in handles) h.Free(); }
    }

    private static string Read(NvrtcApi api, nint program, delegate* unmanaged<nint, nuint*, int> size, delegate* unmanaged<nint, byte*, int> read)
    {
        nuint length;
        if (size(program, &length) != 0 || length <= 1) return "";
        var bytes = new byte[(int)length];
        fixed (byte* b = bytes) read(program, b);
        return Encoding.UTF8.GetString(bytes).TrimEnd('\0').Trim();
    }

    private static NvrtcApi Api() => NvrtcApi.TryGet(out var note) ?? throw new ComputeException($"cuda: {note}");
}
