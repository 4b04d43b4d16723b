using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GpuAE.Optimizers;

/// <summary>
/// The learning rate of each epoch, from `--lr-schedule`: "constant" (the default), "cosine"
/// (half a cosine from the base rate down to zero over the run, Loshchilov and Hutter 2017,
/// without restarts) or "step:E:F" (multiply by F every E epochs).
/// </summary>
[JsonConverter(typeof(LearningRateScheduleJsonConverter))]
public sealed record LearningRateSchedule(string Kind, int StepEpochs = 0, float StepFactor = 1f)
{
    public static readonly LearningRateSchedule Constant = new("constant");
    public static readonly LearningRateSchedule Cosine = new("cosine");

    public static LearningRateSchedule Parse(string? text)
    {
        string spec = (text ?? "constant").Trim().ToLowerInvariant();
        if (spec is "constant" or "") return Constant;
        if (spec == "cosine") return Cosine;
        var parts = spec.Split(':');
        if (parts[0] == "step" && parts.Length == 3
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int every) && every > 0
            && float.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out float factor) && factor > 0 && float.IsFinite(factor))
            return new("step", every, factor);
        throw new FormatException($"--lr-schedule: '{text}' is not constant, cosine or step:E:F (E epochs > 0, factor F > 0)");
    }

    /// <summary>The rate for epoch (1-based) of a run of `epochs` epochs.</summary>
    public float RateAt(float baseRate, int epoch, int epochs) => Kind switch
    {
        "cosine" => (float)(baseRate * 0.5 * (1 + Math.Cos(Math.PI * (epoch - 1) / Math.Max(1, epochs)))),
        "step" => baseRate * MathF.Pow(StepFactor, (epoch - 1) / StepEpochs),
        _ => baseRate,
    };

    public override string ToString() => Kind == "step" ? string.Create(CultureInfo.InvariantCulture, $"step:{StepEpochs}:{StepFactor}") : Kind;
}

/// <summary>A schedule is written as the text `--lr-schedule` takes ("cosine", "step:3:0.1").</summary>
public sealed class LearningRateScheduleJsonConverter : JsonConverter<LearningRateSchedule>
{
    public override LearningRateSchedule Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        LearningRateSchedule.Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, LearningRateSchedule value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
