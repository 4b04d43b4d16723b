using GpuAE.Kernels.Common;
using GpuAE.Kernels.Conv;
using GpuAE.Kernels.Dropout;
using GpuAE.Kernels.Elementwise;
using GpuAE.Kernels.Gather;
using GpuAE.Kernels.Gemm;
using GpuAE.Kernels.Loss;
using GpuAE.Kernels.Noise;
using GpuAE.Kernels.Normalization;
using GpuAE.Kernels.Optimizers;
using GpuAE.Kernels.Quality;
using GpuAE.Kernels.Spatial;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace GpuAE.Compute.Ilgpu;

/// <summary>
/// Every op of <see cref="Accelerator"/> as the ILGPU kernels of kernels/, on one ILGPU device:
/// a CUDA GPU, an OpenCL device, or ILGPU's CPU accelerator. Training stays resident on the
/// device; all ops are queued in order on one stream; GEMM runs on cuBLAS where CUDA has it.
/// </summary>
public sealed partial class IlgpuAccelerator : Accelerator
{
    private readonly ILGPU.Runtime.Accelerator _device;
    private readonly KernelDevice _kernels;
    private readonly ElementwiseLaunchers _elementwise;
    private readonly GatherLaunchers _gather;
    private readonly LossLaunchers _loss;
    private readonly OptimizerLaunchers _optimizers;
    private readonly NoiseLaunchers _noise;
    private readonly QualityLaunchers _quality;
    private readonly CuBlasGemm? _cublas;
    private readonly IReadOnlyList<GemmVariant> _gemmVariants;

    internal IlgpuAccelerator(DeviceInfo info, Device device) : base(info)
    {
        _device = device.CreateAccelerator(IlgpuRuntime.Context);
        // CUDA ops go to a stream of their own: the legacy default stream cannot be recorded as a graph.
        _stream = _device is CudaAccelerator cuda ? cuda.CreateStream(StreamFlags.CU_STREAM_NON_BLOCKING) : _device.DefaultStream;
        _kernels = new KernelDevice(_device, _stream);
        _elementwise = new ElementwiseLaunchers(_kernels);
        _gather = new GatherLaunchers(_kernels);
        _loss = new LossLaunchers(_kernels);
        _optimizers = new OptimizerLaunchers(_kernels);
        _noise = new NoiseLaunchers(_kernels);
        _quality = new QualityLaunchers(_kernels);
        _spatial = new SpatialLaunchers(_kernels);
        _batchNorm = new BatchNormLaunchers(_kernels);
        _dropout = new DropoutLaunchers(_kernels);
        _cublas = CuBlasGemm.TryOpen(_kernels, out var why);
        CuBlasNote = why;
        var kernelGemms = new GemmLaunchers(_kernels).Variants;
        // Default first: cuBLAS where present, else the register-blocked kernel; the rest fastest to slowest.
        _gemmVariants = [.. (_cublas is null ? [] : new[] { _cublas.Variant }), .. kernelGemms.Reverse()]; // regblock, regblock-32, tiled, naive
        _smallBlocks = _gemmVariants.First(v => v.Name == "regblock-32");
        foreach (var v in _gemmVariants) _gemmByName[v.Name] = v;
        _conv = new ConvLaunchers(_kernels, new ConvScratch(this), GemmFor);
        _convVariants = _conv.Variants.OrderBy(v => v.Name == DefaultConv ? 0 : 1).ToList();
        foreach (var v in _convVariants) _convByName[v.Name] = v;
    }

    private readonly AcceleratorStream _stream;

    /// <summary>Why cuBLAS is not used on this device (null when it is).</summary>
    public string? CuBlasNote { get; }

    /// <summary>Kernel launches so far on this device (cuBLAS calls count one each).</summary>
    public override long LaunchCount => _kernels.Launches;

    public override IReadOnlyList<string> KernelVariants(string op) =>
        op.Equals("gemm", StringComparison.OrdinalIgnoreCase) ? _gemmVariants.Select(v => v.Name).ToList()
        : op.Equals("conv", StringComparison.OrdinalIgnoreCase) ? _convVariants.Select(v => v.Name).ToList()
        : [];

