using System.Numerics.Tensors;
using GpuAE.Compute.Tuning;
using GpuAE.Kernels.Conv;

namespace GpuAE.Compute.Cpu;

/// <summary>
/// Convolution ops on the host, split into sample ranges by <see cref="CpuConvJob"/>; channel
/// bias and channel sums.
/// </summary>
public sealed partial class CpuAccelerator
{
    private readonly CpuConvScratch[] _convScratch = CreateConvScratch();
    private CpuConvJob? _convJobInstance;

    /// <summary>The conv job, made on first use: only the conv ops need it.</summary>
    private CpuConvJob ConvJob => _convJobInstance ??= new CpuConvJob(_convScratch);

    private static CpuConvScratch[] CreateConvScratch()
    {
        var slots = new CpuConvScratch[Math.Max(1, Environment.ProcessorCount)];
        for (int i = 0; i < slots.Length; i++) slots[i] = new CpuConvScratch();
        return slots;
    }

    protected override void Conv2dForwardCore(Conv2dGeometry g, DeviceBuffer input, DeviceBuffer weights, DeviceBuffer output, DeviceBuffer? bias,
        ActivationKind activation, float alpha, bool upsampledInput, ConvPool? pool)
    {
        ConvJob.Run(CpuConvJob.Pass.Forward, g, D(input), D(weights), D(output), Kernels.For(ShapeKey.Conv(TunedOp.ConvForward, g)), Kernels["gemm"],
            new CpuConvJob.Fusion(bias is null ? null : D(bias), activation, alpha, upsampledInput, Pool: PoolOf(pool), SubPixel: SubPixel(g, upsampledInput)));
    }

    protected override void Conv2dBackwardDataCore(Conv2dGeometry g, DeviceBuffer outputGradient, DeviceBuffer weights, DeviceBuffer inputGradient,
        bool upsampledInput, DeviceBuffer? reluGate, ConvPool? pool)
    {
        ConvJob.Run(CpuConvJob.Pass.BackwardData, g, D(outputGradient), D(weights), D(inputGradient), Kernels.For(ShapeKey.Conv(TunedOp.ConvBackwardData, g)), Kernels["gemm"],
            new CpuConvJob.Fusion(UpsampledInput: upsampledInput, ReluGate: reluGate is null ? null : D(reluGate), Pool: PoolOf(pool), SubPixel: SubPixel(g, upsampledInput)));
    }

    /// <summary>
    /// Whether a conv of an upsampled input runs as the sub-pixel conv (the default where it
    /// fits) or on the upsampling made per sample (`--kernels upsample-conv=upsampled`).
    /// </summary>
    private bool SubPixel(in Conv2dGeometry g, bool upsampledInput) => upsampledInput && (Kernels[CpuSubPixel.Op] ?? CpuSubPixel.Name) switch
    {
        CpuSubPixel.Name => CpuSubPixel.Fits(g),
        CpuSubPixel.Upsampled => false,
        var other => throw new ArgumentException($"unknown CPU {CpuSubPixel.Op} variant '{other}' (have: {string.Join(", ", CpuSubPixel.Variants)})"),
    };

    private static CpuConvJob.PoolArrays? PoolOf(ConvPool? pool) =>
        pool is null ? null : new CpuConvJob.PoolArrays(D(pool.Indices), pool.CeilMode, pool.Gate is null ? null : D(pool.Gate), pool.Activation, pool.Alpha);

    /// <summary>Each sample range sums its partial gradients in its scratch slot; they are added here in range order.</summary>
    protected override void Conv2dBackwardWeightsCore(Conv2dGeometry g, DeviceBuffer input, DeviceBuffer outputGradient, DeviceBuffer weightGradient, DeviceBuffer? biasGradient,
        bool upsampledInput, ConvPool? pool)
    {
        int parts = ConvJob.Run(CpuConvJob.Pass.BackwardWeights, g, D(input), D(outputGradient), D(weightGradient), Kernels.For(ShapeKey.Conv(TunedOp.ConvBackwardWeights, g)), Kernels["gemm"],
            new CpuConvJob.Fusion(biasGradient is null ? null : D(biasGradient), UpsampledInput: upsampledInput, Pool: PoolOf(pool), SubPixel: SubPixel(g, upsampledInput)));
        var total = D(weightGradient).AsSpan(0, g.WeightCount);
        _convScratch[0].Weights.AsSpan(0, g.WeightCount).CopyTo(total);
        for (int p = 1; p < parts; p++) TensorPrimitives.Add(total, _convScratch[p].Weights.AsSpan(0, g.WeightCount), total);
        if (biasGradient is null) return;
        var sums = D(biasGradient);
        for (int c = 0; c < g.OutChannels; c++)
        {
            double sum = 0;
            for (int p = 0; p < parts; p++) sum += _convScratch[p].BiasSums[c];
            sums[c] = (float)sum;
        }
    }

    protected override void AddChannelBiasCore(DeviceBuffer y, DeviceBuffer bias, int batch, int channels, int pixels)
    {
        var yd = D(y); var b = D(bias);
        ForRows(batch * channels, pixels, plane =>
        {
            var row = yd.AsSpan(plane * pixels, pixels);
            TensorPrimitives.Add(row, b[plane % channels], row);
        });
    }

    protected override void SumChannelsCore(DeviceBuffer x, DeviceBuffer sums, int batch, int channels, int pixels, float beta)
    {
        var xd = D(x); var s = D(sums);
        ForRows(channels, batch * pixels, c =>
        {
            double sum = 0;
            for (int n = 0; n < batch; n++) sum += TensorPrimitives.Sum(xd.AsSpan((n * channels + c) * pixels, pixels));
            s[c] = (float)sum + (beta == 0 ? 0f : beta * s[c]);
        });
    }
}
