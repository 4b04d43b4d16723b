using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>
/// Global average pooling: C x H x W -> a vector of C channel means (ResNet's head). A batch is a
/// [rows * C, H * W] matrix, so the means are one GEMM against a ones vector scaled by 1 / (H W),
/// and backward spreads each gradient evenly over its channel's pixels with the transposed
/// product; no kernel of its own.
/// </summary>
public sealed class GlobalAvgPool2d : Layer
{
    private DeviceBuffer _ones = null!;

    public override string Kind => "GlobalAvgPool2d";

    public override TensorShape InferOutputShape(TensorShape input) => TensorShape.Vector(input.Channels);

    private int Pixels => InputShape.Height * InputShape.Width;

    public override IEnumerable<PlannedBuffer> PlanBuffers(TensorShape input, int maxBatch, bool computeInputGradient) =>
        base.PlanBuffers(input, maxBatch, computeInputGradient).Append(new("ones", (long)input.Height * input.Width));

    protected override void OnBuild(ParameterInitializer init)
    {
        _ones = Allocate(Pixels);
        Accelerator.Fill(_ones, Pixels, 1f);
    }

    protected override void ForwardCore(DeviceBuffer input, int rows, bool training) =>
        Accelerator.Gemm(false, false, rows * InputShape.Channels, 1, Pixels, 1f / Pixels, input, _ones, 0f, Output);

    protected override void BackwardCore(DeviceBuffer outputGradient, int rows)
    {
        if (InputGradient is not null)
            Accelerator.Gemm(false, false, rows * InputShape.Channels, Pixels, 1, 1f / Pixels, outputGradient, _ones, 0f, InputGradient);
    }

    public override string Describe() => $"GlobalAvgPool2d {InputShape} -> {InputShape.Channels}";
}
