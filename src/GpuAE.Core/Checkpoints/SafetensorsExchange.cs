using System.Text.Json;
using GpuAE.Compute.Cpu;
using GpuAE.IO;
using GpuAE.Layers;
using GpuAE.Models;
using GpuAE.Text;

namespace GpuAE.Checkpoints;

/// <summary>
/// `gpuae export` and `gpuae import`: a checkpoint's weights to a safetensors file and back. Export
/// copies every tensor as it is (float32, same names and order) and puts the model config and the
/// training data in the metadata; import rebuilds the catalog model from that config (or from the
/// one the caller gives, for a file written elsewhere), checks that every tensor the model needs is
/// there with its shape, and writes a checkpoint. PyTorch's BatchNorm counters
/// ("*.num_batches_tracked") are not GpuAE state and are skipped; any other unknown tensor is an error.
/// </summary>
public static class SafetensorsExchange
{
    public const string FormatVersion = "1";
    private const string BatchCounterSuffix = ".num_batches_tracked";

    public static (ModelConfig Config, int Tensors, bool HasTrainingData) Export(string checkpoint, string output)
    {
        var contents = Checkpoint.Read(checkpoint);
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            [Safetensors.ModelKey] = JsonSerializer.Serialize(contents.Config),
            [Safetensors.FormatKey] = FormatVersion,
        };
        if (contents.Training is not null) metadata[Safetensors.TrainingKey] = JsonSerializer.Serialize(contents.Training);
        var tensors = contents.Tensors.Select(t => new Safetensors.Tensor(t.Name, t.Shape, t.Data)).ToList();
        AtomicFile.WriteAllBytes(output, Safetensors.Write(tensors, metadata));
        return (contents.Config, tensors.Count, contents.Training is not null);
    }

    /// <summary>What an import did: the model, the tensors it took and the PyTorch counters it skipped.</summary>
    public sealed record ImportResult(ModelConfig Config, bool ConfigFromFile, int Tensors, int Skipped);

    /// <param name="config">The model to build; null takes the file's "gpuae.model" metadata.</param>
    public static ImportResult Import(string input, ModelConfig? config, string output)
    {
        if (!File.Exists(input)) throw new FileNotFoundException($"--safetensors: {input} not found");
        var contents = Safetensors.Read(File.ReadAllBytes(input), input);
        bool fromFile = config is null;
        config ??= ConfigOf(contents, input);
        var training = TrainingOf(contents, input);
        var expected = ExpectedTensors(config, input);
        var byName = contents.Tensors.ToDictionary(t => t.Name);
        foreach (var (name, shape) in expected)
        {
            if (!byName.TryGetValue(name, out var t))
                throw new CheckpointException($"{input}: tensor '{name}' of model {config.Name} is missing (the file has {Listed(contents.Tensors.Select(x => x.Name))})");
            if (!t.IsFloat32)
                throw new CheckpointException($"{input}: tensor '{name}' is {t.Dtype}; GpuAE reads float32 (F32) weights: convert with tensor.float() before saving");
            if (!t.Shape.SequenceEqual(shape))
                throw new CheckpointException($"{input}: tensor '{name}' has shape [{string.Join(",", t.Shape)}], model {config.Name} needs [{string.Join(",", shape)}]");
        }
        var known = expected.Select(e => e.Name).ToHashSet();
        var unknown = contents.Tensors.Where(t => !known.Contains(t.Name) && !t.Name.EndsWith(BatchCounterSuffix, StringComparison.Ordinal)).ToList();
        if (unknown.Count > 0)
            throw new CheckpointException($"{input}: tensor '{Printable.Of(unknown[0].Name)}' is not part of model {config.Name} ({Text.Plural.Of(unknown.Count, "unknown tensor")}; it needs {Listed(known)})");
        Checkpoint.Save(output, config, training, expected.Select(e => (e.Name, e.Shape, byName[e.Name].Data)));
        int skipped = contents.Tensors.Count - expected.Count;
        return new ImportResult(config, fromFile, expected.Count, skipped);
    }

    private static ModelConfig ConfigOf(Safetensors.Contents contents, string input)
    {
        if (!contents.Metadata.TryGetValue(Safetensors.ModelKey, out var json))
            throw new ArgumentException($"{input} has no {Safetensors.ModelKey} metadata (not written by `gpuae export`): give --model NAME, and --hidden, --latent, --classes, --image-size as it was built");
        try
        {
            var config = JsonSerializer.Deserialize<ModelConfig>(json) ?? throw new JsonException("null");
            ModelCatalog.Find(config.Name);
            return config;
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{input}: its {Safetensors.ModelKey} metadata is not a model config ({e.Message})");
        }
    }

    private static TrainingData? TrainingOf(Safetensors.Contents contents, string input)
    {
        if (!contents.Metadata.TryGetValue(Safetensors.TrainingKey, out var json)) return null;
        try { return JsonSerializer.Deserialize<TrainingData>(json); }
        catch (JsonException e) { throw new CheckpointException($"{input}: its {Safetensors.TrainingKey} metadata is not GpuAE training data ({e.Message})"); }
    }

    /// <summary>The names and shapes of the model's tensors in checkpoint order, from building it once on the CPU.</summary>
    private static List<(string Name, int[] Shape)> ExpectedTensors(ModelConfig config, string input)
    {
        using var acc = new CpuAccelerator();
        Network network;
        try { network = ModelCatalog.Create(config); }
        catch (ArgumentException e) { throw new CheckpointException($"{input}: model config {config.Name} cannot be built ({e.Message})"); }
        using (network)
        {
            try { network.Build(acc, new TensorShape(config.InputChannels, config.InputHeight, config.InputWidth), 1, seed: 0); }
            catch (ArgumentException e) { throw new CheckpointException($"{input}: model {config.Name} cannot take {config.InputWidth}x{config.InputHeight} inputs ({e.Message})"); }
            return [.. Checkpoint.NamedTensors(network).Select(t => (t.Name, t.Shape))];
        }
    }

    private static string Listed(IEnumerable<string> names)
    {
        var list = names.ToList();
        var shown = list.Take(6).Select(n => Printable.Of(n, 40));
        return list.Count == 0 ? "no tensors" : string.Join(", ", shown) + (list.Count > 6 ? $", ... ({list.Count} in all)" : "");
    }
}
