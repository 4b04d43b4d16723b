using CommandLine;
using GpuAE.Analysis;
using GpuAE.Checkpoints;
using GpuAE.Noise;

namespace GpuAE.Cli.Commands;

[Verb("encode", HelpText = "Write a model's latent codes (or any layer's outputs) of a split's images to codes.csv or codes.npy, one row per image.")]
public sealed class EncodeOptions : DatasetOptions, ICommand
{
    [Option("checkpoint", Required = true, HelpText = "model.gae of a trained model")] public string CheckpointPath { get; set; } = "";
    [Option("split", Default = "test", HelpText = "test | train")] public string Split { get; set; } = "test";
    [Option("noise", Default = "none", HelpText = "noise applied to the images before encoding (see `Noise specs` in the README)")] public string Noise { get; set; } = "none";
    [Option("limit", HelpText = "encode only the first N images of the split (default: all)")] public int? Limit { get; set; }
    [Option("layer", Default = LatentCodes.Code, HelpText = "code (the bottleneck, as tsne embeds) | output (the reconstruction, or a classifier's logits) | a layer index of `gpuae models`")]
    public string Layer { get; set; } = LatentCodes.Code;
    [Option("batch", Default = 256, HelpText = "images per forward pass")] public int Batch { get; set; } = 256;
    [Option("seed", Default = 1UL, HelpText = "noise seed")] public ulong Seed { get; set; } = 1;
    [Option("out", Required = true, HelpText = "codes.csv (index,label,class,code1..codeD) or codes.npy (float32 N x D, with codes.labels.npy and codes.classes.txt beside it)")]
    public string Out { get; set; } = "";

    public int Run()
    {
        var noise = NoiseSpec.Parse(Noise);
        if (Split is not ("test" or "train")) throw new UsageException($"--split '{Split}': use test or train");
        if (Limit is <= 0) throw new UsageException($"--limit must be positive, got {Limit}");
        if (Batch <= 0) throw new UsageException($"--batch must be positive, got {Batch}");
        if (!CodeFiles.IsCsv(Out) && !CodeFiles.IsNpy(Out)) throw new UsageException($"--out '{Out}': codes are written as .csv or .npy");
        LatentCodes.CheckLayerChoice(Layer);
        UseCheckpointData(CheckpointPath, Checkpoint.ReadTrainingData(CheckpointPath));
        var data = LoadSplit(Split);
        int count = Math.Min(Limit ?? data.Count, data.Count);
        using var acc = OpenAccelerator();
        var e = LatentCodes.EncodeCheckpoint(acc, CheckpointPath, data, count, noise, Seed, Layer, Batch);
        var files = CodeFiles.Write(Out, new CodeFiles.Codes(e.Codes, count, e.Dimension, data.Labels[..count], data.ClassNames));
        Console.WriteLine($"encoded {Text.Plural.Of(count, $"{Split} image")} of {DatasetName} with {e.Config.Name}, noise {noise}, into {e.Dimension} values each " +
            $"(layer {e.Layer}: {e.LayerDescription}), device {acc}");
        Console.WriteLine($"wrote {string.Join(", ", files.Select(Path.GetFullPath))}");
        return 0;
    }
}
