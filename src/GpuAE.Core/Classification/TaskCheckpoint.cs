using GpuAE.Checkpoints;
using GpuAE.Compute;
using GpuAE.Layers;
using GpuAE.Models;

namespace GpuAE.Classification;

/// <summary>
/// Loads a checkpoint that must hold a model of one task, so a denoiser passed where a classifier
/// belongs (or the reverse) fails in one line naming the option, before any data is read.
/// </summary>
public static class TaskCheckpoint
{
    /// <summary>The checkpoint's config, after checking its model's task; `option` names the flag in errors (e.g. "--classifier").</summary>
    public static ModelConfig ReadConfig(string path, ModelTask task, string option)
    {
        var config = Checkpoint.ReadConfig(path);
        var entry = ModelCatalog.All.FirstOrDefault(e => string.Equals(e.Name, config.Name, StringComparison.OrdinalIgnoreCase))
            ?? throw new CheckpointException($"{option}: checkpoint '{path}' holds model '{config.Name}', which this GpuAE does not know");
        if (entry.Task != task)
            throw new CheckpointException($"{option}: checkpoint '{path}' holds {entry.Name}, a {Describe(entry.Task)}; {option} needs a {Describe(task)} checkpoint");
        return config;
    }

    /// <param name="input">The input size to build the model for (null: the size it was trained at).</param>
    public static (ModelConfig Config, Network Network) Load(string path, ModelTask task, string option, Accelerator acc, int maxBatch, TensorShape? input = null)
    {
        ReadConfig(path, task, option);
        return Checkpoint.Load(path, acc, maxBatch, input);
    }

    private static string Describe(ModelTask task) => task == ModelTask.Classifier ? "classifier" : "denoising autoencoder";
}
