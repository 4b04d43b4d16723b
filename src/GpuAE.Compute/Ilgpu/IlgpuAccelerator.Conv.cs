using GpuAE.Compute.Tuning;
using GpuAE.Kernels.Conv;
using GpuAE.Kernels.Dropout;
using GpuAE.Kernels.Normalization;
using GpuAE.Kernels.Spatial;
using ILGPU;

namespace GpuAE.Compute.Ilgpu;

/// <summary>Convolution (in the selected variant), channel bias, pooling, upsampling, batch norm and dropout.</summary>
public sealed partial class IlgpuAccelerator
{
    /// <summary>The default convolution: im2col trained conv-keras 4-5x as fast as direct on an H200 (see README, "Kernel variants").</summary>
    public const string DefaultConv = "im2col";

    private readonly SpatialLaunchers _spatial;
    private readonly BatchNormLaunchers _batchNorm;
    private readonly DropoutLaunchers _dropout;
    private readonly ConvLaunchers _conv;
    private readonly IReadOnlyList<ConvVariant> _convVariants;
    private readonly DeviceBuffer?[] _convScratch = new DeviceBuffer?[3];
    private DeviceBuffer? _poolScratch;

    /// <summary>The most floats one im2col scratch buffer may hold (default 2^24, 64 MiB) unless one sample needs more; tests lower it to cover chunking.</summary>
    internal long ConvScratchFloats { get; set; } = 1 << 24;

    private readonly Dictionary<string, ConvVariant> _convByName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The conv variant for one pass at one shape: explicit, tuned, or the default.</summary>
    private ConvVariant ConvFor(TunedOp pass, in Conv2dGeometry g) =>
        Kernels.For(ShapeKey.Conv(pass, g)) is string name ? Named(_convByName, name, "conv") : _convVariants[0];

    // The conv kernels add the bias and apply the activation as they write, read an upsampled
    // input through (the upsampling is never made), and write an upsampled input's gradient
    // summed down, through a ReLU gate: one launch per pass where the layers apart took two or three.
    protected override void Conv2dForwardCore(Conv2dGeometry g, DeviceBuffer input, DeviceBuffer weights, DeviceBuffer output, DeviceBuffer? bias,
        ActivationKind activation, float alpha, bool upsampledInput, ConvPool? pool)
    {
        var y = pool is null ? V(output) : Scratch(ref _poolScratch, (long)g.Batch * g.OutputSize);
        var fusion = new ConvFusion(upsampledInput, bias is null ? null : V(bias), activation, alpha);
        ConvFor(TunedOp.ConvForward, g).Forward(g, V(input), V(weights), y, fusion);
        if (pool is not null) _spatial.MaxPoolForward(y, V(output), V(pool.Indices), PoolOf(g, pool));
    }

    /// <summary>The conv's output gradient: the buffer itself, or the pooled gradient routed back to full size in a scratch buffer (one launch).</summary>
    private ArrayView<float> ConvOutputGradient(in Conv2dGeometry g, DeviceBuffer outputGradient, ConvPool? pool)
    {
        if (pool is null) return V(outputGradient);
        var dy = Scratch(ref _poolScratch, (long)g.Batch * g.OutputSize);
        _spatial.MaxPoolBackward(V(outputGradient), V(pool.Indices), dy, PoolOf(g, pool), pool.Gate is null ? null : V(pool.Gate), pool.Activation, pool.Alpha);
        return dy;
    }

    private static PoolShape PoolOf(in Conv2dGeometry g, ConvPool pool) => Pool(g.Batch * g.OutChannels, g.OutHeight, g.OutWidth, pool.CeilMode);

    protected override void Conv2dBackwardDataCore(Conv2dGeometry g, DeviceBuffer outputGradient, DeviceBuffer weights, DeviceBuffer inputGradient,
        bool upsampledInput, DeviceBuffer? reluGate, ConvPool? pool) =>
        ConvFor(TunedOp.ConvBackwardData, g).BackwardData(g, ConvOutputGradient(g, outputGradient, pool), V(weights), V(inputGradient),
            new ConvFusion(upsampledInput, ReluGate: reluGate is null ? null : V(reluGate)));

    protected override void Conv2dBackwardWeightsCore(Conv2dGeometry g, DeviceBuffer input, DeviceBuffer outputGradient, DeviceBuffer weightGradient, DeviceBuffer? biasGradient,
        bool upsampledInput, ConvPool? pool)
    {
        var dy = ConvOutputGradient(g, outputGradient, pool);
        ConvFor(TunedOp.ConvBackwardWeights, g).BackwardWeights(g, V(input), dy, V(weightGradient), new ConvFusion(upsampledInput));
        if (biasGradient is not null) _spatial.SumChannels(dy, V(biasGradient), g.Batch, g.OutChannels, g.OutPixels, 0f);
    }

