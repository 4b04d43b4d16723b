using GpuAE.Compute;
using GpuAE.Kernels.Common;
using GpuAE.Kernels.Gemm;
using ILGPU;
using ILGPU.Runtime;

namespace GpuAE.Kernels.Conv;

/// <summary>One pass of a convolution: forward (x, w -> y), backward data (dy, w -> dx) or backward weights (x, dy -> dw), with its fusions.</summary>
public delegate void ConvPass(in Conv2dGeometry g, ArrayView<float> first, ArrayView<float> second, ArrayView<float> result, in ConvFusion fusion);

/// <summary>
/// What a conv pass does in its own launches besides the conv. UpsampledInput: x (forward,
/// weights) holds planes half g's input size, read as their x2 upsampling, and dx (backward data)
/// is the gradient of those planes. Bias and Activation (forward): the epilogue. ReluGate
/// (backward data): the output of a ReLU right below, whose backward pass dx goes through.
/// </summary>
public readonly record struct ConvFusion(bool UpsampledInput = false, ArrayView<float>? Bias = null, ActivationKind Activation = ActivationKind.Identity,
    float Alpha = 0f, ArrayView<float>? ReluGate = null)
{
    /// <summary>The forward kernels' epilogue; `result` stands in for an absent bias (a kernel argument cannot be a null view).</summary>
    public ConvEpilogue Epilogue(ArrayView<float> result) =>
        new() { Bias = Bias ?? result, HasBias = Bias is null ? 0 : 1, Activation = (int)Activation, Alpha = Alpha };

    /// <summary>The backward-data kernels' gate; `result` stands in for an absent one.</summary>
    public ConvGate Gate(ArrayView<float> result) => new() { Output = ReluGate ?? result, Gated = ReluGate is null ? 0 : 1 };

    public ConvShape Shape(in Conv2dGeometry g) => ConvShape.Of(g, UpsampledInput);

    /// <summary>Floats per sample of the stored input (a quarter of g's input when it is read as an upsampling).</summary>
    public long StoredInputSize(in Conv2dGeometry g) => (long)g.InChannels * ConvKernels.StoredPlane(Shape(g));
}

/// <summary>A named convolution implementation (`--kernels conv=NAME`): its three passes.</summary>
public sealed record ConvVariant(string Name, ConvPass Forward, ConvPass BackwardData, ConvPass BackwardWeights);

/// <summary>Device scratch the convolutions borrow; the accelerator owns it (kept, grown only), so steps allocate nothing once warm.</summary>
public interface IConvScratch
{
    /// <summary>A scratch view of at least `length` floats in one of three slots (columns, channel-major staging, partial sums).</summary>
    ArrayView<float> Get(ConvScratchSlot slot, long length);

    /// <summary>The most floats one slot may hold before the batch is split into chunks (unless one sample needs more).</summary>
    long ChunkLimit { get; }
}

public enum ConvScratchSlot { Columns, Channels, Partials }

/// <summary>
/// The convolution variants of <see cref="ConvKernels"/> on a device: direct, direct-split,
/// im2col (whose GEMMs come from the accelerator's GEMM choice, cuBLAS where present),
/// implicit-gemm and direct-plane.
/// </summary>
public sealed class ConvLaunchers(KernelDevice device, IConvScratch scratch, Func<int, int, GemmVariant> gemmFor)
{
    private const int Group = 256;

    /// <summary>Work-items a weight-gradient launch should have at least to fill a GPU.</summary>
    private const int TargetItems = 1 << 16;

    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvShape, ConvEpilogue>? _forward;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvShape, ConvGate>? _backwardData;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvShape>? _weights;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvShape, int>? _weightsPartial;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, int, int, int>? _sumPartials;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ConvShape, int, int>? _im2col;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ConvShape, int, int, ConvGate>? _col2im;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, int, int, int, int, ConvEpilogue>? _chunkToNchw;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, int, int, int, int>? _nchwToChunk;

    private Accelerator Acc => device.Accelerator;

