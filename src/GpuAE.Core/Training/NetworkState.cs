using System.Text.Json.Nodes;
using GpuAE.Compute;
using GpuAE.Layers;
using GpuAE.Optimizers;

namespace GpuAE.Training;

/// <summary>
/// Everything a network and its optimizer carry from one step to the next, as state-file
/// tensors and header fields: every parameter and layer state tensor (named as in checkpoints,
/// under "model/"), the optimizer's per-parameter buffers ("optimizer/{parameter}/{buffer}") and
/// step count, and each dropout layer's mask counter. Shuffles and noise need nothing: they are
/// drawn from the seed and the epoch.
/// </summary>
public static class NetworkState
{
    public static IEnumerable<StateTensorData> Tensors(Network network, Optimizer optimizer)
    {
        foreach (var (name, shape, value) in ModelTensors(network)) yield return new("model/" + name, shape, value.ToArray());
        var parameters = network.Parameters.ToList();
        var state = optimizer.Export(parameters);
        for (int i = 0; i < parameters.Count; i++)
            for (int k = 0; k < state.Buffers[i].Length; k++)
                yield return new($"optimizer/{i}/{k}", [state.Buffers[i][k].Length], state.Buffers[i][k]);
    }

    /// <summary>The header fields: optimizer steps and dropout mask counters.</summary>
    public static JsonObject Header(Network network, Optimizer optimizer) => new()
    {
        ["optimizer"] = optimizer.Name,
        ["optimizer_steps"] = optimizer.StepCount,
        ["dropout_masks"] = new JsonArray([.. Dropouts(network).Select(d => (JsonNode)d.MaskCount)]),
    };

    /// <summary>Puts saved state back into a network built like the saved one and a fresh optimizer of the same kind.</summary>
    public static void Restore(Accelerator acc, Network network, Optimizer optimizer, JsonObject header, IReadOnlyDictionary<string, StateTensorData> tensors, string path)
    {
        foreach (var (name, shape, value) in ModelTensors(network))
        {
            if (!tensors.TryGetValue("model/" + name, out var t)) throw Mismatch(path, $"has no tensor '{name}'");
            if (!t.Shape.SequenceEqual(shape)) throw Mismatch(path, $"tensor '{name}' has shape [{string.Join(",", t.Shape)}], the model needs [{string.Join(",", shape)}]");
            value.Upload(t.Data);
        }
        string? savedOptimizer = header["optimizer"] is JsonValue v && v.TryGetValue(out string? kind) ? kind : null;
        if (savedOptimizer != optimizer.Name)
            throw Mismatch(path, $"was saved with optimizer {Text.Printable.Of(savedOptimizer ?? "none")}, the run uses {optimizer.Name}");
        var parameters = network.Parameters.ToList();
        var buffers = new float[parameters.Count][][];
        for (int i = 0; i < parameters.Count; i++)
        {
            var saved = new List<float[]>();
            for (int k = 0; tensors.TryGetValue($"optimizer/{i}/{k}", out var b); k++) saved.Add(b.Data);
            buffers[i] = [.. saved];
        }
        int steps = header["optimizer_steps"] is JsonValue s && s.TryGetValue(out int n) && n >= 0 ? n : throw Mismatch(path, "has no valid optimizer step count");
        try { optimizer.Import(acc, parameters, new OptimizerState(steps, buffers)); }
        catch (ArgumentException e) { throw Mismatch(path, e.Message); }
        var dropouts = Dropouts(network).ToList();
        var masks = header["dropout_masks"] as JsonArray ?? [];
        if (masks.Count != dropouts.Count) throw Mismatch(path, $"has {masks.Count} dropout counters, the model has {dropouts.Count} dropout layers");
        for (int i = 0; i < dropouts.Count; i++)
            dropouts[i].MaskCount = masks[i] is JsonValue m && m.TryGetValue(out uint count) ? count : throw Mismatch(path, $"dropout counter {i} is not a count");
    }

    /// <summary>The tensors a checkpoint holds, by the same names ("0.weight", "3.running_mean").</summary>
    private static IEnumerable<(string Name, int[] Shape, DeviceBuffer Value)> ModelTensors(Network network) =>
        network.Layers.SelectMany((layer, i) =>
            layer.Parameters.Select(p => ($"{i}.{p.Name}", p.Shape, p.Value))
                .Concat(layer.State.Select(s => ($"{i}.{s.Name}", s.Shape, s.Value))));

    /// <summary>Every dropout layer, inside residual blocks too, in a fixed order.</summary>
    private static IEnumerable<Dropout> Dropouts(Network network) => network.Layers.SelectMany(Flatten).OfType<Dropout>();

    private static IEnumerable<Layer> Flatten(Layer layer) =>
        layer is ResidualBlock block ? block.Main.Concat(block.Shortcut).SelectMany(Flatten).Prepend(layer) : [layer];

    private static StateFileException Mismatch(string path, string what) => new($"resume state '{path}' {what}; it belongs to another model");
}
