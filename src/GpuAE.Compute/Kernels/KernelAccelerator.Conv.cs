namespace GpuAE.Compute.Kernels;

/// <summary>
/// Conv2d on the kernel runtimes, in the two variants of kernels/conv.cl: "direct" (one
/// work-item per output element) and "im2col" (column matrix + the GEMM kernels). im2col runs
/// the batch in chunks whose scratch (columns, channel-major staging) stays under
/// <see cref="ConvScratchFloats"/> floats; scratch buffers are kept and only grow, so
/// steady-state training steps allocate nothing on the device.
/// </summary>
public abstract partial class KernelAccelerator
{
    /// <summary>
    /// Conv variants of kernels/conv.cl, default first: direct trains conv-keras about four times as
    /// fast as im2col on PoCL (2.4-2.9 s against 10 s per batch-128 step, shared machine; im2col's columns cost most
    /// in the layers with one input or output channel, and its weight gradient is a deep, narrow GEMM).
    /// </summary>
    public static readonly IReadOnlyList<string> ConvVariants = ["direct", "im2col"];

    /// <summary>
    /// The most floats one im2col scratch buffer may hold (default 2^24, 64 MiB), unless one
    /// sample needs more; larger batches run in chunks. Tests lower it to cover chunking.
    /// </summary>
    internal int ConvScratchFloats { get; set; } = 1 << 24;

    private readonly KernelSlot _convDirectForward = new("conv.cl", "conv2d_direct_forward");
    private readonly KernelSlot _convDirectBackwardData = new("conv.cl", "conv2d_direct_backward_data");
    private readonly KernelSlot _convDirectBackwardWeights = new("conv.cl", "conv2d_direct_backward_weights");
    private readonly KernelSlot _im2col = new("conv.cl", "conv2d_im2col");
    private readonly KernelSlot _col2im = new("conv.cl", "conv2d_col2im");
    private readonly KernelSlot _chunkToNchw = new("conv.cl", "conv2d_chunk_to_nchw");
    private readonly KernelSlot _nchwToChunk = new("conv.cl", "conv2d_nchw_to_chunk");
    private readonly KernelSlot _sumPartials = new("conv.cl", "conv2d_sum_partials");

    /// <summary>im2col scratch: the column matrix [Patch, chunk pixels] and the channel-major [OutChannels, chunk pixels] staging.</summary>
    private DeviceBuffer? _convColumns, _convChannels;

    /// <summary>Split-K partial weight gradients, [slices, OutChannels x Patch].</summary>
    private DeviceBuffer? _convPartials;

    protected override void Conv2dForwardCore(Conv2dGeometry g, DeviceBuffer input, DeviceBuffer weights, DeviceBuffer output)
    {
        CheckConv(nameof(Conv2dForward), g, input, weights, output);
        if (UseDirectConv())
        {
            Launch1D(_convDirectForward, g.Batch * g.OutputSize, [input, weights, output, g.Batch, g.InChannels, g.InHeight, g.InWidth, g.OutChannels, g.Kernel, g.Stride, g.Padding, g.OutHeight, g.OutWidth]);
            return;
        }
        int chunk = ConvChunk(g);
        for (int first = 0; first < g.Batch; first += chunk)
        {
            int count = Math.Min(chunk, g.Batch - first);
            Im2col(g, input, first, count);
            int columns = count * g.OutPixels;
            GemmStrided(1, g.OutChannels, columns, g.Patch, 1f, weights, g.Patch, 1, 0, _convColumns!, columns, 1, 0, 0f, _convChannels!,
                ConvGemmVariant(g.OutChannels, columns));
            BeginConv(nameof(Conv2dForward), g);
            Launch1D(_chunkToNchw, count * g.OutputSize, [_convChannels!, output, first, count, g.OutChannels, g.OutPixels]);
        }
    }

