namespace GpuAE.Compute;

/// <summary>
/// One compute device and the op set that layers, losses and optimizers call (in ILGPU's
/// shape: a context opens accelerators, an accelerator allocates buffers and runs kernels).
/// Every op is asynchronous with respect to the host on GPU accelerators and ordered on one
/// queue; <see cref="Download"/> and <see cref="Synchronize"/> wait.
///
/// Conventions shared by all ops:
/// - matrices are row-major; a batch of samples is a [rows, cols] matrix, one sample per row;
/// - counts are passed explicitly, so a buffer sized for the largest batch serves smaller ones;
/// - every public op checks its arguments here, once for all backends (so every backend gives
///   the same one-line errors), then calls the backend's protected ...Core method;
/// - an accelerator may be called from any thread: calls are serialised on one gate, and a
///   backend whose runtime binds a context to a thread rebinds it when the thread changes.
/// </summary>
public abstract partial class Accelerator : IDisposable
{
    /// <summary>Serialises every call into the backend (ops, transfers, allocations, releases).</summary>
    private readonly object _gate = new();
    private int _boundThread = -1;
    private CurrentOperation _current;

    protected Accelerator(DeviceInfo info)
    {
        Info = info;
    }

    public DeviceInfo Info { get; }

    public AcceleratorType Type => Info.Type;

    public string Name => Info.Name;

    /// <summary>Which variant each hot op runs (e.g. gemm=tiled): set from `--kernels`, or per shape by KernelTuner.</summary>
    public KernelSelection Kernels { get; } = new();

    /// <summary>
    /// While set, every GEMM and convolution call adds its shape here (KernelTuner records one
    /// training step this way to learn a model's shapes). Null otherwise: then it costs one test.
    /// </summary>
    public HashSet<Tuning.ShapeKey>? ShapesSeen { get; set; }

    /// <summary>
    /// While true, ops check their arguments (and record shapes) but compute nothing: a network's
    /// forward and backward pass can then be walked to learn its shapes without changing any
    /// state (batch-norm running statistics, weights, gradients). Transfers still run.
    /// </summary>
    public bool ShapesOnly { get; set; }

    /// <summary>Bytes currently allocated through this accelerator, and the peak so far.</summary>
    public long AllocatedBytes { get; private set; }
    public long PeakAllocatedBytes { get; private set; }

    /// <summary>Number of buffers allocated so far (a training step must not add to it).</summary>
    public long AllocationCount { get; private set; }

    /// <summary>Host-to-device copies so far (a training step on a split kept on the device makes none).</summary>
    public long UploadCount { get; private set; }

    /// <summary>Device-to-host copies so far: each one waits for the device (a round trip).</summary>
    public long DownloadCount { get; private set; }

    /// <summary>Kernel launches so far (GPU backends count them; the CPU accelerator launches none).</summary>
    public virtual long LaunchCount => 0;

    /// <summary>
    /// Whether a network should run a Conv2d, its activation and a MaxPool2d as one op: on the CPU
    /// the fused op keeps each sample's full-size planes in cache. ILGPU runs it as the same
    /// launches through a scratch buffer (the conv writes full size, then the pool reads it), so a
    /// network does not fuse them there. (An Upsample2d before a Conv2d fuses on every device:
    /// the GPU conv kernels read the small planes through.)
    /// </summary>
    public virtual bool FusesPoolIntoConv => false;

