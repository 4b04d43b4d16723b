using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>
/// The Conv2d passes a training step fuses with its neighbours (see Network): the activation
/// after it, an activation and max-pool after it, an upsample (and a ReLU) before it.
/// </summary>
public sealed partial class Conv2d
{
    public override bool CanFuseActivation => true;

    /// <summary>The activation after the bias, in the conv op (the CPU applies it per sample while the output is in cache).</summary>
    protected override void ForwardWithActivationCore(DeviceBuffer input, int rows, bool training, ActivationLayer activation)
    {
        _inputUpsampled = false;
        var g = _geometry with { Batch = rows };
        Accelerator.Conv2dForward(g, input, Weights.Value, activation.Output, Bias.Value, activation.Activation, activation.Alpha);
    }

    /// <summary>Whether the last forward read its input through a fused x2 upsampling (Input then holds the small planes).</summary>
    private bool _inputUpsampled;

    /// <summary>
    /// Forward from the input of the Upsample2d layer right before this one, which is skipped:
    /// the conv reads the x2 upsampling of `smallInput` (its planes never reach memory on the CPU).
    /// With an activation, the result goes to its Output as in <see cref="Layer.ForwardWithActivation"/>.
    /// </summary>
    public void ForwardFromUpsampled(DeviceBuffer smallInput, int rows, ActivationLayer? activation)
    {
        BeginForward(smallInput, rows);
        _inputUpsampled = true;
        var g = _geometry with { Batch = rows };
        Accelerator.Conv2dForward(g, smallInput, Weights.Value, activation?.Output ?? Output, Bias.Value,
            activation?.Activation ?? ActivationKind.Identity, activation?.Alpha ?? 0f, upsampledInput: true);
    }

    /// <summary>
    /// Backward through this conv and the Upsample2d before it: the gradient of the upsample's
    /// input lands in its InputGradient, zeroed where `reluGate` (the output of a ReLU before the
    /// upsample, whose backward this then is too) is not positive.
    /// </summary>
    public void BackwardThroughUpsample(DeviceBuffer outputGradient, int rows, Upsample2d upsample, DeviceBuffer? reluGate)
    {
        CheckRows(rows);
        var g = BackwardWeights(outputGradient, rows);
        if (upsample.InputGradient is { } dx) Accelerator.Conv2dBackwardData(g, outputGradient, Weights.Value, dx, upsampledInput: true, reluGate: reluGate);
    }

    /// <summary>The pool fused onto this conv's output, for forward (no gate) and backward (gated by the pooled output); made once, so steps allocate nothing.</summary>
    private (ConvPool Forward, ConvPool Backward)? _pool;

    private (ConvPool Forward, ConvPool Backward) PoolFor(MaxPool2d pool, ActivationLayer activation) =>
        _pool ??= (new ConvPool(pool.Indices, pool.CeilMode), new ConvPool(pool.Indices, pool.CeilMode, pool.Output, activation.Activation, activation.Alpha));

    /// <summary>
    /// Forward through this conv, the activation after it and the MaxPool2d after that, in one op:
    /// the pooled planes and their argmax go to the pool's Output and Indices (as if both had run);
    /// neither this conv's nor the activation's full-size output is written.
    /// </summary>
    public void ForwardPooled(DeviceBuffer input, int rows, ActivationLayer activation, MaxPool2d pool)
    {
        BeginForward(input, rows);
        _inputUpsampled = false;
        var g = _geometry with { Batch = rows };
        Accelerator.Conv2dForward(g, input, Weights.Value, pool.Output, Bias.Value, activation.Activation, activation.Alpha, pool: PoolFor(pool, activation).Forward);
    }

    /// <summary>
    /// Backward through the MaxPool2d and activation after this conv and the conv itself, from
    /// the pooled output's gradient: the full-size gradients stay inside the ops.
    /// </summary>
    public void BackwardPooled(DeviceBuffer pooledGradient, int rows, ActivationLayer activation, MaxPool2d pool)
    {
        CheckRows(rows);
        var gated = PoolFor(pool, activation).Backward;
        var g = BackwardWeights(pooledGradient, rows, gated);
        if (InputGradient is not null) Accelerator.Conv2dBackwardData(g, pooledGradient, Weights.Value, InputGradient, pool: gated);
    }
}