    /// <summary>The first `floats` of a scratch buffer, grown when a larger one is needed and kept (warm steps allocate nothing).</summary>
    private ArrayView<float> Scratch(ref DeviceBuffer? buffer, long floats)
    {
        if (buffer is null || buffer.Length < floats)
        {
            if (floats > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(floats), $"conv scratch of {floats} floats does not fit one buffer");
            buffer?.Dispose();
            buffer = null;
            buffer = Allocate((int)Math.Max(floats, 1));
        }
        return V(buffer).SubView(0, floats);
    }

    protected override void AddChannelBiasCore(DeviceBuffer y, DeviceBuffer bias, int batch, int channels, int pixels) =>
        _spatial.AddChannelBias(V(y), V(bias), batch, channels, pixels);

    protected override void SumChannelsCore(DeviceBuffer x, DeviceBuffer sums, int batch, int channels, int pixels, float beta) =>
        _spatial.SumChannels(V(x), V(sums), batch, channels, pixels, beta);

    protected override void MaxPool2dForwardCore(DeviceBuffer input, DeviceBuffer output, DeviceBuffer indices, int planes, int height, int width, bool ceilMode) =>
        _spatial.MaxPoolForward(V(input), V(output), V(indices), Pool(planes, height, width, ceilMode));

    protected override void MaxPool2dBackwardCore(DeviceBuffer outputGradient, DeviceBuffer indices, DeviceBuffer inputGradient, int planes, int height, int width, bool ceilMode,
        DeviceBuffer? reluGate) =>
        _spatial.MaxPoolBackward(V(outputGradient), V(indices), V(inputGradient), Pool(planes, height, width, ceilMode), reluGate is null ? null : V(reluGate));

    private static PoolShape Pool(int planes, int height, int width, bool ceilMode) =>
        new(planes, height, width, MaxPoolOutputSize(height, ceilMode), MaxPoolOutputSize(width, ceilMode));

    protected override void Upsample2dForwardCore(DeviceBuffer input, DeviceBuffer output, int planes, int height, int width) =>
        _spatial.UpsampleForward(V(input), V(output), planes, height, width);

    protected override void Upsample2dBackwardCore(DeviceBuffer outputGradient, DeviceBuffer inputGradient, int planes, int height, int width, DeviceBuffer? reluGate) =>
        _spatial.UpsampleBackward(V(outputGradient), V(inputGradient), planes, height, width, reluGate is null ? null : V(reluGate));

    protected override void BatchNorm2dForwardTrainingCore(DeviceBuffer x, DeviceBuffer y, DeviceBuffer gamma, DeviceBuffer beta, DeviceBuffer runningMean, DeviceBuffer runningVar,
        DeviceBuffer savedMean, DeviceBuffer savedInvStd, int batch, int channels, int pixels, float momentum, float epsilon) =>
        _batchNorm.ForwardTraining(V(x), V(y), V(gamma), V(beta), V(runningMean), V(runningVar), V(savedMean), V(savedInvStd),
            new BatchNormShape(batch, channels, pixels, momentum, epsilon));

    protected override void BatchNorm2dForwardInferenceCore(DeviceBuffer x, DeviceBuffer y, DeviceBuffer gamma, DeviceBuffer beta, DeviceBuffer runningMean, DeviceBuffer runningVar,
        int batch, int channels, int pixels, float epsilon) =>
        _batchNorm.ForwardInference(V(x), V(y), V(gamma), V(beta), V(runningMean), V(runningVar), new BatchNormShape(batch, channels, pixels, 0f, epsilon));

    protected override void BatchNorm2dBackwardCore(DeviceBuffer x, DeviceBuffer outputGradient, DeviceBuffer gamma, DeviceBuffer savedMean, DeviceBuffer savedInvStd,
        DeviceBuffer inputGradient, DeviceBuffer gammaGradient, DeviceBuffer betaGradient, int batch, int channels, int pixels) =>
        _batchNorm.Backward(V(x), V(outputGradient), V(gamma), V(savedMean), V(savedInvStd), V(inputGradient), V(gammaGradient), V(betaGradient),
            new BatchNormShape(batch, channels, pixels, 0f, 0f));

    protected override void DropoutForwardCore(DeviceBuffer x, DeviceBuffer y, DeviceBuffer mask, int n, float rate, ulong seed, uint step) =>
        _dropout.Forward(V(x), V(y), V(mask), n, rate, seed, step);

    protected override void DropoutBackwardCore(DeviceBuffer outputGradient, DeviceBuffer mask, DeviceBuffer inputGradient, int n) =>
        _dropout.Backward(V(outputGradient), V(mask), V(inputGradient), n);

    private void ReleaseConvScratch()
    {
        for (int i = 0; i < _convScratch.Length; i++) { _convScratch[i]?.Dispose(); _convScratch[i] = null; }
        _poolScratch?.Dispose();
        _poolScratch = null;
    }

    /// <summary>The convolutions' scratch: device buffers of this accelerator, kept and only grown, so warm steps allocate nothing.</summary>
    private sealed class ConvScratch(IlgpuAccelerator owner) : IConvScratch
    {
        public long ChunkLimit => owner.ConvScratchFloats;

        public ArrayView<float> Get(ConvScratchSlot slot, long length) => owner.Scratch(ref owner._convScratch[(int)slot], length);
    }
}
