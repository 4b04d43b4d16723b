using System.Text;
using GpuAE.Compute.Kernels;

namespace GpuAE.Compute.Cuda;

/// <summary>
/// An NVIDIA GPU through the driver API: the device's primary context (made current on whichever
/// thread calls), the legacy default stream for every op (so transfers and kernels stay
/// ordered), kernel files compiled by NVRTC to PTX for the device's architecture on first use
/// (through the disk cache) and JIT-loaded with cuModuleLoadDataEx. Ops come from
/// <see cref="KernelAccelerator"/>; <see cref="Time"/> uses CUDA events.
/// </summary>
public sealed unsafe class CudaAccelerator : KernelAccelerator
{
    private readonly CudaApi _api;
    private readonly CudaDevice _device;
    private readonly KernelCache _cache;
    private readonly Dictionary<string, nint> _modules = new(StringComparer.Ordinal);
    private nint _context;
    private nint _startEvent, _endEvent;

    [ThreadStatic] private static nint _currentContext;

    internal CudaAccelerator(CudaApi api, CudaDevice device, KernelCache cache, KernelTuning? tuning = null)
        : base(device.Info, tuning)
    {
        _api = api;
        _device = device;
        _cache = cache;
        Architecture = PickArchitecture(device.ComputeCapability);
        nint context;
        Check(api.DevicePrimaryCtxRetain(&context, device.Ordinal), "cuDevicePrimaryCtxRetain");
        _context = context;
        MakeCurrent();
        nint start, end;
        Check(api.EventCreate(&start, 0), "cuEventCreate");
        Check(api.EventCreate(&end, 0), "cuEventCreate");
        _startEvent = start; _endEvent = end;
    }

    /// <summary>The virtual architecture kernels are compiled for, e.g. "compute_86".</summary>
    public string Architecture { get; }

    /// <summary>The newest architecture NVRTC supports that the device can run.</summary>
    private static string PickArchitecture(int computeCapability)
    {
        var supported = NvrtcCompiler.SupportedArchitectures();
        int best = supported.Where(a => a <= computeCapability).DefaultIfEmpty(computeCapability).Max();
        return $"compute_{best}";
    }

    private void MakeCurrent()
    {
        if (_currentContext == _context) return;
        Check(_api.CtxSetCurrent(_context), "cuCtxSetCurrent");
        _currentContext = _context;
    }

    /// <summary>Builds every kernel file now (normally each is built on first use); throws on a build failure.</summary>
    public void BuildAll()
    {
        foreach (var file in KernelSource.Files) Module(file);
    }

    private nint Module(string file)
    {
        if (_modules.TryGetValue(file, out var module)) return module;
        MakeCurrent();
        var options = NvrtcCompiler.Options(Architecture, Tuning);
        string key = KernelCache.Key("cuda", KernelSource.ForCuda(file), Name, _device.DriverVersion.ToString(), NvrtcCompiler.Version, string.Join(' ', options));
        var cached = _cache.TryRead(key);
        if (cached is not null)
        {
            module = TryLoad(cached);
            if (module == 0) _cache.Remove(key);
        }
        if (module == 0)
        {
            var result = NvrtcCompiler.Compile(file, Architecture, Tuning);
            if (!result.Success)
                throw new ComputeException($"kernels/{file} failed to compile for {Name} ({Architecture}; options {result.Options}):\n{result.Log}");
            var ptx = Encoding.UTF8.GetBytes(result.Ptx);
            module = TryLoad(ptx, out int status);
            if (module == 0)
                throw new ComputeException($"kernels/{file}: the driver of {Name} rejected NVRTC {NvrtcCompiler.Version}'s PTX for {Architecture} ({_api.ErrorName(status)}; a driver older than NVRTC cannot load its PTX)");
            _cache.Write(key, ptx);
        }
        _modules[file] = module;
        return module;
    }

    private nint TryLoad(byte[] ptx) => TryLoad(ptx, out _);

    private nint TryLoad(byte[] ptx, out int status)
    {
        var text = new byte[ptx.Length + 1]; // PTX is loaded as a NUL-terminated string
        ptx.CopyTo(text, 0);
        nint module;
        fixed (byte* p = text) status = _api.ModuleLoadDataEx(&module, p, 0, null, null);
        return status == CudaApi.Success ? module : 0;
    }

    protected override nint LoadKernel(string file, string entry)
    {
        nint module = Module(file);
        var name = Encoding.ASCII.GetBytes(entry + "\0");
        nint function;
        int status;
        fixed (byte* n = name) status = _api.ModuleGetFunction(&function, module, n);
        if (status != CudaApi.Success) throw new ComputeException($"kernels/{file}: no kernel '{entry}' on {Name} ({_api.ErrorName(status)})");
        return function;
    }

