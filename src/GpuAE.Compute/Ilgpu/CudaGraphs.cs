using System.Runtime.InteropServices;

namespace GpuAE.Compute.Ilgpu;

/// <summary>
/// The CUDA driver's stream-capture and graph entry points (not in ILGPU), loaded from the same
/// driver library ILGPU uses. Null when the driver lacks them (before CUDA 11.4).
/// </summary>
internal sealed unsafe class CudaGraphApi
{
    private readonly delegate* unmanaged<IntPtr, int, int> _beginCapture;
    private readonly delegate* unmanaged<IntPtr, IntPtr*, int> _endCapture;
    private readonly delegate* unmanaged<IntPtr*, IntPtr, ulong, int> _instantiate;
    private readonly delegate* unmanaged<IntPtr, IntPtr, int> _launch;
    private readonly delegate* unmanaged<IntPtr, int> _destroyExec;
    private readonly delegate* unmanaged<IntPtr, int> _destroyGraph;

    private CudaGraphApi(IntPtr library)
    {
        _beginCapture = (delegate* unmanaged<IntPtr, int, int>)NativeLibrary.GetExport(library, "cuStreamBeginCapture_v2");
        _endCapture = (delegate* unmanaged<IntPtr, IntPtr*, int>)NativeLibrary.GetExport(library, "cuStreamEndCapture");
        _instantiate = (delegate* unmanaged<IntPtr*, IntPtr, ulong, int>)NativeLibrary.GetExport(library, "cuGraphInstantiateWithFlags");
        _launch = (delegate* unmanaged<IntPtr, IntPtr, int>)NativeLibrary.GetExport(library, "cuGraphLaunch");
        _destroyExec = (delegate* unmanaged<IntPtr, int>)NativeLibrary.GetExport(library, "cuGraphExecDestroy");
        _destroyGraph = (delegate* unmanaged<IntPtr, int>)NativeLibrary.GetExport(library, "cuGraphDestroy");
    }

    private static readonly Lazy<CudaGraphApi?> Shared = new(() =>
    {
        try
        {
            var library = NativeLibrary.Load(OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1");
            return new CudaGraphApi(library);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return null; }
    });

    public static CudaGraphApi? Instance => Shared.Value;

    /// <summary>CU_STREAM_CAPTURE_MODE_RELAXED: other threads' unsafe calls do not invalidate the capture.</summary>
    private const int RelaxedCapture = 2;

    public int BeginCapture(IntPtr stream) => _beginCapture(stream, RelaxedCapture);

    public int EndCapture(IntPtr stream, out IntPtr graph)
    {
        IntPtr g;
        int status = _endCapture(stream, &g);
        graph = g;
        return status;
    }

    public int Instantiate(IntPtr graph, out IntPtr exec)
    {
        IntPtr e;
        int status = _instantiate(&e, graph, 0);
        exec = e;
        return status;
    }

    public int Launch(IntPtr exec, IntPtr stream) => _launch(exec, stream);

    public void Destroy(IntPtr exec, IntPtr graph)
    {
        if (exec != IntPtr.Zero) _destroyExec(exec);
        if (graph != IntPtr.Zero) _destroyGraph(graph);
    }
}

/// <summary>
/// A step recorded once as a CUDA graph on the accelerator's own stream (the legacy default
/// stream cannot be captured), then replayed with one graph launch. Any failure to record or
/// instantiate falls back, for good, to running the work eagerly, with the driver's error as the
/// reason.
/// </summary>
internal sealed class CudaStepGraph(IlgpuAccelerator owner, CudaGraphApi api, IntPtr stream) : StepGraph
{
    private IntPtr _graph, _exec;
    private bool _failed;

    public override bool IsReplaying => _exec != IntPtr.Zero;

    public override void Run(Action work)
    {
        owner.EnterExclusive();
        try
        {
            if (_failed) { work(); return; }
            if (_exec == IntPtr.Zero && !Capture(work)) return;
            owner.CountGraphLaunch();
            Check(api.Launch(_exec, stream), "cuGraphLaunch");
        }
        finally { owner.ExitExclusive(); }
    }

    /// <summary>Records the work; false when it fell back (the work has then run eagerly).</summary>
    private bool Capture(Action work)
    {
        int status = api.BeginCapture(stream);
        if (status != 0) return Fallback($"cuStreamBeginCapture failed (CUDA error {status})", work);
        long launches = owner.LaunchCount;
        try { work(); }
        catch
        {
            api.EndCapture(stream, out var broken);
            api.Destroy(IntPtr.Zero, broken);
            throw;
        }
        status = api.EndCapture(stream, out _graph);
        if (status != 0) return Fallback($"cuStreamEndCapture failed (CUDA error {status})", work);
        status = api.Instantiate(_graph, out _exec);
        if (status != 0) return Fallback($"cuGraphInstantiate failed (CUDA error {status})", work);
        CapturedLaunches = owner.LaunchCount - launches;
        return true;
    }

    /// <summary>Kernel launches one replay stands for.</summary>
    public long CapturedLaunches { get; private set; }

    private bool Fallback(string reason, Action work)
    {
        api.Destroy(_exec, _graph);
        _exec = _graph = IntPtr.Zero;
        _failed = true;
        FallbackReason = reason;
        work();
        return false;
    }

    private void Check(int status, string call)
    {
        if (status != 0) throw new ComputeException($"{call} on {owner.Name}: CUDA error {status}");
    }

    public override void Dispose()
    {
        api.Destroy(_exec, _graph);
        _exec = _graph = IntPtr.Zero;
        base.Dispose();
    }
}
