using GpuAE.Checkpoints;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Models;

namespace GpuAE.Stacked;

/// <summary>
/// `svm --features stacked:CKPT`: the top-layer codes (the last Sigmoid's outputs) of a `gpuae
/// stacked` checkpoint, with or without a classifier head, computed on the device.
/// </summary>
public static class StackedFeatures
{
    public const int EncodeBatch = 256;

    /// <summary>The codes of <paramref name="splits"/>, each a dataset of 1 x top-width samples with the original labels.</summary>
    /// <exception cref="CheckpointException">the checkpoint is missing or corrupt</exception>
    /// <exception cref="StackedException">the checkpoint is not a stacked autoencoder or does not fit the data</exception>
    public static Dataset[] Encode(Accelerator acc, string checkpoint, params Dataset[] splits)
    {
        var config = Checkpoint.ReadConfig(checkpoint);
        if (!string.Equals(config.Name, StackedModel.Name, StringComparison.OrdinalIgnoreCase))
            throw new StackedException($"--features stacked:{checkpoint}: the checkpoint holds a '{config.Name}' model; it needs one written by `gpuae stacked`");
        foreach (var d in splits)
            if (d.Height != config.InputHeight || d.Width != config.InputWidth)
                throw new StackedException($"--features stacked:{checkpoint}: the stack takes {config.InputHeight}x{config.InputWidth} images, {d.Name} has {d.Height}x{d.Width}");
        var (_, network) = Checkpoint.Load(checkpoint, acc, EncodeBatch);
        using (network)
        {
            int top = 2 * StackedModel.UnitsOf(config).Length - 1;
            return [.. splits.Select(d => CodeEncoder.Encode(acc, network, top, d))];
        }
    }
}