    /// <summary>The variants, numbered as in ConvKernels.</summary>
    public IReadOnlyList<ConvVariant> Variants =>
    [
        new("direct", DirectForward, DirectBackwardData, DirectBackwardWeights),
        new("direct-split", DirectForward, DirectBackwardData, SplitBackwardWeights),
        new("im2col", Im2colForward, Im2colBackwardData, Im2colBackwardWeights),
        new("implicit-gemm", ImplicitForward, Im2colBackwardData, Im2colBackwardWeights),
        new("direct-plane", DirectForward, DirectBackwardData, PlaneBackwardWeights),
    ];

    // ---- implicit GEMM ----------------------------------------------------------------------

    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvShape, ConvEpilogue>? _implicit64, _implicit32;

    /// <summary>64x64 blocks when the output channels fill them at least half, else 32x32 ones (four times the groups).</summary>
    public void ImplicitForward(in Conv2dGeometry g, ArrayView<float> x, ArrayView<float> w, ArrayView<float> y, in ConvFusion f)
    {
        bool large = g.OutChannels > 32;
        int block = large ? Tiling64.BlockM : Tiling32.BlockM;
        var kernel = large
            ? _implicit64 ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvShape, ConvEpilogue>(ImplicitGemmKernels.Forward<Tiling64>)
            : _implicit32 ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvShape, ConvEpilogue>(ImplicitGemmKernels.Forward<Tiling32>);
        long columns = (long)g.Batch * g.OutPixels;
        kernel(device.Launch(), new KernelConfig(new Index2D((int)((columns + block - 1) / block), (g.OutChannels + block - 1) / block), new Index2D(block / 4, block / 4)),
            x, w, y, f.Shape(g), f.Epilogue(y));
    }

    // ---- direct -----------------------------------------------------------------------------

    public void DirectForward(in Conv2dGeometry g, ArrayView<float> x, ArrayView<float> w, ArrayView<float> y, in ConvFusion f) =>
        (_forward ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvShape, ConvEpilogue>(ConvKernels.DirectForward))(
            device.Launch(), KernelDevice.Cover((long)g.Batch * g.OutputSize, Group), x, w, y, f.Shape(g), f.Epilogue(y));

    public void DirectBackwardData(in Conv2dGeometry g, ArrayView<float> dy, ArrayView<float> w, ArrayView<float> dx, in ConvFusion f) =>
        (_backwardData ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvShape, ConvGate>(ConvKernels.DirectBackwardData))(
            device.Launch(), KernelDevice.Cover(g.Batch * f.StoredInputSize(g), Group), dy, w, dx, f.Shape(g), f.Gate(dx));

    public void DirectBackwardWeights(in Conv2dGeometry g, ArrayView<float> x, ArrayView<float> dy, ArrayView<float> dw, in ConvFusion f) =>
        (_weights ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvShape>(ConvKernels.DirectWeights))(
            device.Launch(), KernelDevice.Cover(g.WeightCount, Group), x, dy, dw, f.Shape(g));

    /// <summary>Slices of the batch in parallel (about TargetItems items in all), then a fixed-order sum of the slices.</summary>
    public void SplitBackwardWeights(in Conv2dGeometry g, ArrayView<float> x, ArrayView<float> dy, ArrayView<float> dw, in ConvFusion f)
    {
        var (perSlice, slices) = SliceBatch(g.Batch, TargetItems / Math.Max(1, g.WeightCount));
        var partial = scratch.Get(ConvScratchSlot.Partials, (long)slices * g.WeightCount);
        (_weightsPartial ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvShape, int>(ConvKernels.DirectWeightsPartial))(
            device.Launch(), KernelDevice.Cover((long)slices * g.WeightCount, Group), x, dy, partial, f.Shape(g), perSlice);
        SumPartials(partial, dw, slices, g.WeightCount, accumulate: false);
    }

    /// <summary>About `wanted` slices (1 to batch) of equal size but the last: samples per slice, and slices.</summary>
    private static (int PerSlice, int Slices) SliceBatch(int batch, long wanted)
    {
        int count = (int)Math.Clamp(wanted, 1, batch), perSlice = (batch + count - 1) / count;
        return (perSlice, (batch + perSlice - 1) / perSlice);
    }

