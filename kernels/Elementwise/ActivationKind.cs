namespace GpuAE.Compute;

/// <summary>Element-wise activations. Backward passes are computed from the activation's output y.</summary>
public enum ActivationKind
{
    Identity = 0,
    Sigmoid = 1,
    Relu = 2,
    LeakyRelu = 3,
    Tanh = 4,
}
