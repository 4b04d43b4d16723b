namespace GpuAE.Models;

/// <summary>
/// Everything needed to rebuild a model's architecture: saved in every checkpoint, so a
/// checkpoint loads without the command line that trained it.
/// </summary>
public sealed record ModelConfig
{
    public required string Name { get; init; }
    public int Hidden { get; init; } = 1000;

    /// <summary>Size of the bottleneck of the models that have a dense latent vector (conv-linear).</summary>
    public int Latent { get; init; } = 4;
    public int InputChannels { get; init; } = 1;
    public int InputHeight { get; init; } = 28;
    public int InputWidth { get; init; } = 28;
    public string Loss { get; init; } = "bce";

    /// <summary>Number of classes of a classifier's softmax output (the stacked model: 0 = the stack alone, no head).</summary>
    public int Classes { get; init; } = 10;

    /// <summary>Widths of the stacked autoencoder's sigmoid layers, bottom to top (null: 500, 300, 100).</summary>
    public int[]? Units { get; init; }
}
