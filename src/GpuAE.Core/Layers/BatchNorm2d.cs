using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>
/// Batch normalisation per channel (PyTorch's nn.BatchNorm2d; on a flat vector input each
/// feature is a channel, as BatchNorm1d). Training normalises with the batch statistics and
/// updates the running mean and (unbiased) variance with the given momentum; inference uses the
/// running statistics, which are <see cref="Layer.State"/> and so travel in checkpoints.
/// </summary>
public sealed class BatchNorm2d(float momentum = 0.1f, float epsilon = 1e-5f) : Layer
{
    private DeviceBuffer _savedMean = null!, _savedInvStd = null!;
    private bool _lastForwardTrained;

    public float Momentum { get; } = momentum;
    public float Epsilon { get; } = epsilon;
    public Parameter Gamma { get; private set; } = null!;
    public Parameter Beta { get; private set; } = null!;
    public StateTensor RunningMean { get; private set; } = null!;
    public StateTensor RunningVar { get; private set; } = null!;

    public override string Kind => "BatchNorm2d";

    public override IReadOnlyList<Parameter> Parameters => [Gamma, Beta];

    public override IReadOnlyList<StateTensor> State => [RunningMean, RunningVar];

    public override TensorShape InferOutputShape(TensorShape input) => input;

    private int Pixels => InputShape.Height * InputShape.Width;

    protected override IEnumerable<(string, long)> PlanParameters(TensorShape input) => [("weight", input.Channels), ("bias", input.Channels)];

    protected override void OnBuild(ParameterInitializer init)
    {
        int c = InputShape.Channels;
        Gamma = CreateParameter("weight", [c], Enumerable.Repeat(1f, c).ToArray());
        Beta = CreateParameter("bias", [c], new float[c]);
        RunningMean = CreateState("running_mean", [c], new float[c]);
        RunningVar = CreateState("running_var", [c], Enumerable.Repeat(1f, c).ToArray());
        _savedMean = Allocate(c);
        _savedInvStd = Allocate(c);
    }

    protected override void ForwardCore(DeviceBuffer input, int rows, bool training)
    {
        _lastForwardTrained = training;
        if (training)
            Accelerator.BatchNorm2dForwardTraining(input, Output, Gamma.Value, Beta.Value, RunningMean.Value, RunningVar.Value,
                _savedMean, _savedInvStd, rows, InputShape.Channels, Pixels, Momentum, Epsilon);
        else
            Accelerator.BatchNorm2dForwardInference(input, Output, Gamma.Value, Beta.Value, RunningMean.Value, RunningVar.Value,
                rows, InputShape.Channels, Pixels, Epsilon);
    }

    protected override void BackwardCore(DeviceBuffer outputGradient, int rows)
    {
        if (!_lastForwardTrained)
            throw new InvalidOperationException("BatchNorm2d: backward needs a forward pass in training mode (batch statistics)");
        var dx = InputGradient ?? throw new InvalidOperationException("BatchNorm2d as the first layer is not supported: its backward writes the input gradient");
        Accelerator.BatchNorm2dBackward(Input, outputGradient, Gamma.Value, _savedMean, _savedInvStd, dx, Gamma.Gradient, Beta.Gradient,
            rows, InputShape.Channels, Pixels);
    }

    public override string Describe() => $"BatchNorm2d {InputShape.Channels}";
}
