using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>
/// 2-D convolution over NCHW samples with a square kernel, weights [out, in, k, k] and one bias
/// per output channel (PyTorch's nn.Conv2d). "Same" padding (k - 1) / 2 keeps the size for odd
/// kernels at stride 1. Forward and backward are the accelerator's conv ops with the channel bias;
/// a training step may fuse neighbours into them (Conv2d.Fusion.cs).
/// </summary>
public sealed partial class Conv2d : Layer
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

    protected override void BackwardCore(DeviceBuffer outputGradient, int rows)
    {
        var g = BackwardWeights(outputGradient, rows);
        if (InputGradient is not null) Accelerator.Conv2dBackwardData(g, outputGradient, Weights.Value, InputGradient);
    }

    /// <summary>The weight and bias gradients, reading the input as this step's forward did (through a fused upsample: Conv2d.Fusion.cs).</summary>
    private Conv2dGeometry BackwardWeights(DeviceBuffer outputGradient, int rows, ConvPool? pool = null)
    {
        var g = _geometry with { Batch = rows };
        Accelerator.Conv2dBackwardWeights(g, Input, outputGradient, Weights.Gradient, Bias.Gradient, _inputUpsampled, pool);
        return g;
    }

    public override string Describe() => $"Conv2d {InputShape.Channels}->{OutChannels} {Kernel}x{Kernel} s{Stride} p{Padding}";
}
