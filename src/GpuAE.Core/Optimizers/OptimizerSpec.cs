using System.Text.Json.Serialization;

namespace GpuAE.Optimizers;

/// <summary>The optimizers `--optimizer` names; written by their lower-case names in summary.json and sweep.json.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OptimizerKind>))]
public enum OptimizerKind
{
    [JsonStringEnumMemberName("sgd")] Sgd,
    [JsonStringEnumMemberName("adam")] Adam,
    [JsonStringEnumMemberName("adadelta")] Adadelta,
}

/// <summary>
/// An optimizer as the command line gives it, parsed and checked once: the kind, its learning
/// rate and SGD's momentum and weight decay. <see cref="Create"/> builds the optimizer itself.
/// </summary>
public sealed record OptimizerSpec
{
    public OptimizerSpec(OptimizerKind kind, float learningRate, float momentum = 0f, float weightDecay = 0f)
    {
        if (!(learningRate > 0) || !float.IsFinite(learningRate)) throw new ArgumentException($"--lr must be a positive number, got {learningRate}");
        if (!(momentum >= 0 && momentum < 1)) throw new ArgumentException($"--momentum must be in [0, 1), got {momentum}");
        if (!(weightDecay >= 0) || !float.IsFinite(weightDecay)) throw new ArgumentException($"--weight-decay must be >= 0, got {weightDecay}");
        Kind = kind;
        LearningRate = learningRate;
        Momentum = momentum;
        WeightDecay = weightDecay;
    }

    public OptimizerKind Kind { get; }
    public float LearningRate { get; }
    public float Momentum { get; }
    public float WeightDecay { get; }

    public Optimizer Create() => Kind switch
    {
        OptimizerKind.Adam => new Adam(LearningRate),
        OptimizerKind.Adadelta => new Adadelta(LearningRate),
        _ => new Sgd(LearningRate, Momentum, WeightDecay),
    };

    /// <summary>"sgd", "adam" or "adadelta" (any case); a one-line error naming the choices otherwise.</summary>
    public static OptimizerKind ParseKind(string name) => name.Trim().ToLowerInvariant() switch
    {
        "sgd" => OptimizerKind.Sgd,
        "adam" => OptimizerKind.Adam,
        "adadelta" => OptimizerKind.Adadelta,
        _ => throw new FormatException($"--optimizer: unknown optimizer '{name}' (use sgd, adam or adadelta)"),
    };

    public static string NameOf(OptimizerKind kind) => kind.ToString().ToLowerInvariant();

    public override string ToString() =>
        $"{NameOf(Kind)} lr {LearningRate.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}" + (Momentum > 0 ? $" momentum {Momentum}" : "");
}
