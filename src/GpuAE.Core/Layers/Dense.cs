using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>
/// Fully connected layer y = x W^T + b, with W stored [out, in] as PyTorch's nn.Linear does.
/// Backward: dW = dy^T x (GEMM TN), db = column sums of dy, dx = dy W (GEMM NN).
/// </summary>
public sealed class Dense(int outputs, InitScheme init = InitScheme.Glorot) : Layer
{
    public int Outputs { get; } = outputs;
    public InitScheme Init { get; } = init;
    public Parameter Weights { get; private set; } = null!;
    public Parameter Bias { get; private set; } = null!;

    public override string Kind => "Dense";

    public override IReadOnlyList<Parameter> Parameters => [Weights, Bias];

    public override TensorShape InferOutputShape(TensorShape input) => TensorShape.Vector(Outputs);

    protected override IEnumerable<(string, long)> PlanParameters(TensorShape input) =>
        [("weight", (long)Outputs * MemoryPlan.Elements(input)), ("bias", Outputs)];

    protected override void OnBuild(ParameterInitializer init)
    {
        int inputs = InputShape.Size;
        float[] w = Init == InitScheme.He
            ? init.HeNormal(Outputs * inputs, inputs)
            : init.GlorotUniform(Outputs * inputs, inputs, Outputs);
        Weights = CreateParameter("weight", [Outputs, inputs], w);
        Bias = CreateParameter("bias", [Outputs], new float[Outputs]);
    }

    protected override void ForwardCore(DeviceBuffer input, int rows, bool training)
    {
        Accelerator.Gemm(false, true, rows, Outputs, InputShape.Size, 1f, input, Weights.Value, 0f, Output);
        Accelerator.AddRowVector(Output, Bias.Value, rows, Outputs);
    }

    protected override void BackwardCore(DeviceBuffer outputGradient, int rows)
    {
        int inputs = InputShape.Size;
        Accelerator.Gemm(true, false, Outputs, inputs, rows, 1f, outputGradient, Input, 0f, Weights.Gradient);
        Accelerator.SumRows(outputGradient, Bias.Gradient, rows, Outputs, 0f);
        if (InputGradient is not null)
            Accelerator.Gemm(false, false, rows, inputs, Outputs, 1f, outputGradient, Weights.Value, 0f, InputGradient);
    }
}

public enum InitScheme
{
    /// <summary>Glorot/Xavier uniform: for sigmoid and tanh layers.</summary>
    Glorot,
    /// <summary>He (Kaiming) normal: for ReLU-family layers.</summary>
    He,
}