    private void SumPartials(ArrayView<float> partial, ArrayView<float> dw, int slices, int count, bool accumulate) =>
        (_sumPartials ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, int, int, int>(ConvKernels.SumPartials))(
            device.Launch(), KernelDevice.Cover(count, Group), partial, dw, slices, count, accumulate ? 1 : 0);

    // ---- direct-plane -----------------------------------------------------------------------

    /// <summary>Groups a PlaneWeights launch aims for (several per multiprocessor), and output pixels per item it wants at least.</summary>
    private const int PlaneGroups = 1024, PlanePixelsPerItem = 16;

    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvShape, int>? _planeWeights;

    /// <summary>
    /// One group per (slice, output channel, input channel): the batch split into as many slices
    /// as bring the groups to about PlaneGroups while each item keeps PlanePixelsPerItem output
    /// pixels or more; one slice writes dW itself, more are summed in a fixed order. Kernels above
    /// 3x3 take direct-split's weight gradient.
    /// </summary>
    public void PlaneBackwardWeights(in Conv2dGeometry g, ArrayView<float> x, ArrayView<float> dy, ArrayView<float> dw, in ConvFusion f)
    {
        if (g.Kernel * g.Kernel > ConvKernels.PlaneTaps) { SplitBackwardWeights(g, x, dy, dw, f); return; }
        int pairs = g.OutChannels * g.InChannels;
        long byWork = (long)g.Batch * g.OutPixels / (GroupReduce.Size * PlanePixelsPerItem);
        var (perSlice, slices) = SliceBatch(g.Batch, Math.Min(PlaneGroups / pairs, byWork));
        var partial = slices == 1 ? dw : scratch.Get(ConvScratchSlot.Partials, (long)slices * g.WeightCount);
        (_planeWeights ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvShape, int>(ConvKernels.PlaneWeights))(
            device.Launch(), new KernelConfig(slices * pairs, GroupReduce.Size), x, dy, partial, f.Shape(g), perSlice);
        if (slices > 1) SumPartials(partial, dw, slices, g.WeightCount, accumulate: false);
    }

    // ---- im2col + GEMM ----------------------------------------------------------------------

    public void Im2colForward(in Conv2dGeometry g, ArrayView<float> x, ArrayView<float> w, ArrayView<float> y, in ConvFusion f)
    {
        int chunk = Chunk(g, out var columns, out var channels);
        for (int first = 0; first < g.Batch; first += chunk)
        {
            int count = Math.Min(chunk, g.Batch - first), width = count * g.OutPixels;
            Im2col(g, x, columns, first, count, f);
            // channels [OC, width] = W [OC, Patch] x cols [Patch, width]
            var args = GemmLaunchers.Args(false, false, g.OutChannels, width, g.Patch, 1f, 0f);
            gemmFor(g.OutChannels, width).Launch(w, columns, channels, args, 1);
            (_chunkToNchw ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, int, int, int, int, ConvEpilogue>(ConvKernels.ChunkToNchw))(
                device.Launch(), KernelDevice.Cover((long)count * g.OutputSize, Group), channels, y, first, count, g.OutChannels, g.OutPixels, f.Epilogue(y));
        }
    }

    public void Im2colBackwardData(in Conv2dGeometry g, ArrayView<float> dy, ArrayView<float> w, ArrayView<float> dx, in ConvFusion f)
    {
        int chunk = Chunk(g, out var columns, out var channels);
        for (int first = 0; first < g.Batch; first += chunk)
        {
            int count = Math.Min(chunk, g.Batch - first), width = count * g.OutPixels;
            ToChannelMajor(g, dy, channels, first, count);
            // cols [Patch, width] = W^T [Patch, OC] x dy chunk [OC, width]
            var args = GemmLaunchers.Args(true, false, g.Patch, width, g.OutChannels, 1f, 0f);
            gemmFor(g.Patch, width).Launch(w, channels, columns, args, 1);
            (_col2im ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, ConvShape, int, int, ConvGate>(ConvKernels.Col2im))(
                device.Launch(), KernelDevice.Cover(count * f.StoredInputSize(g), Group), columns, dx, f.Shape(g), first, count, f.Gate(dx));
        }
    }

