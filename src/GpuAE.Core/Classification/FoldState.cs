using System.Text.Json;
using System.Text.Json.Nodes;
using GpuAE.Layers;
using GpuAE.Metrics;
using GpuAE.Optimizers;
using GpuAE.Training;

namespace GpuAE.Classification;

/// <summary>
/// The resume state of `classify --folds` (resume.gae in its output folder): the command's
/// settings, every finished fold's result, and the fold in progress as a fit's state (its
/// network, optimizer and records after its last finished epoch). Written atomically at the
/// start of each fold and after each of its epochs.
/// </summary>
public sealed class FoldState(string folder, JsonObject settings, ResumeState? loaded)
{
    public const string Kind = "classify-folds";

    /// <summary>Folds finished before the run was stopped (empty for a fresh run).</summary>
    public IReadOnlyList<FoldResult> Finished { get; } =
        loaded?.Header["folds"]?.Deserialize<List<FoldResult>>(ResumeState.Json) ?? [];

    /// <summary>A fresh state for a new run in <paramref name="folder"/>.</summary>
    public static FoldState Start(string folder, JsonObject settings) => new(folder, settings, null);

    /// <summary>The state the folder holds, when it was saved with these same <paramref name="settings"/> (see <see cref="ResumeState.LoadFor"/>).</summary>
    public static FoldState Continue(string folder, JsonObject settings) => new(folder, settings, ResumeState.LoadFor(folder, Kind, settings));

    /// <summary>The saved state of fold <paramref name="fold"/> (0-based) if it is the one in progress, else null.</summary>
    public ResumeState? InProgress(int fold) => loaded is not null && loaded.Header["fold"]?.GetValue<int>() == fold && Finished.Count == fold ? loaded : null;

    /// <summary>Saves the finished folds and the fold in progress after an epoch (0: before its first).</summary>
    public void Save(IReadOnlyList<FoldResult> finished, FitState<ClassificationResult> fit, Network network, Optimizer optimizer) =>
        ResumeState.Save(folder, new JsonObject
        {
            ["kind"] = Kind,
            ["settings"] = settings.DeepClone(),
            ["folds"] = JsonSerializer.SerializeToNode(finished, ResumeState.Json),
            ["fold"] = finished.Count,
        }, fit, network, optimizer);
}
