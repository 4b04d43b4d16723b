using GpuAE.Compute;
using GpuAE.Kernels.Spatial;

namespace GpuAE.Kernels.Conv;

/// <summary>
/// The parts of a conv pass that a training step fuses into it (see Network and
/// Accelerator.Conv2dForward): done per sample, in the worker's scratch, while the sample's
/// planes are in cache, so that the full-size tensors never reach memory.
/// </summary>
internal sealed partial class CpuConvJob
{
    /// <summary>
    /// What a pass does besides the conv, per sample while it is in cache: Forward adds the bias
    /// and applies the activation; BackwardWeights sums the bias gradient when Bias is given;
    /// UpsampledInput reads x (or writes dx) as the x2 nearest upsampling of a buffer a quarter the
    /// size, made per sample in scratch, or with SubPixel never made (CpuSubPixel: the caller
    /// checks that it fits); BackwardData zeroes dx where the ReLU gate is not positive; Pool
    /// (see PoolArrays).
    /// </summary>
    public readonly record struct Fusion(float[]? Bias = null, ActivationKind Activation = ActivationKind.Identity, float Alpha = 0f,
        bool UpsampledInput = false, float[]? ReluGate = null, PoolArrays? Pool = null, bool SubPixel = false);

    /// <summary>
    /// A 2x2 max-pool on the conv's output: Forward pools each sample's finished output into y
    /// and Indices; the backward passes route each sample's pooled gradient (through the
    /// activation's derivative at the gate, when one is given) back to full
    /// size in this worker's scratch, so the full-size tensors stay in cache.
    /// </summary>
    public sealed record PoolArrays(float[] Indices, bool CeilMode, float[]? Gate, ActivationKind Activation, float Alpha);
    /// <summary>Sample n's input planes for the conv that runs: x's own, or its x2 upsampling in this worker's scratch.</summary>
    private ReadOnlySpan<float> InputOf(CpuConvScratch s, int n)
    {
        var g = _g;
        if (!_fusion.UpsampledInput || _subPixel) return _x.AsSpan(n * g.InputSize, g.InputSize);
        int h = g.InHeight / 2, w = g.InWidth / 2, small = h * w;
        var up = CpuConvScratch.Ensure(ref s.Upsampled, g.InputSize);
        for (int c = 0; c < g.InChannels; c++)
            CpuUpsample.ForwardPlane(_x.AsSpan((n * g.InChannels + c) * small, small), up.AsSpan(c * 4 * small, 4 * small), h, w);
        return up.AsSpan(0, g.InputSize);
    }

    /// <summary>One output plane of the pool: (rows, columns, rows x columns).</summary>
    private (int Height, int Width, int Size) PooledPlane()
    {
        bool ceil = _fusion.Pool!.CeilMode;
        int h = ceil ? (_outer.OutHeight + 1) / 2 : _outer.OutHeight / 2, w = ceil ? (_outer.OutWidth + 1) / 2 : _outer.OutWidth / 2;
        return (h, w, h * w);
    }

    /// <summary>
    /// Sample n's output gradient: the op's own (dy: the first buffer of BackwardData, the second
    /// of BackwardWeights), or its pooled gradient routed back through the argmax (and the ReLU
    /// gate) into this worker's scratch (into, when given).
    /// </summary>
    private ReadOnlySpan<float> OutputGradientOf(CpuConvScratch s, float[] dy, int n, float[]? into = null)
    {
        var g = _outer;
        if (_fusion.Pool is not { } pool) return dy.AsSpan(n * g.OutputSize, g.OutputSize);
        var (_, pw, plane) = PooledPlane();
        var full = into ?? CpuConvScratch.Ensure(ref s.Unpooled, g.OutputSize);
        for (int o = 0; o < g.OutChannels; o++)
        {
            int at = (n * g.OutChannels + o) * plane;
            CpuPooling.UnpoolPlane(dy.AsSpan(at, plane), pool.Indices.AsSpan(at, plane), full.AsSpan(o * g.OutPixels, g.OutPixels), g.OutHeight, g.OutWidth, pw,
                pool.Gate is null ? default : pool.Gate.AsSpan(at, plane), pool.Activation, pool.Alpha);
        }
        return full.AsSpan(0, g.OutputSize);
    }

    /// <summary>Pools sample n's finished output (in scratch) into y and the indices.</summary>
    private void PoolSample(ReadOnlySpan<float> yn, int n)
    {
        var g = _outer;
        var (_, pw, plane) = PooledPlane();
        for (int o = 0; o < g.OutChannels; o++)
        {
            int at = (n * g.OutChannels + o) * plane;
            CpuPooling.PoolPlane(yn.Slice(o * g.OutPixels, g.OutPixels), _y.AsSpan(at, plane), _fusion.Pool!.Indices.AsSpan(at, plane), g.OutHeight, g.OutWidth, pw);
        }
    }

    /// <summary>Sample n's output gradient as the conv that runs takes it: the sub-pixel conv's phases gathered into this worker's scratch.</summary>
    private ReadOnlySpan<float> ConvGradientOf(CpuConvScratch s, ReadOnlySpan<float> dyn)
    {
        if (!_subPixel) return dyn;
        var phases = PhasesOf(s);
        CpuSubPixel.Gather(_outer, dyn, phases);
        return phases;
    }

    /// <summary>This worker's scratch for one sample's sub-pixel output phases (or their gradient).</summary>
    private Span<float> PhasesOf(CpuConvScratch s) => CpuConvScratch.Ensure(ref s.Phases, _g.OutputSize).AsSpan(0, _g.OutputSize);
}