    /// <summary>
    /// dW [OC, Patch] (+)= dy chunk [OC, width] x cols^T. The depth (width) dwarfs the output, so
    /// one GEMM would run on a handful of groups: split-K instead, one GEMM problem per slice of
    /// samples in a single batched launch, then a fixed-order sum of the slices.
    /// </summary>
    public void Im2colBackwardWeights(in Conv2dGeometry g, ArrayView<float> x, ArrayView<float> dy, ArrayView<float> dw, in ConvFusion f)
    {
        int chunk = Chunk(g, out var columns, out var channels);
        for (int first = 0; first < g.Batch; first += chunk)
        {
            int count = Math.Min(chunk, g.Batch - first);
            Im2col(g, x, columns, first, count, f);
            ToChannelMajor(g, dy, channels, first, count);
            var gemm = gemmFor(g.OutChannels, g.Patch);
            if (gemm.Name == CuBlasGemm.Name)
            {
                // cuBLAS splits deep products itself: one GEMM, accumulated into dW across chunks by beta.
                var whole = GemmLaunchers.Args(false, true, g.OutChannels, g.Patch, count * g.OutPixels, 1f, first > 0 ? 1f : 0f);
                gemm.Launch(channels, columns, dw, whole, 1);
                continue;
            }
            int perSlice = SamplesPerSlice(g, count), slices = count / perSlice;
            int depth = count * g.OutPixels, sliceDepth = perSlice * g.OutPixels;
            var partial = scratch.Get(ConvScratchSlot.Partials, (long)slices * g.WeightCount);
            // problem q: dy chunk columns [q sliceDepth, (q + 1) sliceDepth) times the same columns of cols, transposed.
            var args = new GemmArgs(g.OutChannels, g.Patch, sliceDepth, 1f, 0f,
                ARow: depth, ACol: 1, ABatch: sliceDepth, BRow: 1, BCol: depth, BBatch: sliceDepth, CBatch: g.WeightCount, RowBlocks: 0);
            gemm.Launch(channels, columns, partial, args, slices);
            SumPartials(partial, dw, slices, g.WeightCount, accumulate: first > 0);
        }
    }

    /// <summary>Samples per split-K slice: a divisor of count (slices must be equal), as large as allows about 64 GEMM blocks in all.</summary>
    private static int SamplesPerSlice(in Conv2dGeometry g, int count)
    {
        long tiles = (long)((g.OutChannels + 63) / 64) * ((g.Patch + 63) / 64);
        int wantedSlices = (int)Math.Clamp(64 / tiles, 1, count);
        int perSlice = (count + wantedSlices - 1) / wantedSlices;
        while (count % perSlice != 0) perSlice--;
        return perSlice;
    }

    /// <summary>Samples per im2col chunk (at least one), and the scratch views for that many.</summary>
    private int Chunk(in Conv2dGeometry g, out ArrayView<float> columns, out ArrayView<float> channels)
    {
        long perSample = (long)Math.Max(g.Patch, g.OutChannels) * g.OutPixels;
        int chunk = (int)Math.Clamp(scratch.ChunkLimit / perSample, 1, g.Batch);
        columns = scratch.Get(ConvScratchSlot.Columns, (long)g.Patch * g.OutPixels * chunk);
        channels = scratch.Get(ConvScratchSlot.Channels, (long)g.OutChannels * g.OutPixels * chunk);
        return chunk;
    }

    private void Im2col(in Conv2dGeometry g, ArrayView<float> x, ArrayView<float> columns, int first, int count, in ConvFusion f) =>
        (_im2col ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, ConvShape, int, int>(ConvKernels.Im2col))(
            device.Launch(), KernelDevice.Cover((long)g.Patch * count * g.OutPixels, Group), x, columns, f.Shape(g), first, count);

    private void ToChannelMajor(in Conv2dGeometry g, ArrayView<float> dy, ArrayView<float> channels, int first, int count) =>
        (_nchwToChunk ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, int, int, int, int>(ConvKernels.NchwToChunk))(
            device.Launch(), KernelDevice.Cover((long)count * g.OutputSize, Group), dy, channels, first, count, g.OutChannels, g.OutPixels);
}
