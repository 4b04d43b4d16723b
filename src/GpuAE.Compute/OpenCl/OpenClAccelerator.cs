using System.Text;
using GpuAE.Compute.Kernels;

namespace GpuAE.Compute.OpenCl;

/// <summary>
/// An OpenCL device: one context, one in-order profiling queue, kernel files built once per
/// accelerator on first use (through the disk cache). Ops come from <see cref="KernelAccelerator"/>.
/// </summary>
public sealed unsafe class OpenClAccelerator : KernelAccelerator
{
    private readonly ClApi _api;
    private readonly OpenClDevice _device;
    private readonly OpenClProgramBuilder _builder;
    private readonly Dictionary<string, nint> _programs = new(StringComparer.Ordinal);
    private readonly List<nint> _kernelHandles = new();
    private readonly long _maxAllocation;
    private nint _context, _queue;

    // Event timing (Time): the first and the last kernel event of the timed work.
    private bool _timing;
    private nint _firstEvent, _lastEvent;

    /// <param name="extraBuildOptions">Appended to the build options (tests use it to force a failing build).</param>
    internal OpenClAccelerator(ClApi api, OpenClDevice device, KernelCache cache, KernelTuning? tuning = null, string? extraBuildOptions = null)
        : base(device.Info, tuning ?? TuningFor(api, device))
    {
        _api = api;
        _device = device;
        _maxAllocation = (long)api.DeviceValue<ulong>(device.Device, ClStatus.DeviceMaxMemAllocSize);
        int status;
        nint dev = device.Device;
        _context = api.CreateContext(null, 1, &dev, 0, 0, &status);
        Check(status, "clCreateContext");
        _queue = api.CreateCommandQueue(_context, dev, ClStatus.QueueProfilingEnable, &status);
        Check(status, "clCreateCommandQueue");
        _builder = new OpenClProgramBuilder(api, _context, device, cache, (Tuning.Defines + " " + extraBuildOptions).Trim());
    }

    private static KernelTuning TuningFor(ClApi api, OpenClDevice device)
    {
        long maxGroup = (long)api.DeviceValue<nuint>(device.Device, ClStatus.DeviceMaxWorkGroupSize);
        return !device.Info.IsGpu && maxGroup >= 256 ? KernelTuning.CpuDevice : KernelTuning.ForMaxGroupSize(maxGroup);
    }

    /// <summary>The options kernel files are built with (for reports and the cache key).</summary>
    public string BuildOptions => _builder.Options;

    /// <summary>Builds every kernel file now (normally each is built on first use); throws on a build failure.</summary>
    public void BuildAll()
    {
        foreach (var file in KernelSource.Files) Program(file);
    }

    private nint Program(string file)
    {
        if (!_programs.TryGetValue(file, out var program))
        {
            program = _builder.Build(file);
            _programs[file] = program;
        }
        return program;
    }

    protected override nint LoadKernel(string file, string entry)
    {
        nint program = Program(file);
        int status;
        var name = Encoding.ASCII.GetBytes(entry + "\0");
        nint kernel;
        fixed (byte* n = name) kernel = _api.CreateKernel(program, n, &status);
        if (status != ClStatus.Success)
            throw new ComputeException($"kernels/{file}: no kernel '{entry}' on {Name} ({ClStatus.Name(status)})");
        _kernelHandles.Add(kernel);
        return kernel;
    }

    protected override DeviceBuffer AllocateCore(int length)
    {
        long bytes = (long)length * sizeof(float);
        if (_maxAllocation > 0 && bytes > _maxAllocation)
            throw new ComputeException($"Allocate {length} floats ({bytes >> 20} MiB) on {Name}: over the device's largest allocation ({_maxAllocation >> 20} MiB)");
        int status;
        nint memory = _api.CreateBuffer(_context, ClStatus.MemReadWrite, (nuint)bytes, null, &status);
        if (status != ClStatus.Success)
            throw new ComputeException($"Allocate {length} floats ({bytes >> 20} MiB) on {Name}: {(ClStatus.IsOutOfMemory(status) ? "out of device memory" : "failed")} ({ClStatus.Name(status)}; {AllocatedBytes >> 20} MiB already allocated)");
        return new OpenClBuffer(this, memory, length);
    }

    internal void ReleaseBuffer(OpenClBuffer buffer, nint memory)
    {
        if (memory != 0 && _context != 0) _api.ReleaseMemObject(memory);
    }

    private static nint Mem(DeviceBuffer buffer) => ((OpenClBuffer)buffer).Memory;

