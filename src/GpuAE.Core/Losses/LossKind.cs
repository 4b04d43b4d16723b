using System.Text.Json.Serialization;

namespace GpuAE.Losses;

/// <summary>The losses `--loss` names; written by their names in summary.json and checkpoints.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LossKind>))]
public enum LossKind
{
    [JsonStringEnumMemberName("mse")] Mse,
    [JsonStringEnumMemberName("bce")] Bce,
    [JsonStringEnumMemberName("softmax-ce")] SoftmaxCrossEntropy,
}

public static class LossKinds
{
    /// <summary>mse | bce | softmax-ce (ce for short), any case; a one-line error otherwise.</summary>
    public static LossKind Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "mse" => LossKind.Mse,
        "bce" => LossKind.Bce,
        "softmax-ce" or "ce" => LossKind.SoftmaxCrossEntropy,
        _ => throw new FormatException($"--loss: unknown loss '{name}' (use mse, bce or softmax-ce)"),
    };

    /// <summary>The name the command line and checkpoints use.</summary>
    public static string Name(this LossKind kind) => kind switch
    {
        LossKind.Mse => "mse",
        LossKind.Bce => "bce",
        _ => "softmax-ce",
    };
}
