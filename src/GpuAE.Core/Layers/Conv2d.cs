using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>
/// 2-D convolution over NCHW samples with a square kernel, weights [out, in, k, k] and one bias
/// per output channel (PyTorch's nn.Conv2d). "Same" padding (k - 1) / 2 keeps the size for odd
/// kernels at stride 1. Forward and backward are the accelerator's conv ops plus channel bias.
/// </summary>
public sealed class Conv2d : Layer
{
    private Conv2dGeometry _geometry;

    public Conv2d(int outChannels, int kernel, int stride = 1, int padding = 0, InitScheme init = InitScheme.Glorot)
    {
        if (outChannels <= 0 || kernel <= 0 || stride <= 0 || padding < 0)
            throw new ArgumentException($"Conv2d: channels, kernel and stride must be positive and padding not negative (got {outChannels}, {kernel}, {stride}, {padding})");
        (OutChannels, Kernel, Stride, Padding, Init) = (outChannels, kernel, stride, padding, init);
    }

    /// <summary>A stride-1 convolution padded to keep height and width ("same"); needs an odd kernel.</summary>
    public static Conv2d Same(int outChannels, int kernel, InitScheme init = InitScheme.Glorot)
    {
        if (kernel % 2 == 0) throw new ArgumentException($"Conv2d: 'same' padding needs an odd kernel, got {kernel}");
        return new Conv2d(outChannels, kernel, 1, (kernel - 1) / 2, init);
    }

    public int OutChannels { get; }
    public int Kernel { get; }
    public int Stride { get; }
    public int Padding { get; }
    public InitScheme Init { get; }
    public Parameter Weights { get; private set; } = null!;
    public Parameter Bias { get; private set; } = null!;

    public override string Kind => "Conv2d";

    public override IReadOnlyList<Parameter> Parameters => [Weights, Bias];

    public override TensorShape InferOutputShape(TensorShape input)
    {
        var g = GeometryFor(input);
        try { g.Validate(); }
        catch (ArgumentException e) { throw new ArgumentException($"Conv2d on {input}: {e.Message}", e); }
        return new TensorShape(OutChannels, g.OutHeight, g.OutWidth);
    }

    private Conv2dGeometry GeometryFor(TensorShape input) =>
        new(1, input.Channels, input.Height, input.Width, OutChannels, Kernel, Stride, Padding);

    protected override IEnumerable<(string, long)> PlanParameters(TensorShape input) =>
        [("weight", (long)OutChannels * input.Channels * Kernel * Kernel), ("bias", OutChannels)];

    protected override void OnBuild(ParameterInitializer init)
    {
        _geometry = GeometryFor(InputShape);
        int fanIn = InputShape.Channels * Kernel * Kernel, count = OutChannels * fanIn;
        float[] w = Init == InitScheme.He ? init.HeNormal(count, fanIn) : init.GlorotUniform(count, fanIn, OutChannels * Kernel * Kernel);
        Weights = CreateParameter("weight", [OutChannels, InputShape.Channels, Kernel, Kernel], w);
        Bias = CreateParameter("bias", [OutChannels], new float[OutChannels]);
    }

    protected override void ForwardCore(DeviceBuffer input, int rows, bool training)
    {
        _inputUpsampled = false;
        var g = _geometry with { Batch = rows };
        Accelerator.Conv2dForward(g, input, Weights.Value, Output, Bias.Value);
    }

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

    protected override void BackwardCore(DeviceBuffer outputGradient, int rows)
    {
        var g = BackwardWeights(outputGradient, rows);
        if (InputGradient is not null) Accelerator.Conv2dBackwardData(g, outputGradient, Weights.Value, InputGradient);
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

    private Conv2dGeometry BackwardWeights(DeviceBuffer outputGradient, int rows, ConvPool? pool = null)
    {
        var g = _geometry with { Batch = rows };
        Accelerator.Conv2dBackwardWeights(g, Input, outputGradient, Weights.Gradient, Bias.Gradient, _inputUpsampled, pool);
        return g;
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

    public override string Describe() => $"Conv2d {InputShape.Channels}->{OutChannels} {Kernel}x{Kernel} s{Stride} p{Padding}";
}
