using GpuAE.Layers;

namespace GpuAE.Models;

/// <summary>The named models `--model` accepts, and how each is built from its config.</summary>
public static class ModelCatalog
{
    public sealed record Entry(string Name, string Description, string DefaultLoss, Func<ModelConfig, List<Layer>> Build);

    public static readonly IReadOnlyList<Entry> All =
    [
        new("dense", "denoising autoencoder of Vincent et al. 2008: 784 -> H (sigmoid) -> 784 (sigmoid); --hidden H (default 1000)", "bce", DenseAutoencoder),
    ];

    public static Entry Find(string name) =>
        All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"--model: unknown model '{name}' (available: {string.Join(", ", All.Select(e => e.Name))})");

    public static Network Create(ModelConfig config) => new(Find(config.Name).Build(config));

    private static List<Layer> DenseAutoencoder(ModelConfig c)
    {
        if (c.Hidden <= 0) throw new ArgumentException($"--hidden must be positive, got {c.Hidden}");
        int pixels = c.InputChannels * c.InputHeight * c.InputWidth;
        return [new Dense(c.Hidden), new Sigmoid(), new Dense(pixels), new Sigmoid()];
    }
}
