using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GpuAE.Compute;
using GpuAE.IO;
using GpuAE.Plots;

namespace GpuAE.Stacked;

/// <summary>
/// The stacked run's own files beside the classifier ones (<see cref="Training.RunFolder"/>):
/// pretraining.csv (layer, iteration, mean BCE per unit since the previous row), pretraining.png/.svg,
/// and, for `--finetune none`, summary.json in format "gpuae-stacked-pretrain/1".
/// </summary>
public sealed class StackedOutputs(string folder)
{
    public const string PretrainFormat = "gpuae-stacked-pretrain/1";
    public string Folder { get; } = folder;

    public void WritePretraining(IReadOnlyList<LayerPretrainResult> layers)
    {
        var sb = new StringBuilder("layer,inputs,units,iteration,loss\n");
        foreach (var l in layers)
            foreach (var p in l.Curve)
                sb.Append(CultureInfo.InvariantCulture, $"{l.Layer + 1},{l.Inputs},{l.Units},{p.Iteration},{p.Loss.ToString("G7", CultureInfo.InvariantCulture)}\n");
        AtomicFile.WriteAllText(Path.Combine(Folder, "pretraining.csv"), sb.ToString());
        var chart = new LineChart { Title = "Greedy pretraining: reconstruction loss per layer", XLabel = "iteration", YLabel = "BCE per code unit" };
        foreach (var l in layers)
            chart.AddSeries($"layer {l.Layer + 1} ({l.Inputs} -> {l.Units})", l.Curve.Select(p => (double)p.Iteration).ToList(), l.Curve.Select(p => p.Loss).ToList());
        chart.Save(Path.Combine(Folder, "pretraining"));
    }

    /// <summary>The per-layer pretraining records for summary.json.</summary>
    public static JsonArray PretrainingJson(IReadOnlyList<LayerPretrainResult> layers) =>
        [.. layers.Select(l => (JsonNode)new JsonObject
        {
            ["layer"] = l.Layer + 1, ["inputs"] = l.Inputs, ["units"] = l.Units, ["iterations"] = l.Iterations,
            ["first_loss"] = Finite(l.FirstLoss), ["final_loss"] = Finite(l.FinalLoss),
            ["seconds"] = Math.Round(l.Seconds, 3), ["images_per_s"] = Math.Round(l.SamplesPerSecond, 1),
        })];

    /// <summary>summary.json's self_training: one object per round.</summary>
    public static JsonArray SelfTrainingJson(IReadOnlyList<SelfTrainingRound> rounds) =>
        [.. rounds.Select(r => (JsonNode)new JsonObject
        {
            ["round"] = r.Round, ["pseudo_labelled"] = r.PseudoLabelled, ["pseudo_label_accuracy"] = Finite(r.PseudoLabelAccuracy),
            ["epochs"] = r.Epochs, ["test_accuracy"] = Finite(r.TestAccuracy), ["seconds"] = Math.Round(r.Seconds, 3),
        })];

    public void WritePretrainSummary(JsonNode? configuration, Accelerator acc, long parameters, IReadOnlyList<LayerPretrainResult> layers, double wallSeconds, JsonObject? data = null)
    {
        var json = new JsonObject
        {
            ["format"] = PretrainFormat,
            ["configuration"] = configuration,
            ["device"] = new JsonObject { ["spec"] = acc.Info.Spec, ["name"] = acc.Info.Name, ["runtime"] = acc.Info.Runtime, ["kernels"] = acc.Kernels.ToString() },
            ["parameters"] = parameters,
            ["wall_seconds"] = Math.Round(wallSeconds, 3),
            ["pretraining"] = PretrainingJson(layers),
            ["data"] = data,
        };
        AtomicFile.WriteAllText(Path.Combine(Folder, "summary.json"), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static JsonNode? Finite(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 6)) : null;
}