    protected override void Conv2dBackwardDataCore(Conv2dGeometry g, DeviceBuffer outputGradient, DeviceBuffer weights, DeviceBuffer inputGradient)
    {
        CheckConv(nameof(Conv2dBackwardData), g, inputGradient, weights, outputGradient);
        if (UseDirectConv())
        {
            Launch1D(_convDirectBackwardData, g.Batch * g.InputSize, [outputGradient, weights, inputGradient, g.Batch, g.InChannels, g.InHeight, g.InWidth, g.OutChannels, g.Kernel, g.Stride, g.Padding, g.OutHeight, g.OutWidth]);
            return;
        }
        int chunk = ConvChunk(g);
        for (int first = 0; first < g.Batch; first += chunk)
        {
            int count = Math.Min(chunk, g.Batch - first);
            ToChannelMajor(g, outputGradient, first, count);
            int columns = count * g.OutPixels;
            // cols [Patch, columns] = W^T dy chunk: op(A)[i, p] = W[p, i].
            GemmStrided(1, g.Patch, columns, g.OutChannels, 1f, weights, 1, g.Patch, 0, _convChannels!, columns, 1, 0, 0f, _convColumns!,
                ConvGemmVariant(g.Patch, columns));
            BeginConv(nameof(Conv2dBackwardData), g);
            Launch1D(_col2im, count * g.InputSize, [_convColumns!, inputGradient, first, count, g.InChannels, g.InHeight, g.InWidth, g.Kernel, g.Stride, g.Padding, g.OutHeight, g.OutWidth]);
        }
    }

    protected override void Conv2dBackwardWeightsCore(Conv2dGeometry g, DeviceBuffer input, DeviceBuffer outputGradient, DeviceBuffer weightGradient)
    {
        CheckConv(nameof(Conv2dBackwardWeights), g, input, weightGradient, outputGradient);
        if (UseDirectConv())
        {
            Launch1D(_convDirectBackwardWeights, g.WeightCount, [input, outputGradient, weightGradient, g.Batch, g.InChannels, g.InHeight, g.InWidth, g.OutChannels, g.Kernel, g.Stride, g.Padding, g.OutHeight, g.OutWidth]);
            return;
        }
        int chunk = ConvChunk(g);
        for (int first = 0; first < g.Batch; first += chunk)
        {
            int count = Math.Min(chunk, g.Batch - first);
            Im2col(g, input, first, count);
            ToChannelMajor(g, outputGradient, first, count);
            WeightGradientFromColumns(g, count, weightGradient, accumulate: first > 0);
        }
    }

    /// <summary>
    /// dW [OC, Patch] (+)= dy chunk [OC, count OP] x cols^T. The depth (count OP) dwarfs the
    /// output, so one GEMM would run on a handful of work-groups: split-K instead, one GEMM
    /// problem per slice of samples in a single batched launch, then a fixed-order sum of the slices.
    /// </summary>
    private void WeightGradientFromColumns(in Conv2dGeometry g, int count, DeviceBuffer weightGradient, bool accumulate)
    {
        int perSlice = SamplesPerSlice(g, count), slices = count / perSlice, depth = count * g.OutPixels, sliceDepth = perSlice * g.OutPixels;
        EnsureScratch(ref _convPartials, (long)slices * g.WeightCount);
        Begin(nameof(Conv2dBackwardWeights), "split-K: {0} slices of {1} samples, {2} weights", slices, perSlice, g.WeightCount);
        GemmStrided(slices, g.OutChannels, g.Patch, sliceDepth, 1f, _convChannels!, depth, 1, sliceDepth,
            _convColumns!, 1, depth, sliceDepth, 0f, _convPartials!, ConvGemmVariant(g.OutChannels, g.Patch));
        Launch1D(_sumPartials, g.WeightCount, [_convPartials!, weightGradient, slices, g.WeightCount, accumulate ? 1 : 0]);
    }

    /// <summary>
    /// The selected GEMM variant, except that a register-blocked one whose blocks would be more
    /// than half padding for an m x n output (one output channel, a 3x3 single-channel patch)
    /// gives way to the 16x16 tiled kernel, which wastes far less there.
    /// </summary>
    private string ConvGemmVariant(int m, int n)
    {
        string selected = Kernels["gemm"] ?? GemmVariants[0];
        if (selected is not ("regblock" or "regblock-vec")) return selected;
        long padded = (long)RoundUp(m, Tuning.GemmBlockM) * RoundUp(n, Tuning.GemmBlockN);
        return padded > 2L * m * n ? "tiled" : selected;
    }