    protected override void UploadCore(ReadOnlySpan<float> source, DeviceBuffer destination, int offset)
    {
        CheckTransfer(destination, offset, source.Length, nameof(Upload));
        if (source.Length == 0) return;
        BeginTransfer(nameof(Upload), source.Length);
        fixed (float* s = source)
            Check(_api.EnqueueWriteBuffer(_queue, Mem(destination), 1, (nuint)offset * sizeof(float), (nuint)source.Length * sizeof(float), s, 0, null, null), "clEnqueueWriteBuffer");
    }

    protected override void DownloadCore(DeviceBuffer source, Span<float> destination, int offset)
    {
        CheckTransfer(source, offset, destination.Length, nameof(Download));
        if (destination.Length == 0) return;
        BeginTransfer(nameof(Download), destination.Length);
        fixed (float* d = destination)
            Check(_api.EnqueueReadBuffer(_queue, Mem(source), 1, (nuint)offset * sizeof(float), (nuint)destination.Length * sizeof(float), d, 0, null, null), "clEnqueueReadBuffer");
    }

    private void CheckTransfer(DeviceBuffer buffer, int offset, int count, string op)
    {
        if (buffer.Accelerator != this) throw new ArgumentException($"{op}: the buffer belongs to {buffer.Accelerator}, not {this}");
        if (buffer.IsDisposed) throw new ObjectDisposedException(nameof(buffer), $"{op}: the buffer was disposed");
        if (offset < 0 || (long)offset + count > buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(offset), $"{op}: {count} floats at offset {offset} do not fit a buffer of {buffer.Length}");
    }

    protected override void SynchronizeCore() => Check(_api.Finish(_queue), "clFinish");

    protected override void Launch(nint kernel, int globalX, int globalY, int localX, int localY, ReadOnlySpan<KernelArg> args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            int status;
            if (args[i].Buffer is { } buffer)
            {
                nint memory = Mem(buffer);
                status = _api.SetKernelArg(kernel, (uint)i, (nuint)sizeof(nint), &memory);
            }
            else
            {
                int bits = args[i].Bits;
                status = _api.SetKernelArg(kernel, (uint)i, sizeof(int), &bits);
            }
            Check(status, "clSetKernelArg");
        }
        nuint* global = stackalloc nuint[2] { (nuint)globalX, (nuint)globalY };
        nuint* local = stackalloc nuint[2] { (nuint)localX, (nuint)localY };
        uint dimensions = globalY == 1 && localY == 1 ? 1u : 2u;
        nint evt = 0;
        Check(_api.EnqueueNDRangeKernel(_queue, kernel, dimensions, null, global, local, 0, null, _timing ? &evt : null), "clEnqueueNDRangeKernel");
        if (_timing) KeepTimingEvent(evt);
    }

    private void KeepTimingEvent(nint evt)
    {
        if (_firstEvent == 0) { _firstEvent = evt; return; }
        if (_lastEvent != 0) _api.ReleaseEvent(_lastEvent);
        _lastEvent = evt;
    }

    /// <summary>Device time from the start of the first kernel `work` queues to the end of its last (profiling events).</summary>
    protected override double TimeCore(Action work)
    {
        Synchronize();
        _timing = true;
        try { work(); }
        finally { _timing = false; }
        Synchronize();
        nint first = _firstEvent, last = _lastEvent != 0 ? _lastEvent : _firstEvent;
        _firstEvent = _lastEvent = 0;
        if (first == 0) return 0;
        ulong start = 0, end = 0;
        int status = _api.GetEventProfilingInfo(first, ClStatus.ProfilingCommandStart, sizeof(ulong), &start, null);
        if (status == ClStatus.Success) status = _api.GetEventProfilingInfo(last, ClStatus.ProfilingCommandEnd, sizeof(ulong), &end, null);
        _api.ReleaseEvent(first);
        if (last != first) _api.ReleaseEvent(last);
        Check(status, "clGetEventProfilingInfo");
        return (end - start) / 1e6;
    }

    /// <summary>Throws ComputeException naming the op, its sizes and the device for a failed OpenCL call.</summary>
    private void Check(int status, string call)
    {
        if (status == ClStatus.Success) return;
        string what = status switch
        {
            ClStatus.OutOfResources => "ran out of device resources or lost the device",
            _ when ClStatus.IsOutOfMemory(status) => "out of device memory",
            _ => "failed",
        };
        throw new ComputeException($"{CurrentOperation}: {call} {what} ({ClStatus.Name(status)})");
    }

    public override void Dispose()
    {
        if (_context == 0) return;
        if (_queue != 0) _api.Finish(_queue);
        ReleaseConvScratch();
        foreach (var kernel in _kernelHandles) _api.ReleaseKernel(kernel);
        foreach (var program in _programs.Values) _api.ReleaseProgram(program);
        _kernelHandles.Clear();
        _programs.Clear();
        if (_queue != 0) _api.ReleaseCommandQueue(_queue);
        _api.ReleaseContext(_context);
        _queue = _context = 0;
        base.Dispose();
    }
}
