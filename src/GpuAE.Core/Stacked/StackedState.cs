using System.Text.Json;
using System.Text.Json.Nodes;
using GpuAE.Layers;
using GpuAE.Metrics;
using GpuAE.Optimizers;
using GpuAE.Training;

namespace GpuAE.Stacked;

/// <summary>
/// The resume state of `gpuae stacked` (resume.gae in its run folder), saved at the points a
/// run can continue from exactly: after each pretrained layer ("pretrain": the stack and the
/// pretraining records), after each fine-tuning epoch ("finetune": also the optimizer and the
/// fit's records) and after each self-training round ("self-training": also the network as
/// fine-tuned on the labelled images, which every round restarts from, and the rounds' records).
/// A run killed inside a round repeats that round.
/// </summary>
public sealed class StackedState(string folder, JsonObject settings, ResumeState? loaded)
{
    public const string Kind = "stacked";
    public const string Pretrain = "pretrain", Finetune = "finetune", SelfTraining = "self-training";

    public static StackedState Start(string folder, JsonObject settings) => new(folder, settings, null);

    /// <summary>The folder's state, when saved with these same settings (see <see cref="ResumeState.LoadFor"/>).</summary>
    public static StackedState Continue(string folder, JsonObject settings) => new(folder, settings, ResumeState.LoadFor(folder, Kind, settings));

    /// <summary>The loaded state (null for a fresh run).</summary>
    public ResumeState? Loaded => loaded;

    public string Phase => loaded?.Header["phase"]?.GetValue<string>() ?? Pretrain;

    public IReadOnlyList<LayerPretrainResult> Pretraining => loaded?.Header["pretraining"]?.Deserialize<List<LayerPretrainResult>>(ResumeState.Json) ?? [];

    public IReadOnlyList<SelfTrainingRound> Rounds => loaded?.Header["rounds"]?.Deserialize<List<SelfTrainingRound>>(ResumeState.Json) ?? [];

    /// <summary>The network as fine-tuned on the labelled images (saved once self-training began), else null.</summary>
    public WeightsSnapshot? FineTuned => loaded?.Extra("finetuned") is { Length: > 0 } values ? WeightsSnapshot.FromValues(values) : null;

    public void Save(string phase, IReadOnlyList<LayerPretrainResult> pretraining, IReadOnlyList<SelfTrainingRound> rounds,
        FitState<ClassificationResult> fit, Network stack, Optimizer optimizer, WeightsSnapshot? fineTuned = null) =>
        ResumeState.Save(folder, new JsonObject
        {
            ["kind"] = Kind,
            ["settings"] = settings.DeepClone(),
            ["phase"] = phase,
            ["pretraining"] = JsonSerializer.SerializeToNode(pretraining, ResumeState.Json),
            ["rounds"] = JsonSerializer.SerializeToNode(rounds, ResumeState.Json),
        }, fit, stack, optimizer, fineTuned?.Values.Select((v, i) => new StateTensorData($"finetuned/{i}", [v.Length], v)));
}
