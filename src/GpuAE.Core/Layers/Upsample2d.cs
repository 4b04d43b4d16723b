using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>Nearest-neighbour x2 upsampling (Keras' UpSampling2D((2, 2))); backward sums each 2x2 block.</summary>
public sealed class Upsample2d : Layer
{
    public override string Kind => "Upsample2d";

    public override TensorShape InferOutputShape(TensorShape input) => new(input.Channels, 2 * input.Height, 2 * input.Width);

    protected override void ForwardCore(DeviceBuffer input, int rows, bool training) =>
        Accelerator.Upsample2dForward(input, Output, rows * InputShape.Channels, InputShape.Height, InputShape.Width);

    protected override void BackwardCore(DeviceBuffer outputGradient, int rows)
    {
        if (InputGradient is not null)
            Accelerator.Upsample2dBackward(outputGradient, InputGradient, rows * InputShape.Channels, InputShape.Height, InputShape.Width);
    }

    public override bool CanFuseReluBelow => true;

    /// <summary>The upsample's input is the ReLU's output: it gates the summed gradient.</summary>
    protected override void BackwardThroughReluCore(DeviceBuffer outputGradient, int rows) =>
        Accelerator.Upsample2dBackward(outputGradient, InputGradient!, rows * InputShape.Channels, InputShape.Height, InputShape.Width, reluGate: Input);

    public override string Describe() => "Upsample2d x2 nearest";
}
