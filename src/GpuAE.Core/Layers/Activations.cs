using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>An element-wise activation; backward uses the saved output (see Accelerator).</summary>
public abstract class ActivationLayer(ActivationKind activation, float alpha = 0f) : Layer
{
    public ActivationKind Activation { get; } = activation;
    public float Alpha { get; } = alpha;

    public override TensorShape InferOutputShape(TensorShape input) => input;

    protected override void ForwardCore(DeviceBuffer input, int rows, bool training) =>
        Accelerator.ActivationForward(Activation, Alpha, input, Output, rows * InputShape.Size);

    protected override void BackwardCore(DeviceBuffer outputGradient, int rows)
    {
        if (InputGradient is not null)
            Accelerator.ActivationBackward(Activation, Alpha, Output, outputGradient, InputGradient, rows * InputShape.Size);
    }

    public override string Describe() => $"{Kind} {InputShape}";
}

public sealed class Sigmoid() : ActivationLayer(ActivationKind.Sigmoid)
{
    public override string Kind => "Sigmoid";
}

public sealed class ReLU() : ActivationLayer(ActivationKind.Relu)
{
    public override string Kind => "ReLU";
}

public sealed class LeakyReLU(float alpha = 0.01f) : ActivationLayer(ActivationKind.LeakyRelu, alpha)
{
    public override string Kind => "LeakyReLU";
    public override string Describe() => $"LeakyReLU({Alpha}) {InputShape}";
}

public sealed class Tanh() : ActivationLayer(ActivationKind.Tanh)
{
    public override string Kind => "Tanh";
}