    private static ArrayView<float> V(DeviceBuffer buffer) => ((IlgpuBuffer)buffer).View;

    private static ArrayView<float> V(DeviceBuffer buffer, int offset, int length) => ((IlgpuBuffer)buffer).View.SubView(offset, length);

    protected override DeviceBuffer AllocateCore(int length) => new IlgpuBuffer(this, _device.Allocate1D<float>(length));

    protected override void UploadCore(ReadOnlySpan<float> source, DeviceBuffer destination, int offset) =>
        V(destination, offset, source.Length).CopyFromCPU(_kernels.Stream, source);

    protected override void DownloadCore(DeviceBuffer source, Span<float> destination, int offset) =>
        V(source, offset, destination.Length).CopyToCPU(_kernels.Stream, destination);

    protected override void SynchronizeCore() => _kernels.Stream.Synchronize();

    protected override void BindToThread() => _device.Bind();

    /// <summary>Device-side timing: profiling markers on the stream around the work.</summary>
    protected override double TimeCore(Action work)
    {
        Synchronize();
        using var start = _kernels.Stream.AddProfilingMarker();
        work();
        using var end = _kernels.Stream.AddProfilingMarker();
        Synchronize();
        return end.MeasureFrom(start).TotalMilliseconds;
    }

    protected override bool IsDeviceFault(Exception e) =>
        e is AcceleratorException or InternalCompilerException or CapabilityNotSupportedException or ILGPU.Runtime.Cuda.CuBlasException
            or OutOfMemoryException or InvalidKernelOperationException or ILGPU.Backends.InvalidCodeGenerationException
            or ILGPU.Backends.NotSupportedIntrinsicException;

    /// <summary>
    /// The default GEMM for an m x n output: the first variant, except that a 64x64-blocked kernel
    /// whose blocks would be more than half padding gives way to the 32x32 one.
    /// </summary>
    private GemmVariant DefaultGemm(int m, int n)
    {
        var first = _gemmVariants[0];
        if (first.Name != "regblock") return first;
        long padded = (long)((m + 63) / 64 * 64) * ((n + 63) / 64 * 64);
        return padded > 2L * m * n ? _smallBlocks : first;
    }

    /// <summary>The GEMM inside another op (im2col convolution): the explicit `--kernels gemm=` choice, else the default.</summary>
    private GemmVariant GemmFor(int m, int n) => Kernels["gemm"] is string name ? Named(_gemmByName, name, "gemm") : DefaultGemm(m, n);

    /// <summary>regblock-32: the register-blocked kernel for outputs that 64x64 blocks would mostly pad.</summary>
    private readonly GemmVariant _smallBlocks;

    private readonly Dictionary<string, GemmVariant> _gemmByName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A variant by name (a dictionary lookup: nothing allocated in a step), or a one-line error listing the names.</summary>
    private T Named<T>(Dictionary<string, T> byName, string name, string op) =>
        byName.TryGetValue(name, out var variant) ? variant
        : throw new ArgumentException($"--kernels: unknown {op} variant '{name}' on {Info.Spec} (have: {string.Join(", ", byName.Keys)})");

    public override bool RecordsStepGraphs => _stream is CudaStream && CudaGraphApi.Instance is not null;

    /// <summary>On CUDA a step graph records the work on this accelerator's stream; elsewhere the work runs eagerly.</summary>
    public override StepGraph CreateStepGraph() =>
        _stream is CudaStream cuda && CudaGraphApi.Instance is CudaGraphApi api ? new CudaStepGraph(this, api, cuda.StreamPtr)
        : new EagerStepGraph($"{Info.Spec} cannot record step graphs ({(_stream is CudaStream ? "the CUDA driver lacks the graph API" : "CUDA only")})");

    internal void CountGraphLaunch() => _kernels.CountLaunch();

    public override void Dispose()
    {
        ReleaseConvScratch();
        _cublas?.Dispose();
        if (_stream != _device.DefaultStream) _stream.Dispose();
        _device.Dispose();
        base.Dispose();
    }
}