    public DeviceBuffer Allocate(int length)
    {
        if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), $"buffer length must be positive, got {length}");
        lock (_gate)
        {
            var outer = _current; // an op that allocates its own scratch keeps its name in fault messages
            Enter(nameof(Allocate), "n={0}", length);
            DeviceBuffer buffer;
            try { buffer = AllocateCore(length); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
            if (outer.Op is not null) _current = outer;
            AllocationCount++;
            AllocatedBytes += buffer.SizeInBytes;
            PeakAllocatedBytes = Math.Max(PeakAllocatedBytes, AllocatedBytes);
            return buffer;
        }
    }

    public DeviceBuffer Allocate(ReadOnlySpan<float> contents)
    {
        var buffer = Allocate(contents.Length);
        Upload(contents, buffer);
        return buffer;
    }

    protected abstract DeviceBuffer AllocateCore(int length);

    /// <summary>Called by buffers when they are disposed: frees the memory and keeps the byte count honest.</summary>
    internal void Release(DeviceBuffer buffer)
    {
        lock (_gate)
        {
            Enter("Release", "n={0}", buffer.Length);
            buffer.FreeMemory();
            AllocatedBytes -= buffer.SizeInBytes;
        }
    }

    /// <summary>Copies source into destination from element offset on.</summary>
    public void Upload(ReadOnlySpan<float> source, DeviceBuffer destination, int offset = 0)
    {
        NonNegative(offset, nameof(Upload), "offset");
        Need(destination, (long)offset + source.Length, nameof(Upload), "destination");
        if (source.IsEmpty) return;
        lock (_gate)
        {
            Enter(nameof(Upload), "n={0}", source.Length);
            UploadCount++;
            try { UploadCore(source, destination, offset); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>Copies destination.Length elements from source (from element offset on) to the host; waits for queued ops.</summary>
    public void Download(DeviceBuffer source, Span<float> destination, int offset = 0)
    {
        NonNegative(offset, nameof(Download), "offset");
        Need(source, (long)offset + destination.Length, nameof(Download), "source");
        if (destination.IsEmpty) return;
        lock (_gate)
        {
            Enter(nameof(Download), "n={0}", destination.Length);
            DownloadCount++;
            try { DownloadCore(source, destination, offset); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    protected abstract void UploadCore(ReadOnlySpan<float> source, DeviceBuffer destination, int offset);

    protected abstract void DownloadCore(DeviceBuffer source, Span<float> destination, int offset);

    /// <summary>Waits until every op queued so far has finished.</summary>
    public void Synchronize()
    {
        lock (_gate)
        {
            Enter(nameof(Synchronize), "");
            try { SynchronizeCore(); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    protected abstract void SynchronizeCore();

    /// <summary>The variants this accelerator has for an op (e.g. "gemm"), default first.</summary>
    public virtual IReadOnlyList<string> KernelVariants(string op) => [];

    /// <summary>
    /// Milliseconds the device spent on the ops `work` queues. The default waits for the queue
    /// around a host stopwatch; GPU accelerators override it with device-side timers (events).
    /// The gate is held throughout, so no other thread's ops are timed with these.
    /// </summary>
    public double Time(Action work)
    {
        lock (_gate) return TimeCore(work);
    }

    protected virtual double TimeCore(Action work)
    {
        Synchronize();
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        work();
        Synchronize();
        return System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>
    /// Takes the accelerator's gate for a backend's own multi-op work (recording or replaying a
    /// step graph) that must not interleave with another thread's ops, bound to the calling
    /// thread; pair with <see cref="ExitExclusive"/> in a finally. The gate is reentrant, so the
    /// ops inside take it again freely.
    /// </summary>
    protected internal void EnterExclusive()
    {
        Monitor.Enter(_gate);
        BindIfThreadChanged();
    }

    protected internal void ExitExclusive() => Monitor.Exit(_gate);

    /// <summary>Whether <see cref="CreateStepGraph"/> can record (CUDA with the driver's graph API): training replays step graphs there unless told not to.</summary>
    public virtual bool RecordsStepGraphs => false;

    /// <summary>A recorder for a fixed step of ops (see <see cref="StepGraph"/>); by default the work just runs every time.</summary>
    public virtual StepGraph CreateStepGraph() => new EagerStepGraph($"{Info.Spec} cannot record step graphs (CUDA only)");

    /// <summary>
    /// Records the op about to run (for the one-line messages of device faults: see
    /// <see cref="CurrentOperationText"/>) and binds the backend to this thread if it changed.
    /// Called with the gate held; allocates nothing.
    /// </summary>
    private void Enter(string op, string shapeFormat, int a = 0, int b = 0, int c = 0)
    {
        _current = new CurrentOperation(op, shapeFormat, a, b, c);
        BindIfThreadChanged();
    }

    private void BindIfThreadChanged()
    {
        int thread = Environment.CurrentManagedThreadId;
        if (thread == _boundThread) return;
        BindToThread();
        _boundThread = thread;
    }

    /// <summary>Makes the backend's context current on the calling thread (CUDA contexts are per thread).</summary>
    protected virtual void BindToThread() { }

    /// <summary>"Gemm (m=3 n=5 k=7) on &lt;device&gt;": the op in progress, for messages of runtime failures.</summary>
    protected string CurrentOperationText => _current.Describe(Name);

    /// <summary>
    /// Whether an exception from a backend is the device's or its runtime's (out of memory, a
    /// failed launch, a lost device, a kernel that did not compile) rather than a bug: those
    /// reach the user as one <see cref="ComputeException"/> naming the op, its sizes and the device.
    /// </summary>
    protected virtual bool IsDeviceFault(Exception e) => false;

    private ComputeException DeviceFault(Exception e) =>
        new($"{CurrentOperationText}: {e.Message.Split('\n')[0].Trim()}", e);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    public override string ToString() => $"{Info.Name} ({Info.Runtime})";

    private readonly record struct CurrentOperation(string Op, string ShapeFormat, int A, int B, int C)
    {
        public string Describe(string device)
        {
            string shape = string.IsNullOrEmpty(ShapeFormat) ? "" : " (" + string.Format(System.Globalization.CultureInfo.InvariantCulture, ShapeFormat, A, B, C) + ")";
            return $"{(string.IsNullOrEmpty(Op) ? "device call" : Op)}{shape} on {device}";
        }
    }
}