    protected override DeviceBuffer AllocateCore(int length)
    {
        MakeCurrent();
        ulong pointer;
        long bytes = (long)length * sizeof(float);
        int status = _api.MemAlloc(&pointer, (nuint)bytes);
        if (status != CudaApi.Success)
            throw new ComputeException($"Allocate {length} floats ({bytes >> 20} MiB) on {Name}: {(status == CudaApi.OutOfMemory ? "out of device memory" : "failed")} ({_api.ErrorName(status)}; {AllocatedBytes >> 20} MiB already allocated)");
        return new CudaBuffer(this, pointer, length);
    }

    internal void ReleaseBuffer(CudaBuffer buffer, ulong pointer)
    {
        if (pointer == 0 || _context == 0) return;
        MakeCurrent();
        _api.MemFree(pointer);
    }

    private static ulong Pointer(DeviceBuffer buffer) => ((CudaBuffer)buffer).Pointer;

    protected override void UploadCore(ReadOnlySpan<float> source, DeviceBuffer destination, int offset)
    {
        CheckTransfer(destination, offset, source.Length, nameof(Upload));
        if (source.Length == 0) return;
        MakeCurrent();
        BeginTransfer(nameof(Upload), source.Length);
        fixed (float* s = source)
            Check(_api.MemcpyHtoD(Pointer(destination) + (ulong)offset * sizeof(float), s, (nuint)source.Length * sizeof(float)), "cuMemcpyHtoD");
    }

    protected override void DownloadCore(DeviceBuffer source, Span<float> destination, int offset)
    {
        CheckTransfer(source, offset, destination.Length, nameof(Download));
        if (destination.Length == 0) return;
        MakeCurrent();
        BeginTransfer(nameof(Download), destination.Length);
        fixed (float* d = destination)
            Check(_api.MemcpyDtoH(d, Pointer(source) + (ulong)offset * sizeof(float), (nuint)destination.Length * sizeof(float)), "cuMemcpyDtoH");
    }

    private void CheckTransfer(DeviceBuffer buffer, int offset, int count, string op)
    {
        if (buffer.Accelerator != this) throw new ArgumentException($"{op}: the buffer belongs to {buffer.Accelerator}, not {this}");
        if (buffer.IsDisposed) throw new ObjectDisposedException(nameof(buffer), $"{op}: the buffer was disposed");
        if (offset < 0 || (long)offset + count > buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(offset), $"{op}: {count} floats at offset {offset} do not fit a buffer of {buffer.Length}");
    }

    protected override void SynchronizeCore()
    {
        MakeCurrent();
        Check(_api.CtxSynchronize(), "cuCtxSynchronize");
    }

    protected override void Launch(nint kernel, int globalX, int globalY, int localX, int localY, ReadOnlySpan<KernelArg> args)
    {
        MakeCurrent();
        ulong* values = stackalloc ulong[args.Length];
        void** pointers = stackalloc void*[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            values[i] = args[i].Buffer is { } buffer ? Pointer(buffer) : (uint)args[i].Bits;
            pointers[i] = &values[i];
        }
        Check(_api.LaunchKernel(kernel, (uint)(globalX / localX), (uint)(globalY / localY), 1, (uint)localX, (uint)localY, 1, 0, 0, pointers, null), "cuLaunchKernel");
    }

    /// <summary>Device milliseconds between CUDA events recorded before and after the work.</summary>
    protected override double TimeCore(Action work)
    {
        MakeCurrent();
        Check(_api.EventRecord(_startEvent, 0), "cuEventRecord");
        work();
        MakeCurrent();
        Check(_api.EventRecord(_endEvent, 0), "cuEventRecord");
        Check(_api.EventSynchronize(_endEvent), "cuEventSynchronize");
        float milliseconds;
        Check(_api.EventElapsedTime(&milliseconds, _startEvent, _endEvent), "cuEventElapsedTime");
        return milliseconds;
    }

    /// <summary>Throws ComputeException naming the op, its sizes and the device for a failed driver call.</summary>
    private void Check(int status, string call)
    {
        if (status == CudaApi.Success) return;
        string what = status == CudaApi.OutOfMemory ? "out of device memory"
            : CudaApi.IsDeviceLost(status) ? "failed and left the device unusable (restart the process)"
            : "failed";
        throw new ComputeException($"{CurrentOperation}: {call} {what} ({_api.ErrorName(status)})");
    }

    public override void Dispose()
    {
        if (_context == 0) return;
        MakeCurrent();
        ReleaseConvScratch();
        _api.CtxSynchronize();
        foreach (var module in _modules.Values) _api.ModuleUnload(module);
        _modules.Clear();
        if (_startEvent != 0) _api.EventDestroy(_startEvent);
        if (_endEvent != 0) _api.EventDestroy(_endEvent);
        _api.DevicePrimaryCtxRelease(_device.Ordinal);
        if (_currentContext == _context) _currentContext = 0;
        _context = 0;
        base.Dispose();
    }
}