    /// <summary>
    /// Samples per split-K slice: a divisor of count (slices must be equal), as large as allows
    /// about 64 work-groups in all (enough to fill a GPU; PoCL runs them on its threads).
    /// </summary>
    private int SamplesPerSlice(in Conv2dGeometry g, int count)
    {
        long tiles = (long)((g.OutChannels + Tuning.GemmBlockM - 1) / Tuning.GemmBlockM) * ((g.Patch + Tuning.GemmBlockN - 1) / Tuning.GemmBlockN);
        int wantedSlices = (int)Math.Clamp(64 / tiles, 1, count);
        int perSlice = (count + wantedSlices - 1) / wantedSlices;
        while (count % perSlice != 0) perSlice--;
        return perSlice;
    }

    private bool UseDirectConv() => (Kernels["conv"] ?? ConvVariants[0]) switch
    {
        "im2col" => false,
        "direct" => true,
        _ => throw new ArgumentException($"--kernels: unknown conv variant '{Kernels["conv"]}' for {Type} (have: {string.Join(", ", ConvVariants)})"),
    };

    private void CheckConv(string op, in Conv2dGeometry g, DeviceBuffer input, DeviceBuffer weights, DeviceBuffer output)
    {
        g.Validate();
        Need(input, (long)g.Batch * g.InputSize, op, "input");
        Need(weights, g.WeightCount, op, "weights");
        Need(output, (long)g.Batch * g.OutputSize, op, "output");
        BeginConv(op, g);
    }

    private void BeginConv(string op, in Conv2dGeometry g) =>
        Begin(op, "batch={0} {1}->{2} channels", g.Batch, g.InChannels, g.OutChannels);

    /// <summary>Samples per im2col chunk (at least one), and the scratch for that many, grown if needed.</summary>
    private int ConvChunk(in Conv2dGeometry g)
    {
        long perSample = (long)Math.Max(g.Patch, g.OutChannels) * g.OutPixels;
        int chunk = (int)Math.Clamp(ConvScratchFloats / perSample, 1, g.Batch);
        EnsureScratch(ref _convColumns, (long)g.Patch * g.OutPixels * chunk);
        EnsureScratch(ref _convChannels, (long)g.OutChannels * g.OutPixels * chunk);
        return chunk;
    }

    private void EnsureScratch(ref DeviceBuffer? buffer, long length)
    {
        if (buffer is not null && buffer.Length >= length) return;
        if (length > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(length), $"{CurrentOperation}: one sample needs {length} floats of conv scratch, more than one buffer holds");
        buffer?.Dispose();
        buffer = null;
        buffer = Allocate((int)length);
    }

    /// <summary>Releases the conv scratch; runtimes call it before they release their context.</summary>
    protected void ReleaseConvScratch()
    {
        _convColumns?.Dispose(); _convColumns = null;
        _convChannels?.Dispose(); _convChannels = null;
        _convPartials?.Dispose(); _convPartials = null;
    }

    private void Im2col(in Conv2dGeometry g, DeviceBuffer input, int first, int count)
    {
        BeginConv("conv2d im2col", g);
        Launch1D(_im2col, g.Patch * count * g.OutPixels, [input, _convColumns!, first, count, g.InChannels, g.InHeight, g.InWidth, g.Kernel, g.Stride, g.Padding, g.OutHeight, g.OutWidth]);
    }

    private void ToChannelMajor(in Conv2dGeometry g, DeviceBuffer outputGradient, int first, int count)
    {
        BeginConv("conv2d gradient staging", g);
        Launch1D(_nchwToChunk, count * g.OutputSize, [outputGradient, _convChannels!, first, count, g.OutChannels, g.OutPixels]);
    }
}
