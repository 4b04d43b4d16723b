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

/// <summary>Pixel corruptions. The numeric values are shared with kernels/noise.cl.</summary>
public enum NoiseKind
{
    None = 0,
    Mask = 1,
    SaltPepper = 2,
    Gaussian = 3,
    Erase = 4,
}

/// <summary>One concrete corruption: a kind and its level (fraction P or standard deviation S).</summary>
public readonly record struct NoiseParameters(NoiseKind Kind, float Level)
{
    public static readonly NoiseParameters None = new(NoiseKind.None, 0f);
}
