using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>
/// A layer that only reinterprets the sample's shape. Layers own their output buffers, so the
/// data is copied (a memory-bound copy, negligible next to the layers around it).
/// </summary>
public abstract class ReshapingLayer : Layer
{
    protected override void ForwardCore(DeviceBuffer input, int rows, bool training) =>
        Accelerator.Copy(input, 0, Output, 0, rows * InputShape.Size);

    protected override void BackwardCore(DeviceBuffer outputGradient, int rows)
    {
        if (InputGradient is not null) Accelerator.Copy(outputGradient, 0, InputGradient, 0, rows * InputShape.Size);
    }
}

/// <summary>C x H x W -> a vector of C H W features (for Dense layers).</summary>
public sealed class Flatten : ReshapingLayer
{
    public override string Kind => "Flatten";

    public override TensorShape InferOutputShape(TensorShape input) => TensorShape.Vector(input.Size);
}

/// <summary>Reinterprets each sample as channels x height x width (same number of values).</summary>
public sealed class Reshape : ReshapingLayer
{
    public Reshape(int channels, int height, int width)
    {
        if (channels <= 0 || height <= 0 || width <= 0) throw new ArgumentException($"Reshape: sizes must be positive, got {channels}x{height}x{width}");
        Target = new TensorShape(channels, height, width);
    }

    public TensorShape Target { get; }

    public override string Kind => "Reshape";

    public override TensorShape InferOutputShape(TensorShape input) =>
        input.Size == Target.Size ? Target : throw new ArgumentException($"Reshape: cannot view {input} ({input.Size} values) as {Target} ({Target.Size} values)");

    public override string Describe() => $"Reshape {InputShape} -> {Target}";
}
