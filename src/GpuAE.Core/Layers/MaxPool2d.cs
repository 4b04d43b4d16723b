using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>
/// 2x2 max-pooling with stride 2. Floor mode drops an odd trailing row/column; ceil mode pools it
/// on its own (Keras' padding="same": 7 -> 4). Forward saves the argmax of every window for backward.
/// </summary>
public sealed class MaxPool2d(bool ceilMode = false) : Layer
{
    private DeviceBuffer _indices = null!;

    public bool CeilMode { get; } = ceilMode;

    /// <summary>The argmax of every window from the last forward (a fused conv writes it too).</summary>
    public DeviceBuffer Indices => _indices;

    public override string Kind => "MaxPool2d";

    public override TensorShape InferOutputShape(TensorShape input)
    {
        int h = Accelerator.MaxPoolOutputSize(input.Height, CeilMode), w = Accelerator.MaxPoolOutputSize(input.Width, CeilMode);
        if (h <= 0 || w <= 0) throw new ArgumentException($"MaxPool2d on {input}: nothing left to pool in floor mode");
        return new TensorShape(input.Channels, h, w);
    }

    public override IEnumerable<PlannedBuffer> PlanBuffers(TensorShape input, int maxBatch, bool computeInputGradient) =>
        base.PlanBuffers(input, maxBatch, computeInputGradient).Append(new("argmax indices", checked(maxBatch * MemoryPlan.Elements(InferOutputShape(input)))));

    protected override void OnBuild(ParameterInitializer init) => _indices = Allocate(MaxBatch * OutputShape.Size);

    protected override void ForwardCore(DeviceBuffer input, int rows, bool training) =>
        Accelerator.MaxPool2dForward(input, Output, _indices, rows * InputShape.Channels, InputShape.Height, InputShape.Width, CeilMode);

    protected override void BackwardCore(DeviceBuffer outputGradient, int rows)
    {
        if (InputGradient is not null)
            Accelerator.MaxPool2dBackward(outputGradient, _indices, InputGradient, rows * InputShape.Channels, InputShape.Height, InputShape.Width, CeilMode);
    }

    public override bool CanFuseReluBelow => true;

    /// <summary>The ReLU's output at a window's argmax is the pooled value, so the pool's own output is the ReLU's gate.</summary>
    protected override void BackwardThroughReluCore(DeviceBuffer outputGradient, int rows) =>
        Accelerator.MaxPool2dBackward(outputGradient, _indices, InputGradient!, rows * InputShape.Channels, InputShape.Height, InputShape.Width, CeilMode, reluGate: Output);

    public override string Describe() => $"MaxPool2d 2x2 s2{(CeilMode ? " ceil" : "")}";
}
