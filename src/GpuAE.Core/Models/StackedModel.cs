using GpuAE.Layers;

namespace GpuAE.Models;

/// <summary>
/// The catalog's "stacked" model: Dense+Sigmoid per width of <see cref="ModelConfig.Units"/>,
/// then Dense to <see cref="ModelConfig.Classes"/> logits (no head when Classes is 0: the
/// pretrained stack alone, as `--finetune none` saves it for `svm --features stacked:`).
/// Layer 2k is the k-th encoder's Dense, 2k+1 its Sigmoid, 2L the head.
/// </summary>
public static class StackedModel
{
    public const string Name = "stacked";
    public static readonly int[] DefaultUnits = [500, 300, 100];

    public static int[] UnitsOf(ModelConfig c) => c.Units ?? DefaultUnits;

    public static List<Layer> Build(ModelConfig c)
    {
        var units = UnitsOf(c);
        if (units.Length == 0 || units.Any(u => u <= 0))
            throw new ArgumentException($"stacked model: layer widths must be positive, got [{string.Join(",", units)}]");
        if (c.Classes < 0) throw new ArgumentException($"stacked model: classes must be >= 0, got {c.Classes}");
        var layers = new List<Layer>();
        foreach (int u in units) { layers.Add(new Dense(u)); layers.Add(new Sigmoid()); }
        if (c.Classes > 0) layers.Add(new Dense(c.Classes));
        return layers;
    }

    /// <summary>The index of the k-th encoder's Dense layer.</summary>
    public static int EncoderDense(int k) => 2 * k;

    /// <summary>The index of the classifier head (the first layer after the stack).</summary>
    public static int Head(int depth) => 2 * depth;

    public static ModelConfig Config(int[] units, int classes, int height = 28, int width = 28) =>
        new() { Name = Name, Units = units, Classes = classes, InputHeight = height, InputWidth = width, Loss = "softmax-ce" };
}
