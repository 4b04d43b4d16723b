using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>
/// Transposed 2-D convolution (PyTorch's nn.ConvTranspose2d): weights [in, out, k, k], output
/// size (H - 1) stride - 2 padding + k + outputPadding. It runs as the adjoint of the
/// convolution that maps its output shape back to its input shape: forward is that
/// convolution's backward-data op, the input gradient its forward op, and the weight gradient
/// its backward-weights op with the roles of input and output gradient swapped.
/// </summary>
public sealed class ConvTranspose2d : Layer
{
    private Conv2dGeometry _adjoint;

    public ConvTranspose2d(int outChannels, int kernel, int stride = 1, int padding = 0, int outputPadding = 0, InitScheme init = InitScheme.Glorot)
    {
        if (outChannels <= 0 || kernel <= 0 || stride <= 0 || padding < 0 || outputPadding < 0)
            throw new ArgumentException($"ConvTranspose2d: channels, kernel and stride must be positive, paddings not negative (got {outChannels}, {kernel}, {stride}, {padding}, {outputPadding})");
        if (outputPadding >= stride)
            throw new ArgumentException($"ConvTranspose2d: output padding {outputPadding} must be smaller than the stride {stride}");
        (OutChannels, Kernel, Stride, Padding, OutputPadding, Init) = (outChannels, kernel, stride, padding, outputPadding, init);
    }

    public int OutChannels { get; }
    public int Kernel { get; }
    public int Stride { get; }
    public int Padding { get; }
    public int OutputPadding { get; }
    public InitScheme Init { get; }
    public Parameter Weights { get; private set; } = null!;
    public Parameter Bias { get; private set; } = null!;

    public override string Kind => "ConvTranspose2d";

    public override IReadOnlyList<Parameter> Parameters => [Weights, Bias];

    public override TensorShape InferOutputShape(TensorShape input)
    {
        int h = (input.Height - 1) * Stride - 2 * Padding + Kernel + OutputPadding;
        int w = (input.Width - 1) * Stride - 2 * Padding + Kernel + OutputPadding;
        if (h <= 0 || w <= 0)
            throw new ArgumentException($"ConvTranspose2d on {input}: padding {Padding} leaves an empty {h}x{w} output");
        return new TensorShape(OutChannels, h, w);
    }

    protected override IEnumerable<(string, long)> PlanParameters(TensorShape input) =>
        [("weight", (long)input.Channels * OutChannels * Kernel * Kernel), ("bias", OutChannels)];

    protected override void OnBuild(ParameterInitializer init)
    {
        _adjoint = new Conv2dGeometry(1, OutChannels, OutputShape.Height, OutputShape.Width, InputShape.Channels, Kernel, Stride, Padding);
        // Each output sums about in k^2 / stride^2 weighted inputs: that is the fan-in He and Glorot need.
        int fanIn = Math.Max(1, InputShape.Channels * Kernel * Kernel / (Stride * Stride));
        int fanOut = Math.Max(1, OutChannels * Kernel * Kernel / (Stride * Stride));
        int count = InputShape.Channels * OutChannels * Kernel * Kernel;
        float[] w = Init == InitScheme.He ? init.HeNormal(count, fanIn) : init.GlorotUniform(count, fanIn, fanOut);
        Weights = CreateParameter("weight", [InputShape.Channels, OutChannels, Kernel, Kernel], w);
        Bias = CreateParameter("bias", [OutChannels], new float[OutChannels]);
    }

    protected override void ForwardCore(DeviceBuffer input, int rows, bool training)
    {
        var g = _adjoint with { Batch = rows };
        Accelerator.Conv2dBackwardData(g, input, Weights.Value, Output);
        Accelerator.AddChannelBias(Output, Bias.Value, rows, OutChannels, g.InPixels);
    }

    protected override void BackwardCore(DeviceBuffer outputGradient, int rows)
    {
        var g = _adjoint with { Batch = rows };
        Accelerator.Conv2dBackwardWeights(g, outputGradient, Input, Weights.Gradient);
        Accelerator.SumChannels(outputGradient, Bias.Gradient, rows, OutChannels, g.InPixels, 0f);
        if (InputGradient is not null) Accelerator.Conv2dForward(g, outputGradient, Weights.Value, InputGradient);
    }

    public override string Describe() => $"ConvT2d {InputShape.Channels}->{OutChannels} {Kernel}x{Kernel} s{Stride} p{Padding} op{OutputPadding}";
}
