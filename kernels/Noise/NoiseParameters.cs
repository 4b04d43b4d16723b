namespace GpuAE.Compute;

/// <summary>Pixel corruptions. The numeric values are what the noise kernels receive.</summary>
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
